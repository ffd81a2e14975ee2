import { queryOptions, replaceEqualDeep } from '@tanstack/react-query';
import type { Subscription } from '@contract/schemas';
import { ApiError } from '@/lib/api-client';
import { removeFromList, replaceInList } from './cache';
import {
  getCatalog,
  getSubscription,
  listLabels,
  listPhoneNumbers,
  listSubscriptions,
  subscriptionHistory,
} from './fetchers';
import { apiOf } from '@/lib/services';
import { catalogKeys, historyKeys, labelKeys, phoneNumberKeys, subscriptionKeys } from './keys';

/**
 * A list answer never takes an entry back to an older version than the cache holds. A refetch
 * that started before a save reached the server can land after the save's answer was written
 * into the cache; without this it would show the old state until the next fetch. Versions are
 * compared by the server's `updated_at`, which moves forward on every change.
 */
export function keepNewerEntries(previous: Subscription[] | undefined, next: Subscription[]): Subscription[] {
  if (!previous) return next;
  // Most entries are where they were, often the very same object (a toggle's cache write): the
  // lookup by id and the date parsing are only for the others.
  let byId: Map<string, Subscription> | undefined;
  return next.map((entry, index) => {
    let held = previous[index];
    if (held === entry) return entry;
    if (held?.id !== entry.id) held = (byId ??= new Map(previous.map((item) => [item.id, item]))).get(entry.id);
    return held && held.updated_at !== entry.updated_at && Date.parse(held.updated_at) > Date.parse(entry.updated_at)
      ? held
      : entry;
  });
}

/** How old the list may be before a window focus fetches it again (the header's Refresh always does). */
export const LIST_STALE_MS = 30_000;

/** Query factory (TkDodo): the key-only entries of keys.ts for invalidation, `queryOptions` entries for use. */
export const subscriptionQueries = {
  ...subscriptionKeys,
  list: () =>
    queryOptions({
      queryKey: subscriptionKeys.list(),
      queryFn: ({ signal, client }) => listSubscriptions(apiOf(client), signal),
      // 10,000 subscriptions are 3.3 MB: a window focus fetches them again only when the copy is older than this.
      staleTime: LIST_STALE_MS,
      // Unchanged rows keep their object identity (the default sharing), after the version check.
      structuralSharing: (previous, next) =>
        replaceEqualDeep(previous, keepNewerEntries(previous as Subscription[] | undefined, next as Subscription[])),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: subscriptionKeys.detail(id),
      queryFn: async ({ signal, client }) => {
        // The table shows what the drawer loaded: a fresher copy replaces the row (an older one is
        // ignored by keepNewerEntries), and a subscription deleted elsewhere leaves the list.
        try {
          const subscription = await getSubscription(apiOf(client), id, signal);
          replaceInList(client, subscription);
          return subscription;
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) removeFromList(client, id);
          throw error;
        }
      },
      // The drawer always loads the subscription fresh when it opens; a refetch on window focus
      // would change nothing it shows (the form keeps the copy it opened with).
      staleTime: 0,
      refetchOnWindowFocus: false,
    }),
};

export const catalogQueries = {
  all: catalogKeys.all,
  // The catalog rarely changes: cache it for the session, across drawer openings.
  list: () =>
    queryOptions({
      queryKey: catalogKeys.all(),
      queryFn: ({ signal, client }) => getCatalog(apiOf(client), signal),
      staleTime: 60 * 60_000,
      gcTime: Infinity,
    }),
};

export const phoneNumberQueries = {
  all: phoneNumberKeys.all,
  list: () =>
    queryOptions({
      queryKey: phoneNumberKeys.all(),
      queryFn: ({ signal, client }) => listPhoneNumbers(apiOf(client), signal),
      staleTime: 5 * 60_000,
    }),
};

export const labelQueries = {
  all: labelKeys.all,
  list: () =>
    queryOptions({
      queryKey: labelKeys.all(),
      queryFn: ({ signal, client }) => listLabels(apiOf(client), signal),
      staleTime: LIST_STALE_MS,
      // A console without a label store (an older server) still shows its subscriptions.
      retry: false,
    }),
};

export const historyQueries = {
  all: historyKeys.all,
  of: (id: string) =>
    queryOptions({
      queryKey: historyKeys.of(id),
      queryFn: ({ signal, client }) => subscriptionHistory(apiOf(client), id, signal),
      staleTime: 0,
    }),
};
