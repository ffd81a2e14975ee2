import type { QueryClient } from '@tanstack/react-query';
import type { Label } from '@contract/console';
import type { JobItem } from '@contract/jobs';
import type { Subscription } from '@contract/schemas';
import { historyKeys, labelKeys, subscriptionKeys } from './keys';

/**
 * Every cache write of this feature, in one module: server answers go straight into the list
 * and detail caches, so a change shows without a refetch. Components never touch the
 * QueryClient; the feature's queries and mutation hooks call these.
 */

/** A server answer into the table's row (the detail cache untouched). */
export function replaceInList(queryClient: QueryClient, subscription: Subscription): void {
  queryClient.setQueryData(subscriptionKeys.list(), (list) =>
    list?.map((entry) => (entry.id === subscription.id ? subscription : entry)),
  );
}

/** A subscription gone from the server out of the table (the detail cache untouched). */
export function removeFromList(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData(subscriptionKeys.list(), (list) => list?.filter((entry) => entry.id !== id));
}

export function replaceInCaches(queryClient: QueryClient, subscription: Subscription): void {
  replaceInList(queryClient, subscription);
  queryClient.setQueryData(subscriptionKeys.detail(subscription.id), subscription);
}

export function addToCaches(queryClient: QueryClient, subscription: Subscription): void {
  queryClient.setQueryData(subscriptionKeys.list(), (list) =>
    list === undefined ? list : [...list.filter((entry) => entry.id !== subscription.id), subscription],
  );
  queryClient.setQueryData(subscriptionKeys.detail(subscription.id), subscription);
}

export function removeFromCaches(queryClient: QueryClient, id: string): void {
  removeFromList(queryClient, id);
  queryClient.removeQueries({ queryKey: subscriptionKeys.detail(id), exact: true });
}

/** The subscription as the caches hold it now: the drawer's fresh copy, else the list entry. */
export function cachedSubscription(queryClient: QueryClient, id: string): Subscription | undefined {
  return (
    queryClient.getQueryData(subscriptionKeys.detail(id)) ??
    queryClient.getQueryData(subscriptionKeys.list())?.find((entry) => entry.id === id)
  );
}

/** The list entry as the cache holds it now (what the table shows). */
export function listedSubscription(queryClient: QueryClient, id: string): Subscription | undefined {
  return queryClient.getQueryData(subscriptionKeys.list())?.find((entry) => entry.id === id);
}

/** Many server answers into the list at once (a batch's writes): one pass over the list, not one per answer. */
export function replaceManyInCaches(queryClient: QueryClient, subscriptions: readonly Subscription[]): void {
  if (subscriptions.length === 0) return;
  const answers = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
  queryClient.setQueryData(subscriptionKeys.list(), (list) => list?.map((entry) => answers.get(entry.id) ?? entry));
  for (const subscription of subscriptions) {
    if (queryClient.getQueryData(subscriptionKeys.detail(subscription.id))) {
      queryClient.setQueryData(subscriptionKeys.detail(subscription.id), subscription);
    }
  }
}

/** Many deleted subscriptions out of the caches at once. */
export function removeManyFromCaches(queryClient: QueryClient, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  queryClient.setQueryData(subscriptionKeys.list(), (list) => list?.filter((entry) => !gone.has(entry.id)));
  for (const id of ids) queryClient.removeQueries({ queryKey: subscriptionKeys.detail(id), exact: true });
}

/** Every subscription as the list holds it now, by id. */
export function listedSubscriptions(queryClient: QueryClient): Map<string, Subscription> {
  return new Map((queryClient.getQueryData(subscriptionKeys.list()) ?? []).map((entry) => [entry.id, entry]));
}

/** A saved label into the list of labels (an empty one, removed on the server, out of it). */
export function replaceLabel(queryClient: QueryClient, label: Label): void {
  queryClient.setQueryData(labelKeys.all(), (labels) => {
    const others = (labels ?? []).filter((entry) => entry.subscription_id !== label.subscription_id);
    return label.name === '' && label.note === '' ? others : [...others, label];
  });
}

/** A change was journaled: the drawer's History reads it again. */
export function forgetHistory(queryClient: QueryClient, id: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: historyKeys.of(id) });
}

/**
 * A bulk job's finished writes into the list, as the server reports them (server/jobs/): a done
 * PUT's body over the listed entry, a done delete out of the caches. One pass for the whole set.
 */
export function applyJobWrites(queryClient: QueryClient, items: readonly JobItem[]): void {
  const done = items.filter((item) => item.state === 'done');
  if (done.length === 0) return;
  const listed = listedSubscriptions(queryClient);
  // A PUT's body holds fields of the subscription itself (contract/bulk.ts), so it lays over the entry.
  const changed = done.flatMap((item) => {
    const entry = listed.get(item.subscription_id);
    return item.body && entry ? [{ ...entry, ...item.body } as Subscription] : [];
  });
  replaceManyInCaches(queryClient, changed);
  removeManyFromCaches(
    queryClient,
    done.filter((item) => item.body === null).map((item) => item.subscription_id),
  );
}
