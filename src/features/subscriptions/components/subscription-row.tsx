import { memo, type MouseEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Tooltip } from '@/components/ui/tooltip';
import { formatAbsoluteTime, formatRelativeTime } from '@/lib/time';
import type { Subscription } from '@contract/schemas';
import { eventLabel } from '../lib/event-types';
import { splitTargetUrl } from '../lib/view';
import { StatusSwitch } from './status-switch';

/**
 * Every row's height, fixed: room for the URL and id lines and for the events wrapping to two
 * lines at 1024 px. Rows of one known height let the virtualiser place them exactly, so nothing
 * shifts while scrolling and Home / End land on the true top and bottom.
 */
export const ROW_HEIGHT = 81;
/** The most of a target URL's end kept whole in the cell; it tells apart URLs that differ only there. */
const URL_END_MAX = 16;
const SHOWN_EVENTS = 2;
const SHOWN_PHONES = 2;

export interface RowProps {
  subscription: Subscription;
  /** The catalog's types, once loaded, to say "All 18 catalog events". */
  catalog: readonly string[] | undefined;
  formatPhone: (e164: string) => string;
  onEdit: (id: string) => void;
  onPrefetch: () => void;
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a, input, [role="switch"], [data-no-row-click]') !== null;
}

/** "/hooks/messages" and "/00042": the path cut before its last segment (with the query), the end bounded in length. */
function splitPathEnd(rest: string): [string, string] {
  const query = rest.indexOf('?');
  const cut = Math.max(rest.lastIndexOf('/', query === -1 ? rest.length : query), rest.length - URL_END_MAX, 0);
  return [rest.slice(0, cut), rest.slice(cut)];
}

function coversCatalog(events: readonly string[], catalog: readonly string[] | undefined): boolean {
  if (!catalog || catalog.length === 0) return false;
  const carried = new Set(events);
  return catalog.every((type) => carried.has(type));
}

function EventsCell({
  events,
  catalog,
  url,
  onShowAll,
}: {
  events: readonly string[];
  catalog: readonly string[] | undefined;
  /** The subscription's target URL, to name the button after the subscription it opens. */
  url: string;
  onShowAll: () => void;
}) {
  if (coversCatalog(events, catalog) && catalog) {
    const extra = events.length - catalog.length;
    return (
      <span className="text-sm text-fg-soft">
        All {catalog.length} catalog events{extra > 0 ? ` + ${extra} more` : ''}
      </span>
    );
  }
  const shown = events.slice(0, SHOWN_EVENTS);
  const hidden = events.slice(SHOWN_EVENTS);
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-1">
      {shown.map((type) => (
        <Badge key={type} title={`${eventLabel(type)} (${type})`} className="max-w-full font-mono">
          <span className="truncate">{type}</span>
        </Badge>
      ))}
      {hidden.length > 0 && (
        <Tooltip
          content={
            <ul className="space-y-0.5 font-mono">
              {hidden.map((type) => (
                <li key={type}>{type}</li>
              ))}
            </ul>
          }
        >
          <button
            type="button"
            onClick={onShowAll}
            className="rounded text-xs font-medium text-accent-fg underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          >
            +{hidden.length} more
            <span className="sr-only">
              {' '}
              events of {url}: {hidden.join(', ')}
            </span>
          </button>
        </Tooltip>
      )}
    </div>
  );
}

function PhonesCell({
  phones,
  formatPhone,
}: {
  phones: readonly string[] | null | undefined;
  formatPhone: (e164: string) => string;
}) {
  if (!phones || phones.length === 0) return <span className="text-sm text-fg-muted">All numbers</span>;
  const shown = phones.slice(0, SHOWN_PHONES);
  const hidden = phones.slice(SHOWN_PHONES);
  return (
    <div className="flex flex-col text-sm text-fg-soft tabular-nums">
      {shown.map((phone) => (
        <span key={phone} className="whitespace-nowrap">
          {formatPhone(phone)}
        </span>
      ))}
      {hidden.length > 0 && (
        <span className="text-xs text-fg-muted" title={hidden.map(formatPhone).join(', ')}>
          +{hidden.length} more<span className="sr-only">: {hidden.map(formatPhone).join(', ')}</span>
        </span>
      )}
    </div>
  );
}

export const SubscriptionRow = memo(function SubscriptionRow({
  subscription,
  catalog,
  formatPhone,
  onEdit,
  onPrefetch,
}: RowProps) {
  const { host, rest } = splitTargetUrl(subscription.target_url);
  const [middle, end] = splitPathEnd(rest);
  const url = subscription.target_url;
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if (!isInteractive(event.target) && !window.getSelection()?.toString()) onEdit(subscription.id);
  };

  return (
    <tr
      data-subscription-id={subscription.id}
      data-target-url={url}
      style={{ height: ROW_HEIGHT }}
      onClick={onRowClick}
      onPointerEnter={onPrefetch}
      className="cursor-pointer border-b border-line hover:bg-surface-muted"
    >
      <td className="max-w-0 py-2 pr-3 pl-4 align-middle">
        <div className="flex min-w-0 items-center gap-1">
          <Tooltip content={<span className="break-all">{url}</span>}>
            {/* A narrow cell cuts the middle of the URL: the host and the path's end stay in view. */}
            <span
              tabIndex={0}
              data-no-row-click
              className="flex min-w-0 rounded text-sm text-fg-muted focus-visible:outline-2 focus-visible:outline-ring"
            >
              <span className="truncate">
                <span className="font-medium text-fg">{host}</span>
                {middle}
              </span>
              <span className="shrink-0">{end}</span>
            </span>
          </Tooltip>
          <CopyButton value={url} label={`Copy ${url}`} className="shrink-0" />
        </div>
        <div className="flex items-center gap-1 font-mono text-xs text-fg-muted">
          <span className="truncate" title={subscription.id}>
            {subscription.id}
          </span>
          <CopyButton value={subscription.id} label={`Copy id of ${url}`} className="shrink-0" />
        </div>
      </td>
      <td className="px-3 py-2 align-middle">
        <StatusSwitch subscription={subscription} />
      </td>
      <td className="max-w-0 px-3 py-2 align-middle">
        <EventsCell
          events={subscription.subscribed_events}
          catalog={catalog}
          url={url}
          onShowAll={() => onEdit(subscription.id)}
        />
      </td>
      <td className="px-3 py-2 align-middle">
        <PhonesCell phones={subscription.phone_numbers} formatPhone={formatPhone} />
      </td>
      <td className="px-3 py-2 align-middle whitespace-nowrap">
        <Tooltip
          align="end"
          content={`Updated ${formatAbsoluteTime(subscription.updated_at)} · created ${formatAbsoluteTime(subscription.created_at)}`}
        >
          <time
            dateTime={subscription.updated_at}
            tabIndex={0}
            data-no-row-click
            className="rounded text-sm text-fg-soft focus-visible:outline-2 focus-visible:outline-ring"
          >
            {formatRelativeTime(subscription.updated_at)}
          </time>
        </Tooltip>
      </td>
      <td className="py-2 pr-4 pl-3 text-right align-middle">
        <Button
          size="sm"
          data-edit-button
          aria-label={`Edit ${url}`}
          onFocus={onPrefetch}
          onClick={() => onEdit(subscription.id)}
        >
          Edit
        </Button>
      </td>
    </tr>
  );
});
