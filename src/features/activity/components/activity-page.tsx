import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { DEFAULT_ACTIVITY_LIMIT } from '@contract/activity-query';
import type { ActivityList as ActivityAnswer } from '@contract/console';
import { useUrlSearch } from '@/lib/use-url-state';
import { activityQueries } from '../api/activity';
import { groupEntries, sinceFor } from '../lib/group';
import { ActivityFilters } from './activity-filters';
import { ActivityList } from './activity-list';

/**
 * The change journal (loaded on demand): who did what, when, to which subscription, newest first,
 * a bulk action as one entry; filtered by person, subscription and time, the filters in the URL.
 */
export function ActivityPage({
  onOpenSubscription,
  urlOf,
}: {
  onOpenSubscription: (id: string) => void;
  /** The URL of a subscription the page already knows, for entries that carry none (labels). */
  urlOf?: (id: string) => string | undefined;
}) {
  const [search, setSearch] = useUrlSearch();
  const params = new URLSearchParams(search);
  const values = {
    actor: params.get('actor') ?? '',
    subscription: params.get('subscription') ?? '',
    sinceChoice: params.get('since') ?? '',
  };
  // The time a choice stands for is taken when it is made, so the query (and its key) stays put.
  const [now] = useState(() => Date.now());
  const setParam = (key: string, value: string) =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      if (value.trim() === '') next.delete(key);
      else next.set(key, value.trim());
      const text = next.toString();
      return text ? `?${text}` : '';
    });

  const activity = useInfiniteQuery(
    activityQueries.list({
      actor: values.actor || undefined,
      subscription_id: values.subscription || undefined,
      since: sinceFor(values.sinceChoice, now),
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
  const batches = useMemo(
    () => Object.assign({}, ...(activity.data?.pages.map((page) => page.batches) ?? [])) as ActivityAnswer['batches'],
    [activity.data],
  );

  return (
    <main className="flex flex-1 flex-col gap-3">
      <header className="py-2">
        <h1 className="text-xl font-semibold text-fg">Activity</h1>
        <p className="text-sm text-fg-muted">
          Every change made through this console, newest first, as its server recorded it.
        </p>
      </header>
      <ActivityFilters values={values} actors={[...new Set(entries.map((entry) => entry.actor))]} onChange={setParam} />
      <ActivityList
        activity={activity}
        rows={rows}
        batches={batches}
        subscriptionId={values.subscription || undefined}
        filtered={Boolean(values.actor || values.subscription || values.sinceChoice)}
        onOpenSubscription={onOpenSubscription}
      />
    </main>
  );
}
