import type { RefObject } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/lib/cn';
import type { SortDirection, SortKey } from '../model/view';

/** The sticky header's height: a row scrolled to lands below it, not under it. */
export const TABLE_HEADER_HEIGHT = 36;

export interface Column {
  label: string;
  sortKey?: SortKey;
  className: string;
}

/** The table's sticky header: the column names, the sort shown, and the checkbox for the rows in view. */
export function TableHead({
  columns,
  headers,
  sort,
  dir,
  inView,
  selectedInView,
  onSelectMany,
}: {
  columns: Column[];
  /** The header cells, measured by the table for its column widths. */
  headers: RefObject<(HTMLTableCellElement | null)[]>;
  sort: SortKey;
  dir: SortDirection;
  /** Ids of the rows in view (the window the virtualiser shows, not its overscan). */
  inView: string[];
  selectedInView: number;
  onSelectMany: (ids: string[], on: boolean) => void;
}) {
  const headerState = selectedInView === 0 ? false : selectedInView === inView.length ? true : 'indeterminate';
  return (
    <thead className="sticky top-0 z-10 bg-surface-muted text-xs font-semibold tracking-wide text-fg-soft uppercase">
      <tr className="border-b border-line" style={{ height: TABLE_HEADER_HEIGHT }}>
        {columns.map((column, index) => (
          <th
            key={column.label}
            ref={(element) => {
              headers.current[index] = element;
            }}
            scope="col"
            className={cn('py-2 whitespace-nowrap', column.className)}
            aria-sort={column.sortKey === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {column.label === 'Select' ? (
              <Checkbox
                checked={headerState}
                disabled={inView.length === 0}
                aria-label={`Select the ${inView.length} rows in view`}
                onCheckedChange={() => onSelectMany(inView, headerState !== true)}
              />
            ) : column.label === 'Actions' ? (
              <span className="sr-only">Actions</span>
            ) : (
              column.label
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}
