import { MutationCache, notifyManager, type Mutation } from '@tanstack/react-query';
import { ApiError, rateLimitWaitMs } from './api-client';
import { SHORT_WAIT_MS } from './rate-limit';
import type { Notice, Notifier } from './notifier';
import { ConsoleQueryClient, type Services } from './services';

/**
 * What a mutation says when it ends, as its `meta` (TkDodo's "global callbacks"): one
 * subscriber below shows it, whether or not the component that started it is still mounted. A
 * caller overrides it by passing its own `notices` to the hook that makes the mutation.
 */
export interface MutationNotices<TData = unknown, TVariables = unknown> {
  success?: (data: TData, variables: TVariables) => Notice | undefined;
  error?: (error: Error, variables: TVariables) => Notice | undefined;
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { notices?: MutationNotices<never, never> };
  }
}

/** A mutation's notices as its meta, typed for its data and variables. */
export function noticesMeta<TData, TVariables>(notices: MutationNotices<TData, TVariables>) {
  return { notices: notices as MutationNotices<never, never> };
}

type AnyMutation = Mutation<unknown, unknown, unknown, unknown>;
const noticesOf = (mutation: AnyMutation) => mutation.meta?.notices as MutationNotices | undefined;

/** The one subscriber: shows what a finished mutation's meta says. */
function notifyingMutationCache(notifier: Notifier): MutationCache {
  const show = (notice: Notice | undefined) => {
    if (notice) notifier.notify(notice);
  };
  return new MutationCache({
    onSuccess: (data, variables, _context, mutation) => show(noticesOf(mutation)?.success?.(data, variables)),
    onError: (error, variables, _context, mutation) =>
      show(noticesOf(mutation)?.error?.(error instanceof Error ? error : new Error(String(error)), variables)),
  });
}

/**
 * Cache changes reach components in a microtask of the same task, not in a `setTimeout` after
 * it (TanStack's default): an optimistic toggle is painted in the next frame, even on a
 * 10,000-row page whose render then takes longer than a frame. Notifications of one task are
 * still batched. The tests run with it too (src/test/setup.ts).
 */
export function scheduleCacheNotifications(): void {
  notifyManager.setScheduler(queueMicrotask);
}

/**
 * A read asked to wait (Linq's 429, or the console holding every request after one) is read again
 * after the wait when the wait is short, a few times; another 4xx will not change by asking again;
 * network faults and 5xx get one more try.
 */
function shouldRetryRead(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.isRateLimited) {
    return failureCount < 3 && rateLimitWaitMs(error.retryAfterMs) <= SHORT_WAIT_MS;
  }
  return failureCount < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
}

function readRetryDelay(failureCount: number, error: Error): number {
  if (error instanceof ApiError && error.isRateLimited) return rateLimitWaitMs(error.retryAfterMs);
  return Math.min(1_000 * 2 ** failureCount, 30_000);
}

export function createQueryClient(services: Services): ConsoleQueryClient {
  return new ConsoleQueryClient(services, {
    mutationCache: notifyingMutationCache(services.notifier),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: shouldRetryRead,
        retryDelay: readRetryDelay,
        refetchOnWindowFocus: true,
      },
    },
  });
}
