import { ListEmpty, ListFailed, ListLoading, RetryBanner } from '@/components/list-states';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { sentence } from '@/lib/text';
import { isFiltered, type ViewState } from '../model/view';

/** The subscriptions' words for the shared list states (src/components/list-states.tsx). */

export function LoadingRows() {
  return (
    <ListLoading label="Loading subscriptions">
      <div className="divide-y divide-line">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="flex items-center gap-6 px-4 py-5">
            <Skeleton className="h-4 w-1/3" />
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-4 w-1/5" />
            <Skeleton className="h-4 w-24" />
          </div>
        ))}
      </div>
    </ListLoading>
  );
}

interface RetryProps {
  message: string;
  retrying: boolean;
  onRetry: () => void;
}

export function LoadFailed(props: RetryProps) {
  return <ListFailed title="Could not load the subscriptions" {...props} />;
}

export function NoSubscriptions({ onCreate }: { onCreate: () => void }) {
  return (
    <ListEmpty
      title="No webhook subscriptions yet"
      description="Create one to start receiving message, reaction, chat and call events at your URL."
      action={
        <Button variant="primary" onClick={onCreate}>
          Create a subscription
        </Button>
      }
    />
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
    <ListEmpty
      title="No subscriptions match this view"
      description={description}
      action={isFiltered(view) && <Button onClick={onClear}>Clear search and filters</Button>}
    />
  );
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
    <RetryBanner retrying={retrying} onRetry={onRetry}>
      Could not refresh the list: {sentence(message)} Showing the subscriptions as last loaded.
    </RetryBanner>
  );
}
