import { memo, type MouseEvent } from 'react';
import type { Subscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/lib/cn';
import { useToggleActive } from '../api/use-toggle-active';
import { useToggleStatus } from '../api/use-toggle-status';
import { useBulkItem } from '../bulk/bulk-store';
import { eventsForRow } from '../filters/filter';
import { AttentionCell } from './attention-cell';
import { ChangedCell, EventsCell, PhonesCell, rowTabIndex, UrlCell } from './row-cells';
import { StatusSwitch } from './status-switch';
import { useRowModel } from './table-model';
import type { ShortUrl } from './use-url-shortener';

/**
 * Every row's height, fixed: one line of content (two with a label), so at 1440×900 more than
 * 14 rows are in view. Rows of one known height let the virtualiser place them exactly, so
 * nothing shifts while scrolling and Home / End land on the true top and bottom.
 */
export const ROW_HEIGHT = 40;

export interface RowProps {
  /** Its place among the table's rows, header included (aria-rowindex: most rows are not rendered). */
  rowIndex: number;
  subscription: Subscription;
  short: ShortUrl;
  /** How many event badges fit the events column (the rest are "+N more"). */
  shownEvents: number;
  /** Whether this row holds the table's one tab stop. */
  tabStop: boolean;
  selected: boolean;
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a, input, [role="switch"], [data-row-control]') !== null;
}

/** One subscription's row; what all rows share comes from the table's RowModel. */
export const SubscriptionRow = memo(function SubscriptionRow({
  rowIndex,
  subscription,
  short,
  shownEvents,
  tabStop,
  selected,
}: RowProps) {
  const { labels, catalog, highlighted, problemsOf, formatPhone, canWrite, onSelect, onEdit, onDuplicate } =
    useRowModel();
  const label = labels.get(subscription.id);
  const problems = problemsOf(subscription);
  const toggle = useToggleActive(subscription.id);
  const status = useToggleStatus(subscription.id);
  const bulk = useBulkItem(subscription.id);
  const url = subscription.target_url;
  const open = () => onEdit(subscription.id);
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if (!isInteractive(event.target) && !window.getSelection()?.toString()) open();
  };
  const inactive = !subscription.is_active;

  return (
    <tr
      aria-rowindex={rowIndex}
      data-subscription-id={subscription.id}
      data-target-url={url}
      data-inactive={inactive || undefined}
      aria-selected={selected}
      style={{ height: ROW_HEIGHT }}
      onClick={onRowClick}
      className={cn(
        'cursor-pointer border-b border-line hover:bg-surface-muted',
        // Inactive rows read as such at a glance: a tinted row with a grey stripe, a muted host.
        inactive && 'bg-surface-muted/70 text-fg-muted shadow-[inset_3px_0_0_var(--line-strong)]',
      )}
    >
      <td className="py-1 pr-1 pl-4 align-middle">
        <Checkbox
          checked={selected}
          aria-label={`Select ${url}`}
          data-row-control
          tabIndex={-1}
          onClick={(event) => {
            event.stopPropagation();
            onSelect(subscription.id, event.shiftKey);
          }}
        />
      </td>
      <td className="max-w-0 py-1 pr-3 pl-2 align-middle">
        <UrlCell subscription={subscription} label={label} short={short} tabStop={tabStop} onOpen={open} />
      </td>
      <td className="px-3 py-1 align-middle">
        {canWrite ? (
          <StatusSwitch subscription={subscription} toggle={toggle} tabIndex={rowTabIndex(false)} />
        ) : (
          <StatusText isActive={subscription.is_active} />
        )}
      </td>
      <td className="max-w-0 px-3 py-1 align-middle">
        <EventsCell
          events={eventsForRow(subscription.subscribed_events, highlighted)}
          highlighted={highlighted}
          catalog={catalog}
          shown={shownEvents}
          url={url}
          onShowAll={open}
        />
      </td>
      <td className="max-w-0 px-3 py-1 align-middle">
        <PhonesCell phones={subscription.phone_numbers} formatPhone={formatPhone} />
      </td>
      <td className="max-w-0 px-3 py-1 align-middle">
        <AttentionCell
          url={url}
          bulk={bulk}
          problems={problems}
          failed={status.failed}
          onRetry={() =>
            status.failed && toggle.mutate({ id: subscription.id, targetUrl: url, isActive: status.failed.isActive })
          }
          onDismiss={status.dismiss}
          onOpen={open}
        />
      </td>
      <td className="px-3 py-1 align-middle">
        <ChangedCell subscription={subscription} />
      </td>
      <td className="py-1 pr-3 pl-2 text-right align-middle whitespace-nowrap">
        <RowActions url={url} canWrite={canWrite} onDuplicate={() => onDuplicate(subscription.id)} onEdit={open} />
      </td>
    </tr>
  );
});

/** Duplicate (a new subscription with these events and phone filter) and Edit (View for a viewer), named for the row's URL. */
function RowActions({
  url,
  canWrite,
  onDuplicate,
  onEdit,
}: {
  url: string;
  canWrite: boolean;
  onDuplicate: () => void;
  onEdit: () => void;
}) {
  const verb = canWrite ? 'Edit' : 'View';
  return (
    <>
      {canWrite && (
        <Button
          size="xs"
          variant="ghost"
          data-row-control
          tabIndex={-1}
          aria-label={`Duplicate ${url}`}
          title="Duplicate: a new subscription with these events and phone filter"
          onClick={onDuplicate}
        >
          <DuplicateIcon />
        </Button>
      )}
      <Button size="xs" data-edit-button data-row-control tabIndex={-1} aria-label={`${verb} ${url}`} onClick={onEdit}>
        {verb}
      </Button>
    </>
  );
}

/** A viewer's status: the words, no switch it cannot use. */
function StatusText({ isActive }: { isActive: boolean }) {
  return (
    <span className={cn('text-sm font-medium whitespace-nowrap', isActive ? 'text-success-fg' : 'text-fg-muted')}>
      {isActive ? 'Active' : 'Inactive'}
    </span>
  );
}

function DuplicateIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M9.5 8v3M8 9.5h3M10.5 3.5v-.5a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
    </svg>
  );
}
