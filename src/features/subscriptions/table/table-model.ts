import { createContext, useContext } from 'react';
import type { Label } from '@contract/console';
import type { Subscription } from '@contract/schemas';
import type { Problem } from '../model/problems';
import type { SortDirection, SortKey } from '../model/view';

/**
 * The review table's view model: what the page knows and the table shows, as one object built
 * by the page (memoised), instead of props handed from page to table to row.
 */

/** What every row reads: the same for all rows, so it reaches them through context. */
export interface RowModel {
  /** The console's labels, by subscription id: the name shows above the URL. */
  labels: ReadonlyMap<string, Label>;
  /** The catalog's types, once loaded, to say "All 18 catalog events". */
  catalog: readonly string[] | undefined;
  /** The event filter's types: shown first and marked. */
  highlighted: readonly string[];
  problemsOf: (subscription: Subscription) => readonly Problem[];
  formatPhone: (e164: string) => string;
  /** False for a viewer: the switches and Duplicate are disabled. */
  canWrite: boolean;
  /** `range`: shift was held (select from the last toggled row to this one). */
  onSelect: (id: string, range: boolean) => void;
  onEdit: (id: string) => void;
  onDuplicate: (id: string) => void;
}

export interface TableModel {
  /** The rows the view shows, in its order. */
  subscriptions: readonly Subscription[];
  /** Every subscription of the account: URLs are shortened so that none reads like another. */
  all: readonly Subscription[];
  sort: SortKey;
  dir: SortDirection;
  /** Ids of the selection (bulk/use-selection.ts). */
  selected: ReadonlySet<string>;
  /** The header checkbox: these rows (the ones in view) on or off. */
  onSelectMany: (ids: string[], on: boolean) => void;
  /** Called when the focused row leaves and no row is left to take the focus (the table is going away). */
  onFocusLost?: () => void;
  row: RowModel;
}

export const RowModelContext = createContext<RowModel | null>(null);

export function useRowModel(): RowModel {
  const model = useContext(RowModelContext);
  if (!model) throw new Error('A subscription row renders inside the table (RowModelContext).');
  return model;
}
