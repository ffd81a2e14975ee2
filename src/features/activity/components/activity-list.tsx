import type { UseInfiniteQueryResult, InfiniteData } from '@tanstack/react-query';
import type { ActivityList as ActivityAnswer } from '@contract/console';
import { JournalEntry } from '@/components/journal-entry';
import { ListEmpty, ListFailed, ListLoading, SkeletonLines } from '@/components/list-states';
import { Button } from '@/components/ui/button';
import type { ActivityRow } from '../lib/group';
import { BatchItem } from './batch-item';

/** The journal's entries newest first (a bulk action as one), or the list state in their place. */
export function ActivityList({
  activity,
  rows,
  batches,
  subscriptionId,
  filtered,
  onOpenSubscription,
}: {
  activity: UseInfiniteQueryResult<InfiniteData<ActivityAnswer>>;
  rows: ActivityRow[];
  /** Every page's batch totals, by batch id. */
  batches: ActivityAnswer['batches'];
  subscriptionId: string | undefined;
  filtered: boolean;
  onOpenSubscription: (id: string) => void;
}) {
  return (
    <section aria-label="Changes" className="rounded-lg border border-line bg-surface p-4">
      {activity.isPending ? (
        <ListLoading label="Loading the activity">
          <SkeletonLines className="space-y-3" widths={['w-2/3', 'w-1/2', 'w-3/5']} />
        </ListLoading>
      ) : activity.isError ? (
        <ListFailed
          title="Could not load the activity"
          message={activity.error.message}
          retrying={activity.isRefetching}
          onRetry={() => void activity.refetch()}
        />
      ) : rows.length === 0 ? (
        <ListEmpty
          title={`No changes ${filtered ? 'match these filters' : 'yet'}`}
          description="Changes made through the console appear here, with who made them."
        />
      ) : (
        <ol className="divide-y divide-line">
          {rows.map((row) => (
            <li key={row.kind === 'batch' ? row.id : row.entry.id} className="py-3 first:pt-0 last:pb-0">
              {row.kind === 'batch' ? (
                <BatchItem
                  batch={row}
                  summary={batches[row.id]}
                  subscriptionId={subscriptionId}
                  onOpenSubscription={onOpenSubscription}
                />
              ) : (
                <JournalEntry entry={row.entry} onOpenSubscription={onOpenSubscription} />
              )}
            </li>
          ))}
        </ol>
      )}
      {activity.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button
            onClick={() => void activity.fetchNextPage()}
            aria-disabled={activity.isFetchingNextPage || undefined}
          >
            {activity.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
    </section>
  );
}
