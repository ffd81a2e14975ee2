import { queryOptions } from '@tanstack/react-query';
import { CONSOLE_ENDPOINTS } from '@contract/endpoints';
import { apiOf } from './services';

/** Query factory for the console's own endpoints (`/__console/...`), shared by every feature. */
export const consoleQueries = {
  all: () => ['console'] as const,
  upstream: () =>
    queryOptions({
      queryKey: [...consoleQueries.all(), 'upstream'] as const,
      queryFn: ({ signal, client }) => apiOf(client).call(CONSOLE_ENDPOINTS.upstream, { signal }),
      // Where changes go is fixed for the server's lifetime.
      staleTime: Infinity,
    }),
};
