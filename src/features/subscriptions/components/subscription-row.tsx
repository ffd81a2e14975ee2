import { memo, type MouseEvent } from 'react';
import type { Subscription } from '@contract/schemas';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { useToggleActive } from '../api/use-toggle-active';
import { useToggleStatus } from '../api/use-toggle-status';
import { eventsForRow } from '../lib/filter';
import type { Problem } from '../lib/problems';
import { AttentionCell } from './attention-cell';
import { ChangedCell, EventsCell, PhonesCell, rowTabIndex, UrlCell } from './row-cells';
import { StatusSwitch } from './status-switch';
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
  /** The catalog's types, once loaded, to say "All 18 catalog events". */
  catalog: readonly string[] | undefined;
  /** The event filter's types: shown first and marked. */
  highlighted: readonly string[];
  problems: readonly Problem[];
  short: ShortUrl;
  /** How many event badges fit the events column (the rest are "+N more"). */
  shownEvents: number;
  formatPhone: (e164: string) => string;
  /** Whether this row holds the table's one tab stop. */
  tabStop: boolean;
  onEdit: (id: string) => void;
  onPrefetch: () => void;
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a, input, [role="switch"], [data-row-control]') !== null;
}

export const SubscriptionRow = memo(function SubscriptionRow({
  rowIndex,
  subscription,
  catalog,
  highlighted,
  problems,
  short,
  shownEvents,
  formatPhone,
  tabStop,
  onEdit,
  onPrefetch,
}: RowProps) {
  const toggle = useToggleActive(subscription.id);
  const status = useToggleStatus(subscription.id);
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
      style={{ height: ROW_HEIGHT }}
      onClick={onRowClick}
      onPointerEnter={onPrefetch}
      className={cn(
        'cursor-pointer border-b border-line hover:bg-surface-muted',
        // Inactive rows read as such at a glance: a tinted row with a grey stripe, a muted host.
        inactive && 'bg-surface-muted/70 text-fg-muted shadow-[inset_3px_0_0_var(--line-strong)]',
      )}
    >
      <td className="max-w-0 py-1 pr-3 pl-4 align-middle">
        <UrlCell subscription={subscription} short={short} tabStop={tabStop} onOpen={open} />
      </td>
      <td className="px-3 py-1 align-middle">
        <StatusSwitch subscription={subscription} toggle={toggle} tabIndex={rowTabIndex(false)} />
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
      <td className="py-1 pr-3 pl-2 text-right align-middle">
        <Button
          size="xs"
          data-edit-button
          data-row-control
          tabIndex={-1}
          aria-label={`Edit ${url}`}
          onFocus={onPrefetch}
          onClick={open}
        >
          Edit
        </Button>
      </td>
    </tr>
  );
});
