import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useImperativeHandle, useMemo, useRef, type FocusEvent, type Ref } from 'react';
import { ROW_HEIGHT, SubscriptionRow } from './subscription-row';
import { TABLE_HEADER_HEIGHT, TableHead, type Column } from './table-head';
import { RowModelContext, type TableModel } from './table-model';
import { useFocusRetention } from './use-focus-retention';
import { useRowNavigation } from './use-row-navigation';
import { useTableLayout } from './use-table-layout';
import { useUrlShortener } from './use-url-shortener';

/**
 * The review table. Rows are virtualised against the page scroll (@tanstack/react-virtual), so
 * 10,000 subscriptions keep a few dozen rows in the DOM; spacer rows keep it a real <table>.
 * Rows have one fixed height (ROW_HEIGHT), so the virtualiser places them exactly. It is one tab
 * stop, moved through with the arrow keys (useRowNavigation).
 */

const OVERSCAN = 2;

export interface TableHandle {
  /** Moves the focus to the table's active row (the search box's ArrowDown). */
  focusActiveRow: () => void;
}

export interface SubscriptionsTableProps {
  model: TableModel;
  handle?: Ref<TableHandle>;
}

/** Widths per column at 1024 px and from 1280 px (`xl:`); the URL takes the rest. */
const COLUMNS: Column[] = [
  { label: 'Select', className: 'w-11 pl-4 pr-1' },
  { label: 'Target URL', sortKey: 'url', className: 'pl-2 pr-3' },
  { label: 'Status', className: 'w-32 px-3' },
  { label: 'Events', className: 'w-36 px-3 xl:w-72' },
  { label: 'Phone filter', className: 'w-32 px-3 xl:w-44' },
  { label: 'Attention', className: 'w-32 px-3 xl:w-56' },
  { label: 'Last change', sortKey: 'updated', className: 'w-28 px-3' },
  { label: 'Actions', className: 'w-24 pl-2 pr-3 text-right' },
];

export function SubscriptionsTable({ model, handle }: SubscriptionsTableProps) {
  const { subscriptions, all, sort, dir, selected, onSelectMany, onFocusLost } = model;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const headers = useRef<(HTMLTableCellElement | null)[]>([]);
  const { scrollMargin, urlWidth, eventsWidth } = useTableLayout(bodyRef, headers);

  const virtualizer = useWindowVirtualizer({
    count: subscriptions.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin,
    scrollPaddingStart: TABLE_HEADER_HEIGHT,
    // Keys by index (the default): rows have one fixed height, so nothing is measured per row,
    // and the 10,000 positions are not computed again whenever the list array changes.
  });
  const ids = useMemo(() => subscriptions.map((subscription) => subscription.id), [subscriptions]);
  const navigation = useRowNavigation({
    ids,
    body: bodyRef,
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    onToggleSelect: (id) => model.row.onSelect(id, false),
  });
  useImperativeHandle(handle, () => ({ focusActiveRow: navigation.focusActive }), [navigation.focusActive]);
  const retainFocus = useFocusRetention(subscriptions, bodyRef, onFocusLost);
  const shorten = useUrlShortener(all, urlWidth);

  const items = virtualizer.getVirtualItems();
  // The header checkbox acts on the rows in view (the window the virtualiser shows, not its overscan).
  const range = virtualizer.range;
  const inView = range ? ids.slice(range.startIndex, range.endIndex + 1) : [];
  const selectedInView = inView.filter((id) => selected.has(id)).length;
  const top = items.length > 0 ? (items[0]?.start ?? 0) - scrollMargin : 0;
  const bottom =
    items.length > 0 ? virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? 0) - scrollMargin) : 0;
  const onFocus = (event: FocusEvent<HTMLTableSectionElement>) => {
    retainFocus(event);
    navigation.onFocus(event);
  };

  return (
    <table
      className="w-full min-w-[60rem] table-fixed border-collapse text-left"
      aria-rowcount={subscriptions.length + 1}
    >
      <caption className="sr-only">
        Webhook subscriptions. One tab stop: arrow keys or j and k move between rows, left and right between a
        row&apos;s controls, Enter opens.
      </caption>
      <TableHead
        columns={COLUMNS}
        headers={headers}
        sort={sort}
        dir={dir}
        inView={inView}
        selectedInView={selectedInView}
        onSelectMany={onSelectMany}
      />
      {/* A control that takes focus is scrolled clear of the sticky header, not under it. */}
      <RowModelContext value={model.row}>
        <tbody ref={bodyRef} onFocus={onFocus} onKeyDown={navigation.onKeyDown} className="[&_*]:scroll-mt-12">
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
                rowIndex={item.index + 2}
                subscription={subscription}
                short={shorten(subscription)}
                shownEvents={eventsWidth === 0 || eventsWidth >= 240 ? 2 : 1}
                tabStop={subscription.id === navigation.activeId}
                selected={selected.has(subscription.id)}
              />
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: bottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </RowModelContext>
    </table>
  );
}
