import { useLayoutEffect, useRef, type FocusEvent } from 'react';
import type { Subscription } from '@contract/schemas';
import { rowControls, rowOf } from './use-row-navigation';

/**
 * A control that leaves the DOM with focus on it would drop focus to the page: a switch turned
 * off under the Active filter, a row deleted elsewhere, or one that jumps out of the rendered
 * rows under "Recently changed first". Focus goes to the same control of the row that takes its
 * place (the next one still shown, else the previous one), or `onFocusLost` when none is left.
 */

interface FocusSpot {
  element: Element;
  id: string;
  control: number;
}

function focusSpot(element: Element): FocusSpot | null {
  const row = rowOf(element);
  const id = row?.getAttribute('data-subscription-id');
  if (!row || !id) return null;
  return { element, id, control: rowControls(row).indexOf(element as HTMLElement) };
}

/** The row that takes a removed row's place: the next one still shown, else the previous one. */
function replacementId(id: string, before: readonly Subscription[], after: readonly Subscription[]) {
  const shown = new Set(after.map((subscription) => subscription.id));
  const index = before.findIndex((subscription) => subscription.id === id);
  if (index === -1) return after[0]?.id;
  const next = before.slice(index + 1).find((subscription) => shown.has(subscription.id));
  return next?.id ?? before.slice(0, index).findLast((subscription) => shown.has(subscription.id))?.id;
}

export function useFocusRetention(
  subscriptions: readonly Subscription[],
  body: React.RefObject<HTMLTableSectionElement | null>,
  onFocusLost: (() => void) | undefined,
) {
  const focused = useRef<FocusSpot | null>(null);
  const previous = useRef(subscriptions);
  const focusLost = useRef(onFocusLost);
  useLayoutEffect(() => {
    focusLost.current = onFocusLost;
  });
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = subscriptions;
    const spot = focused.current;
    if (!spot || !body.current || spot.element.isConnected) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    const id = replacementId(spot.id, before, subscriptions);
    const row = id ? body.current.querySelector(`tr[data-subscription-id="${CSS.escape(id)}"]`) : null;
    const controls = row ? rowControls(row) : [];
    const target = controls[spot.control] ?? controls[0];
    if (target) target.focus();
    else focusLost.current?.();
  }, [subscriptions, body]);
  useLayoutEffect(() => {
    // Runs after the effect above: a control scrolled out of the rendered rows is let go, so a
    // later change of the list does not pull the focus back to where the reader left.
    if (focused.current && !focused.current.element.isConnected) focused.current = null;
  });
  useLayoutEffect(() => {
    const element = body.current;
    // Runs before the table leaves the page, while the focused control is still in it.
    return () => {
      if (element?.contains(document.activeElement)) focusLost.current?.();
    };
  }, [body]);

  return (event: FocusEvent<HTMLTableSectionElement>) => {
    focused.current = focusSpot(event.target);
  };
}
