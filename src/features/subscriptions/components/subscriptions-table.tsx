import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Subscription } from '../api/schemas';
import type { SortDirection, SortKey } from '../lib/view';
import { usePhoneFormatter } from '../lib/use-phone-formatter';
import { ROW_HEIGHT, SubscriptionRow } from './subscription-row';

/**
 * The review table. Rows are virtualised against the page scroll (@tanstack/react-virtual), so
 * 10,000 subscriptions keep a few dozen rows in the DOM; spacer rows keep it a real <table>.
 */

const OVERSCAN = 8;

export interface SubscriptionsTableProps {
  subscriptions: readonly Subscription[];
  catalog: readonly string[] | undefined;
  sort: SortKey;
  dir: SortDirection;
  onEdit: (id: string) => void;
  onPrefetch: () => void;
}

const COLUMNS: { label: string; sortKey?: SortKey; className: string }[] = [
  { label: 'Target URL', sortKey: 'url', className: 'w-[32%] pl-4 pr-3' },
  { label: 'Status', className: 'w-[9rem] px-3' },
  { label: 'Events', className: 'w-[26%] px-3' },
  { label: 'Phone filter', className: 'w-[10.5rem] px-3' },
  { label: 'Last change', sortKey: 'updated', className: 'w-[8.5rem] px-3' },
  { label: 'Actions', className: 'w-[5.5rem] pl-3 pr-4 text-right' },
];

export function SubscriptionsTable({ subscriptions, catalog, sort, dir, onEdit, onPrefetch }: SubscriptionsTableProps) {
  const formatPhone = usePhoneFormatter();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the rows start on the page; measured again whenever the page's layout changes size
  // (a banner above the table, a header that wraps), or the window would be off by that much.
  useLayoutEffect(() => {
    const measure = () => setScrollMargin(bodyRef.current ? bodyRef.current.getBoundingClientRect().top + window.scrollY : 0);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: subscriptions.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey: (index) => subscriptions[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const top = items.length > 0 ? (items[0]?.start ?? 0) - scrollMargin : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? 0) - scrollMargin) : 0;

  return (
    <table className="w-full table-fixed border-collapse text-left">
      <caption className="sr-only">Webhook subscriptions</caption>
      <thead className="sticky top-0 z-10 bg-zinc-50 text-xs font-semibold tracking-wide text-zinc-700 uppercase dark:bg-zinc-900 dark:text-zinc-300">
        <tr className="border-b border-zinc-200 dark:border-zinc-800">
          {COLUMNS.map((column) => (
            <th
              key={column.label}
              scope="col"
              className={`py-2.5 ${column.className}`}
              aria-sort={column.sortKey === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {column.label === 'Actions' ? <span className="sr-only">Actions</span> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {top > 0 && (
          <tr aria-hidden="true">
            <td colSpan={COLUMNS.length} style={{ height: top, padding: 0 }} />
          </tr>
        )}
        {items.map((item) => {
          const subscription = subscriptions[item.index];
          if (!subscription) return null;
          return (
            <SubscriptionRow
              key={subscription.id}
              subscription={subscription}
              catalog={catalog}
              formatPhone={formatPhone}
              onEdit={onEdit}
              onPrefetch={onPrefetch}
            />
          );
        })}
        {bottom > 0 && (
          <tr aria-hidden="true">
            <td colSpan={COLUMNS.length} style={{ height: bottom, padding: 0 }} />
          </tr>
        )}
      </tbody>
    </table>
  );
}
