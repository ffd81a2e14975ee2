import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';

/**
 * The table's keyboard model: one tab stop (the active row's handle, its URL), ArrowUp/ArrowDown
 * (and k/j) to move between rows keeping the column, ArrowLeft/ArrowRight between a row's
 * controls, Home/End and PageUp/PageDown for long jumps, `x` to select the row. A row outside the rendered window is
 * scrolled in first (`scrollToIndex`), then focused once it has rendered.
 */

const PAGE = 10;
const CONTROL = '[data-row-control]';

export function rowControls(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(CONTROL)];
}

export function rowOf(element: Element | null): HTMLTableRowElement | null {
  return element?.closest<HTMLTableRowElement>('tr[data-subscription-id]') ?? null;
}

export function useRowNavigation({
  ids,
  body,
  scrollToIndex,
  onToggleSelect,
}: {
  /** The shown rows' ids, in order. */
  ids: readonly string[];
  body: React.RefObject<HTMLTableSectionElement | null>;
  scrollToIndex: (index: number) => void;
  /** `x`: the focused row in or out of the selection. */
  onToggleSelect: (id: string) => void;
}) {
  const indexOf = useMemo(() => new Map(ids.map((id, index) => [id, index])), [ids]);
  const [chosen, setChosen] = useState<string>();
  const activeId = chosen !== undefined && indexOf.has(chosen) ? chosen : ids[0];
  /** Where focus goes once the row has rendered: a control by its place in the row, or the row's handle (its URL). */
  const pending = useRef<{ id: string; control: number | 'handle' } | null>(null);

  const focusPending = useCallback(() => {
    const target = pending.current;
    const row = target && body.current?.querySelector(`tr[data-subscription-id="${CSS.escape(target.id)}"]`);
    if (!target || !row) return;
    pending.current = null;
    const controls = rowControls(row);
    const handle = row.querySelector<HTMLElement>('[data-row-handle]');
    (target.control === 'handle' ? handle : (controls[target.control] ?? handle))?.focus();
  }, [body]);
  // After every render: a row scrolled into the window has rendered now.
  useLayoutEffect(focusPending);

  const moveTo = useCallback(
    (index: number, control: number | 'handle' = 'handle') => {
      const clamped = Math.max(0, Math.min(ids.length - 1, index));
      const id = ids[clamped];
      if (id === undefined) return;
      setChosen(id);
      pending.current = { id, control };
      scrollToIndex(clamped);
      focusPending();
    },
    [ids, scrollToIndex, focusPending],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.metaKey || event.ctrlKey) return;
    const row = rowOf(event.target as Element);
    const id = row?.getAttribute('data-subscription-id');
    const index = id ? indexOf.get(id) : undefined;
    if (!row || index === undefined) return;
    const controls = rowControls(row);
    const control = Math.max(0, controls.indexOf(event.target as HTMLElement));
    const go = (next: number, nextControl: number | 'handle' = control) => {
      event.preventDefault();
      moveTo(next, nextControl);
    };
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        return go(index + 1);
      case 'ArrowUp':
      case 'k':
        return go(index - 1);
      case 'PageDown':
        return go(index + PAGE);
      case 'PageUp':
        return go(index - PAGE);
      case 'Home':
        return go(0, 'handle');
      case 'End':
        return go(ids.length - 1, 'handle');
      case 'x':
        event.preventDefault();
        return onToggleSelect(id!);
      case 'ArrowRight':
        event.preventDefault();
        return controls[Math.min(controls.length - 1, control + 1)]?.focus();
      case 'ArrowLeft':
        event.preventDefault();
        return controls[Math.max(0, control - 1)]?.focus();
    }
  };

  /** Whichever way focus came into a row (click, Tab, a moved focus), that row is the active one. */
  const onFocus = (event: React.FocusEvent<HTMLTableSectionElement>) => {
    const id = rowOf(event.target)?.getAttribute('data-subscription-id');
    if (id) setChosen(id);
  };

  /** Focus into the table at its active row (from the search box's ArrowDown). */
  const focusActive = useCallback(() => {
    const index = activeId === undefined ? undefined : indexOf.get(activeId);
    if (index !== undefined) moveTo(index);
  }, [activeId, indexOf, moveTo]);

  return { activeId, onKeyDown, onFocus, focusActive };
}
