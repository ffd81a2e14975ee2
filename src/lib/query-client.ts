import { notifyManager, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/**
 * Cache changes reach components in a microtask of the same task, not in a `setTimeout` after
 * it (TanStack's default): an optimistic toggle is painted in the next frame, even on a
 * 10,000-row page whose render then takes longer than a frame. Notifications of one task are
 * still batched. The tests run with it too (src/test/setup.ts).
 */
export function scheduleCacheNotifications(): void {
  notifyManager.setScheduler(queueMicrotask);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not change by asking again; network faults and 5xx get one more try.
        retry: (failureCount, error) =>
          failureCount < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: true,
      },
    },
  });
}
