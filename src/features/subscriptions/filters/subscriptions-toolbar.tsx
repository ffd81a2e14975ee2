import type { Ref } from 'react';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { cn } from '@/lib/cn';
import { formatCount } from '@/lib/format';
import type { Counts } from './filter';
import type { SortDirection, SortKey, StatusFilter, ViewState } from '../model/view';

/** Search, status filter and sort: what the table shows. The counts are undefined while loading. */

const SORT_OPTIONS: { sort: SortKey; dir: SortDirection; label: string }[] = [
  { sort: 'url', dir: 'asc', label: 'Target URL, A to Z' },
  { sort: 'url', dir: 'desc', label: 'Target URL, Z to A' },
  { sort: 'updated', dir: 'desc', label: 'Recently changed first' },
  { sort: 'updated', dir: 'asc', label: 'Least recently changed first' },
  { sort: 'created', dir: 'desc', label: 'Newest first' },
  { sort: 'created', dir: 'asc', label: 'Oldest first' },
];

const STATUSES: { status: StatusFilter; label: string; count: 'total' | 'active' | 'inactive' }[] = [
  { status: 'all', label: 'All', count: 'total' },
  { status: 'active', label: 'Active', count: 'active' },
  { status: 'inactive', label: 'Inactive', count: 'inactive' },
];

export interface SubscriptionsToolbarProps {
  view: ViewState;
  counts: Counts | undefined;
  onViewChange: (patch: Partial<ViewState>) => void;
  searchRef: Ref<HTMLInputElement>;
  /** ArrowDown in the search box: on into the table. */
  onEnterTable: () => void;
}

export function SubscriptionsToolbar({
  view,
  counts,
  onViewChange,
  searchRef,
  onEnterTable,
}: SubscriptionsToolbarProps) {
  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Subscriptions">
      <div className="min-w-64 flex-1">
        <label htmlFor="subscription-search" className="mb-1 block text-xs font-medium text-fg-soft">
          Search
        </label>
        <Input
          ref={searchRef}
          id="subscription-search"
          type="search"
          value={view.q}
          onChange={(event) => onViewChange({ q: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              onEnterTable();
            }
          }}
          placeholder="URL, id, event type or phone number"
          autoComplete="off"
        />
      </div>
      <fieldset className="flex flex-col">
        <legend className="mb-1 text-xs font-medium text-fg-soft">Status</legend>
        <div className="inline-flex rounded-md border border-line-strong p-0.5">
          {STATUSES.map(({ status, label, count }) => (
            <label
              key={status}
              className={cn(
                'cursor-pointer rounded px-3 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
                view.status === status ? 'bg-inverse text-on-inverse' : 'text-fg-soft hover:bg-surface-hover',
              )}
            >
              <input
                type="radio"
                name="status"
                value={status}
                checked={view.status === status}
                onChange={() => onViewChange({ status })}
                className="sr-only"
              />
              {label} {/* Room for the count from the first paint: the buttons do not move when it arrives. */}
              <span className="inline-block min-w-[6ch] tabular-nums">{counts ? formatCount(counts[count]) : '–'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="subscription-sort" className="mb-1 block text-xs font-medium text-fg-soft">
          Sort
        </label>
        <NativeSelect
          id="subscription-sort"
          value={`${view.sort}:${view.dir}`}
          onChange={(event) => {
            const option = SORT_OPTIONS.find(({ sort, dir }) => `${sort}:${dir}` === event.target.value);
            if (option) onViewChange({ sort: option.sort, dir: option.dir });
          }}
        >
          {SORT_OPTIONS.map((option) => (
            <option key={`${option.sort}:${option.dir}`} value={`${option.sort}:${option.dir}`}>
              {option.label}
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}
