import { infiniteQueryOptions } from '@tanstack/react-query';
import type { ActivityQuery } from '@contract/console';
import { CONSOLE_ENDPOINTS } from '@contract/endpoints';
import { isJobActive } from '@/lib/jobs';
import { apiOf } from '@/lib/services';

/** How often Activity reads again while a bulk job runs. */
const RUNNING_JOB_REFRESH_MS = 2_000;

/** The journal as pages, newest first (`GET /__console/activity`); "Load more" follows the cursor. */
export const activityQueries = {
  all: () => ['activity'] as const,
  list: (query: Omit<ActivityQuery, 'cursor'>) =>
    infiniteQueryOptions({
      queryKey: [...activityQueries.all(), query] as const,
      queryFn: ({ signal, pageParam, client }) =>
        apiOf(client).call(CONSOLE_ENDPOINTS.activity, { signal, query: { ...query, cursor: pageParam } }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
      // Read fresh whenever the view opens: changes are made on the other page, or by others.
      staleTime: 0,
      // A bulk job still running on the server: its totals are read again until it ends.
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => Object.values(page.batches).some((batch) => isJobActive(batch.status)))
          ? RUNNING_JOB_REFRESH_MS
          : false,
    }),
};
