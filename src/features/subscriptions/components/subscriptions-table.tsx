import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type FocusEvent } from 'react';
import type { Subscription } from '@contract/schemas';
import type { SortDirection, SortKey } from '../lib/view';
import { usePhoneFormatter } from '../lib/use-phone-formatter';
import { ROW_HEIGHT, SubscriptionRow } from './subscription-row';

/**
 * The review table. Rows are virtualised against the page scroll (@tanstack/react-virtual), so
 * 10,000 subscriptions keep a few dozen rows in the DOM; spacer rows keep it a real <table>.
 * Rows have one fixed height (ROW_HEIGHT), so the virtualiser places them exactly.
 */

const OVERSCAN = 8;

export interface SubscriptionsTableProps {
  subscriptions: readonly Subscription[];
  catalog: readonly string[] | undefined;
  sort: SortKey;
  dir: SortDirection;
  onEdit: (id: string) => void;
  onPrefetch: () => void;
  /** Called when the focused row leaves and no row is left to take the focus (the table is going away). */
  onFocusLost?: () => void;
}

const COLUMNS: { label: string; sortKey?: SortKey; className: string }[] = [
  { label: 'Target URL', sortKey: 'url', className: 'w-[32%] pl-4 pr-3' },
  { label: 'Status', className: 'w-[9rem] px-3' },
  { label: 'Events', className: 'w-[26%] px-3' },
  { label: 'Phone filter', className: 'w-[10.5rem] px-3' },
  { label: 'Last change', sortKey: 'updated', className: 'w-[8.5rem] px-3' },
  { label: 'Actions', className: 'w-[5.5rem] pl-3 pr-4 text-right' },
];

const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Where focus is in the table: which row, which column, which of the column's controls. */
interface FocusSpot {
  element: Element;
  id: string;
  cell: number;
  control: number;
}

function focusSpot(element: Element): FocusSpot | null {
  const cell = element.closest('td');
  const row = cell?.closest('tr');
  const id = row?.getAttribute('data-subscription-id');
  if (!cell || !row || !id) return null;
  return { element, id, cell: cell.cellIndex, control: [...cell.querySelectorAll(FOCUSABLE)].indexOf(element) };
}

/** The row that takes a removed row's place: the next one still shown, else the previous one. */
function replacementId(
  id: string,
  before: readonly Subscription[],
  after: readonly Subscription[],
): string | undefined {
  const shown = new Set(after.map((subscription) => subscription.id));
  const index = before.findIndex((subscription) => subscription.id === id);
  if (index === -1) return after[0]?.id;
  const next = before.slice(index + 1).find((subscription) => shown.has(subscription.id));
  return next?.id ?? before.slice(0, index).findLast((subscription) => shown.has(subscription.id))?.id;
}

function focusInRow(body: HTMLTableSectionElement, id: string, spot: FocusSpot): boolean {
  const row = [...body.rows].find((candidate) => candidate.getAttribute('data-subscription-id') === id);
  const cell = row?.cells[spot.cell];
  if (!row || !cell) return false;
  const controls = [...cell.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const target = controls[spot.control] ?? controls[0] ?? row.querySelector<HTMLElement>('[data-edit-button]');
  if (!target) return false;
  target.focus();
  return true;
}

export function SubscriptionsTable({
  subscriptions,
  catalog,
  sort,
  dir,
  onEdit,
  onPrefetch,
  onFocusLost,
}: SubscriptionsTableProps) {
  const formatPhone = usePhoneFormatter();
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  // A control that leaves the DOM with focus on it would drop focus to the page: a switch turned
  // off under the Active filter, or one whose row jumps out of the rendered rows under "Recently
  // changed first". It goes to the same column of the row that takes its place.
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
    const body = bodyRef.current;
    if (!spot || !body || spot.element.isConnected) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    const id = replacementId(spot.id, before, subscriptions);
    if (!id || !focusInRow(body, id, spot)) focusLost.current?.();
  }, [subscriptions]);
  useLayoutEffect(() => {
    // Runs after the effect above: a control scrolled out of the rendered rows is let go, so a
    // later change of the list does not pull the focus back to where the reader left.
    if (focused.current && !focused.current.element.isConnected) focused.current = null;
  });
  useLayoutEffect(() => {
    const body = bodyRef.current;
    // Runs before the table leaves the page, while the focused control is still in it.
    return () => {
      if (body?.contains(document.activeElement)) focusLost.current?.();
    };
  }, []);
  const onFocus = (event: FocusEvent<HTMLTableSectionElement>) => {
    focused.current = focusSpot(event.target);
  };

  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the rows start on the page; measured again whenever the page's layout changes size
  // (a banner above the table, a header that wraps), or the window would be off by that much.
  useLayoutEffect(() => {
    const measure = () =>
      setScrollMargin(bodyRef.current ? bodyRef.current.getBoundingClientRect().top + window.scrollY : 0);
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
  const bottom =
    items.length > 0 ? virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? 0) - scrollMargin) : 0;

  return (
    <table className="w-full table-fixed border-collapse text-left">
      <caption className="sr-only">Webhook subscriptions</caption>
      <thead className="sticky top-0 z-10 bg-surface-muted text-xs font-semibold tracking-wide text-fg-soft uppercase">
        <tr className="border-b border-line">
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
      {/* A control that takes focus is scrolled clear of the sticky header, not under it. */}
      <tbody ref={bodyRef} onFocus={onFocus} className="[&_*]:scroll-mt-12">
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
