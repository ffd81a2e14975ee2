import { infiniteQueryOptions } from '@tanstack/react-query';
import type { ActivityQuery } from '@contract/console';
import { CONSOLE_ENDPOINTS } from '@contract/endpoints';
import { apiOf } from '@/lib/services';

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
    }),
};
