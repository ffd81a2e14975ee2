import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { DEFAULT_ACTIVITY_LIMIT } from '@contract/activity-query';
import { Button } from '@/components/ui/button';
import { Empty, EmptyDescription, EmptyTitle } from '@/components/ui/empty';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { sentence } from '@/lib/text';
import { useUrlSearch } from '@/lib/use-url-state';
import { activityQueries } from '../api/activity';
import { groupEntries, SINCE_CHOICES, sinceFor } from '../lib/group';
import { JournalEntry } from '@/components/journal-entry';
import { BatchItem } from './batch-item';

/**
 * The change journal (loaded on demand): who did what, when, to which subscription, newest first,
 * a bulk action as one entry; filtered by person, subscription and time, the filters in the URL.
 */
export default function ActivityPage({
  onOpenSubscription,
  urlOf,
}: {
  onOpenSubscription: (id: string) => void;
  /** The URL of a subscription the page already knows, for entries that carry none (labels). */
  urlOf?: (id: string) => string | undefined;
}) {
  const [search, setSearch] = useUrlSearch();
  const params = new URLSearchParams(search);
  const actor = params.get('actor') ?? '';
  const subscription = params.get('subscription') ?? '';
  const sinceChoice = params.get('since') ?? '';
  // The time a choice stands for is taken when it is made, so the query (and its key) stays put.
  const [now] = useState(() => Date.now());
  const since = sinceFor(sinceChoice, now);
  const setParam = (key: string, value: string) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (value.trim() === '') next.delete(key);
      else next.set(key, value.trim());
      const text = next.toString();
      return text ? `?${text}` : '';
    });

  // A typed filter applies when the field is left or Enter is pressed, not on every keystroke.
  const appliedOnLeaveOrEnter = (key: string) => ({
    onBlur: (event: FocusEvent<HTMLInputElement>) => setParam(key, event.target.value),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) =>
      event.key === 'Enter' && setParam(key, event.currentTarget.value),
  });

  const activity = useInfiniteQuery(
    activityQueries.list({
      actor: actor || undefined,
      subscription_id: subscription || undefined,
      since,
      limit: DEFAULT_ACTIVITY_LIMIT,
    }),
  );
  const entries = useMemo(
    () =>
      (activity.data?.pages.flatMap((page) => page.entries) ?? []).map((entry) =>
        entry.target_url === null && entry.subscription_id && urlOf
          ? { ...entry, target_url: urlOf(entry.subscription_id) ?? null }
          : entry,
      ),
    [activity.data, urlOf],
  );
  const rows = useMemo(() => groupEntries(entries), [entries]);
  const actors = [...new Set(entries.map((entry) => entry.actor))];

  return (
    <main className="flex flex-1 flex-col gap-3">
      <header className="py-2">
        <h1 className="text-xl font-semibold text-fg">Activity</h1>
        <p className="text-sm text-fg-muted">
          Every change made through this console, newest first, as its server recorded it.
        </p>
      </header>
      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Activity">
        <div>
          <label htmlFor="activity-actor" className="mb-1 block text-xs font-medium text-fg-soft">
            Person
          </label>
          <Input
            id="activity-actor"
            list="activity-actors"
            defaultValue={actor}
            placeholder="Anyone"
            className="w-64"
            {...appliedOnLeaveOrEnter('actor')}
          />
          <datalist id="activity-actors">
            {actors.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="activity-subscription" className="mb-1 block text-xs font-medium text-fg-soft">
            Subscription id
          </label>
          <Input
            id="activity-subscription"
            defaultValue={subscription}
            placeholder="Any subscription"
            className="w-80 font-mono"
            {...appliedOnLeaveOrEnter('subscription')}
          />
        </div>
        <div>
          <label htmlFor="activity-since" className="mb-1 block text-xs font-medium text-fg-soft">
            Time
          </label>
          <NativeSelect
            id="activity-since"
            value={sinceChoice}
            onChange={(event) => setParam('since', event.target.value)}
          >
            {SINCE_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>

      <section aria-label="Changes" className="rounded-lg border border-line bg-surface p-4">
        {activity.isPending ? (
          <div role="status" aria-label="Loading the activity" className="space-y-3">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-4 w-3/5" />
          </div>
        ) : activity.isError ? (
          <Empty role="alert">
            <EmptyTitle>Could not load the activity</EmptyTitle>
            <EmptyDescription>{sentence(activity.error.message)}</EmptyDescription>
            <Button variant="primary" onClick={() => void activity.refetch()}>
              Retry
            </Button>
          </Empty>
        ) : rows.length === 0 ? (
          <Empty>
            <EmptyTitle>No changes {actor || subscription || sinceChoice ? 'match these filters' : 'yet'}</EmptyTitle>
            <EmptyDescription>Changes made through the console appear here, with who made them.</EmptyDescription>
          </Empty>
        ) : (
          <ol className="divide-y divide-line">
            {rows.map((row) => (
              <li key={row.kind === 'batch' ? row.id : row.entry.id} className="py-3 first:pt-0 last:pb-0">
                {row.kind === 'batch' ? (
                  <BatchItem batch={row} onOpenSubscription={onOpenSubscription} />
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
    </main>
  );
}
