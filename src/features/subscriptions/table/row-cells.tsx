import type { Label } from '@contract/console';
import type { Subscription } from '@contract/schemas';
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { Tooltip } from '@/components/ui/tooltip';
import { cn } from '@/lib/cn';
import { formatAbsoluteTime, formatRelativeTime } from '@/lib/time';
import { useNow } from '@/lib/use-now';
import { eventLabel } from '../model/event-types';
import type { ShortUrl } from './use-url-shortener';

/**
 * The cells of a table row. Every focusable control carries `data-row-control`: the table's
 * keyboard model moves between them with the arrow keys, and only the active row's first
 * control is a tab stop (rowTabIndex).
 */

/** The tab stop of the table is the active row's handle (its URL); every other control is reached by arrow keys. */
export const rowTabIndex = (isTabStop: boolean) => (isTabStop ? 0 : -1);

export function UrlCell({
  subscription,
  label,
  short,
  tabStop,
  onOpen,
}: {
  subscription: Subscription;
  /** The console's name for it: above the URL, which then reads smaller. */
  label: Label | undefined;
  short: ShortUrl;
  tabStop: boolean;
  onOpen: () => void;
}) {
  const url = subscription.target_url;
  const name = label?.name ?? '';
  return (
    <div className="flex min-w-0 items-center gap-1">
      {/* The whole width the cell has: a shrink-to-fit button rounds its width down and cuts a pixel off the host. */}
      <Tooltip
        wrapperClassName="flex-1"
        content={
          <span className="block space-y-1">
            <span className="block break-all">{url}</span>
            {label?.note && <span className="block whitespace-pre-line">{label.note}</span>}
          </span>
        }
      >
        <button
          type="button"
          data-row-control
          data-row-handle
          tabIndex={rowTabIndex(tabStop)}
          aria-label={name ? `${name} — ${url}` : url}
          onClick={onOpen}
          className="flex w-full min-w-0 flex-col rounded text-left focus-visible:outline-2 focus-visible:outline-ring"
        >
          {name && (
            <span
              className={cn(
                'truncate text-sm leading-tight font-medium',
                subscription.is_active ? 'text-fg' : 'text-fg-muted',
              )}
            >
              {name}
            </span>
          )}
          <span
            className={cn(
              'flex min-w-0 overflow-hidden whitespace-nowrap text-fg-muted',
              name ? 'text-xs leading-tight' : 'text-sm',
            )}
          >
            {/* Too narrow even for the host and the part that tells this URL apart: the host gives way. */}
            <span className={cn('truncate font-medium', !name && subscription.is_active ? 'text-fg' : 'text-fg-muted')}>
              {short.host}
            </span>
            <span className="shrink-0">{short.rest}</span>
          </span>
        </button>
      </Tooltip>
      <CopyButton value={url} label={`Copy ${url}`} className="shrink-0" data-row-control tabIndex={-1} />
    </div>
  );
}

function coversCatalog(events: readonly string[], catalog: readonly string[] | undefined): boolean {
  if (!catalog || catalog.length === 0) return false;
  const carried = new Set(events);
  return catalog.every((type) => carried.has(type));
}

export function EventsCell({
  events,
  highlighted,
  catalog,
  shown: shownCount,
  url,
  onShowAll,
}: {
  /** In the order to show them (filtered types first). */
  events: readonly string[];
  /** The types the event filter asks for, marked in the row. */
  highlighted: readonly string[];
  catalog: readonly string[] | undefined;
  /** How many badges fit; the rest are "+N more". */
  shown: number;
  /** The subscription's target URL, to name the button after the subscription it opens. */
  url: string;
  onShowAll: () => void;
}) {
  if (highlighted.length === 0 && coversCatalog(events, catalog) && catalog) {
    const extra = events.length - catalog.length;
    return (
      <span className="block truncate text-sm text-fg-soft">
        All {catalog.length} catalog events{extra > 0 ? ` + ${extra} more` : ''}
      </span>
    );
  }
  const shown = events.slice(0, shownCount);
  const hidden = events.slice(shownCount);
  const marked = new Set(highlighted);
  return (
    <div className="flex min-w-0 items-center gap-1 overflow-hidden">
      {shown.map((type) => (
        <Badge
          key={type}
          variant={marked.has(type) ? 'accent' : 'neutral'}
          title={`${eventLabel(type)} (${type})`}
          className="min-w-0 shrink font-mono"
        >
          <span className="truncate">{type}</span>
        </Badge>
      ))}
      {hidden.length > 0 && (
        <span className="shrink-0">
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
              data-row-control
              tabIndex={-1}
              onClick={onShowAll}
              className="shrink-0 rounded text-xs font-medium whitespace-nowrap text-accent-fg underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
            >
              {/* "+4" where one badge fits, "+4 more" where two do; the name is the same. */}+{hidden.length}
              <span className={shownCount > 1 ? undefined : 'sr-only'}> more</span>
              <span className="sr-only">
                {' '}
                events of {url}: {hidden.join(', ')}
              </span>
            </button>
          </Tooltip>
        </span>
      )}
    </div>
  );
}

export function PhonesCell({
  phones,
  formatPhone,
}: {
  phones: readonly string[] | null | undefined;
  formatPhone: (e164: string) => string;
}) {
  if (!phones || phones.length === 0) return <span className="text-sm text-fg-muted">All numbers</span>;
  const [first, ...others] = phones.map(formatPhone);
  return (
    <span className="flex min-w-0 items-baseline gap-1 text-sm text-fg-soft tabular-nums">
      <span className="truncate">{first}</span>
      {others.length > 0 && (
        <span className="shrink-0 text-xs text-fg-muted" title={others.join(', ')}>
          +{others.length}
          <span className="sr-only"> more: {others.join(', ')}</span>
        </span>
      )}
    </span>
  );
}

/** The last change, relative and advancing while the page is open; the exact time with its zone on hover and focus. */
export function ChangedCell({ subscription }: { subscription: Subscription }) {
  const now = useNow();
  return (
    <Tooltip
      align="end"
      content={`Changed ${formatAbsoluteTime(subscription.updated_at)} · created ${formatAbsoluteTime(subscription.created_at)}`}
    >
      <time
        dateTime={subscription.updated_at}
        tabIndex={-1}
        data-row-control
        className="rounded text-sm whitespace-nowrap text-fg-soft focus-visible:outline-2 focus-visible:outline-ring"
      >
        {formatRelativeTime(subscription.updated_at, now)}
      </time>
    </Tooltip>
  );
}
