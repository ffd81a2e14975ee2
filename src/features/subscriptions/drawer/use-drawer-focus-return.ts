import { useLayoutEffect } from 'react';

/**
 * The drawer unmounts on close (so Radix never sees a trigger to return to): focus is restored
 * here. It goes to the control that opened the drawer, else the row's Edit button (a row opened
 * by a click), else the Edit button of the row below or above it (the row was deleted: the
 * operator stays at their place in the list), else "New subscription".
 */
export function useDrawerFocusReturn(editId: string | undefined): void {
  useLayoutEffect(() => {
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
    const neighbours = neighbourIds(editId);
    return () => {
      // After the drawer and its focus trap are gone.
      setTimeout(() => restoreFocus(opener, editId, neighbours), 0);
    };
  }, [editId]);
}

const rowOf = (id: string) => document.querySelector(`tr[data-subscription-id="${CSS.escape(id)}"]`);

const editButtonOf = (id: string | null | undefined) =>
  id ? (rowOf(id)?.querySelector<HTMLElement>('[data-edit-button]') ?? null) : null;

function restoreFocus(opener: HTMLElement | null, editId: string | undefined, neighbours: readonly (string | null)[]) {
  const candidates = [
    opener,
    editButtonOf(editId),
    ...neighbours.map(editButtonOf),
    document.querySelector<HTMLElement>('[data-new-subscription]'),
  ];
  candidates.find((element) => element?.isConnected)?.focus();
}

/** The ids of the rows below and above a subscription's row, if it is rendered. */
function neighbourIds(editId: string | undefined): (string | null)[] {
  const row = editId ? rowOf(editId) : null;
  return [row?.nextElementSibling, row?.previousElementSibling].map(
    (element) => element?.getAttribute('data-subscription-id') ?? null,
  );
}
