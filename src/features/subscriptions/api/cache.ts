import type { QueryClient } from '@tanstack/react-query';
import type { Subscription } from '@contract/schemas';
import { removeFromList, replaceInList, subscriptionQueries } from './subscriptions';

/** Writes server answers straight into the list and detail caches, so a change shows without a refetch. */

export function replaceInCaches(queryClient: QueryClient, subscription: Subscription): void {
  replaceInList(queryClient, subscription);
  queryClient.setQueryData(subscriptionQueries.detail(subscription.id).queryKey, subscription);
}

export function addToCaches(queryClient: QueryClient, subscription: Subscription): void {
  queryClient.setQueryData(subscriptionQueries.list().queryKey, (list) =>
    list === undefined ? list : [...list.filter((entry) => entry.id !== subscription.id), subscription],
  );
  queryClient.setQueryData(subscriptionQueries.detail(subscription.id).queryKey, subscription);
}

export function removeFromCaches(queryClient: QueryClient, id: string): void {
  removeFromList(queryClient, id);
  queryClient.removeQueries({ queryKey: subscriptionQueries.detail(id).queryKey, exact: true });
}

/** The list entry as the cache holds it now. */
export function cachedSubscription(queryClient: QueryClient, id: string): Subscription | undefined {
  return queryClient.getQueryData(subscriptionQueries.list().queryKey)?.find((entry) => entry.id === id);
}
