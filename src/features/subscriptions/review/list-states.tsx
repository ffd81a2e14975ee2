import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Empty, EmptyDescription, EmptyTitle } from '@/components/ui/empty';
import { Skeleton } from '@/components/ui/skeleton';
import { sentence } from '@/lib/text';
import { isFiltered, type ViewState } from '../model/view';

/** What the table's place shows when there are no rows to show: loading, failed, none, none matching. */

export function LoadingRows() {
  return (
    <div role="status" aria-label="Loading subscriptions" className="divide-y divide-line">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="flex items-center gap-6 px-4 py-5">
          <Skeleton className="h-4 w-1/3" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 w-1/5" />
          <Skeleton className="h-4 w-24" />
        </div>
      ))}
    </div>
  );
}

export function LoadFailed({
  message,
  retrying,
  onRetry,
}: {
  message: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <Empty>
      <EmptyTitle>Could not load the subscriptions</EmptyTitle>
      <EmptyDescription>{sentence(message)}</EmptyDescription>
      <Button variant="primary" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </Empty>
  );
}

export function NoSubscriptions({ onCreate }: { onCreate: () => void }) {
  return (
    <Empty>
      <EmptyTitle>No webhook subscriptions yet</EmptyTitle>
      <EmptyDescription>
        Create one to start receiving message, reaction, chat and call events at your URL.
      </EmptyDescription>
      <Button variant="primary" onClick={onCreate}>
        Create a subscription
      </Button>
    </Empty>
  );
}

export function NoMatches({ view, onClear }: { view: ViewState; onClear: () => void }) {
  const q = view.q.trim();
  const structured = view.events.length > 0 || view.host !== '' || view.phone !== '' || view.attention;
  const among = view.status !== 'all' ? ` among ${view.status} subscriptions` : '';
  const description = q
    ? `Nothing matches “${q}”${among}${structured ? ' with these filters' : ''}.`
    : structured
      ? `No ${view.status === 'all' ? '' : `${view.status} `}subscription matches these filters.`
      : `There are no ${view.status} subscriptions.`;
  return (
    <Empty>
      <EmptyTitle>No subscriptions match this view</EmptyTitle>
      <EmptyDescription>{description}</EmptyDescription>
      {isFiltered(view) && <Button onClick={onClear}>Clear search and filters</Button>}
    </Empty>
  );
}

/** A part of the page that could not be loaded or refreshed: what happened, and a Retry of that part. */
function RetryBanner({
  children,
  retrying,
  retryLabel,
  onRetry,
}: {
  children: ReactNode;
  retrying: boolean;
  retryLabel: string;
  onRetry: () => void;
}) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-md border border-warning-line bg-warning-soft px-4 py-2 text-sm text-warning-fg"
    >
      <span>{children}</span>
      <Button size="sm" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : retryLabel}
      </Button>
    </div>
  );
}

interface RetryProps {
  message: string;
  retrying: boolean;
  onRetry: () => void;
}

/** The event catalog did not load: said once, with a Retry of the catalog itself. */
export function CatalogFailed({ message, retrying, onRetry }: RetryProps) {
  return (
    <RetryBanner retrying={retrying} retryLabel="Retry the catalog" onRetry={onRetry}>
      Could not load the event catalog: {sentence(message)} Rows list their event types as stored, and types missing
      from the catalog are not flagged until it loads.
    </RetryBanner>
  );
}

/** A failed background refresh: the table stays as last loaded, with a way to try again. */
export function RefreshFailed({ message, retrying, onRetry }: RetryProps) {
  return (
    <RetryBanner retrying={retrying} retryLabel="Retry" onRetry={onRetry}>
      Could not refresh the list: {sentence(message)} Showing the subscriptions as last loaded.
    </RetryBanner>
  );
}
