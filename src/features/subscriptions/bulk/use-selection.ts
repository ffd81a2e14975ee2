import { useCallback, useMemo, useRef, useState } from 'react';

/**
 * The selection: a set of subscription ids, whatever is rendered (the table is virtualised), so
 * it survives scrolling, sorting and refetches. A subscription gone from the list (deleted
 * elsewhere) drops out of it. Shift extends from the last toggled row over the rows in view.
 */
export function useSelection(listedIds: readonly string[]) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | undefined>(undefined);
  const listed = useMemo(() => new Set(listedIds), [listedIds]);
  const selected = useMemo(() => {
    if ([...chosen].every((id) => listed.has(id))) return chosen;
    return new Set([...chosen].filter((id) => listed.has(id)));
  }, [chosen, listed]);

  /** Toggles one row; with `range`, every row from the last toggled one to it (in `order`) takes its new state. */
  const toggle = useCallback((id: string, range?: { order: readonly string[] }) => {
    const last = anchor.current;
    anchor.current = id;
    setChosen((current) => {
      const next = new Set(current);
      const on = !current.has(id);
      const from = last === undefined || !range ? -1 : range.order.indexOf(last);
      const to = range ? range.order.indexOf(id) : -1;
      const ids = from !== -1 && to !== -1 ? range!.order.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
      for (const each of ids) {
        if (on) next.add(each);
        else next.delete(each);
      }
      return next;
    });
  }, []);

  const setMany = useCallback((ids: readonly string[], on: boolean) => {
    setChosen((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const replace = useCallback((ids: readonly string[]) => setChosen(new Set(ids)), []);
  const clear = useCallback(() => {
    anchor.current = undefined;
    setChosen(new Set());
  }, []);

  return { selected, toggle, setMany, replace, clear };
}

export type Selection = ReturnType<typeof useSelection>;
