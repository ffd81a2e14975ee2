import { queryOptions, replaceEqualDeep, type QueryClient } from '@tanstack/react-query';
import { LINQ_ENDPOINTS } from '@contract/endpoints';
import type {
  CreateSubscriptionBody,
  CreatedSubscription,
  Subscription,
  UpdateSubscriptionBody,
} from '@contract/schemas';
import { ApiError, callEndpoint } from '@/lib/api-client';

/** Fetchers: one per Linq endpoint of contract/endpoints.ts, all through the one API client. */

export async function listSubscriptions(signal?: AbortSignal): Promise<Subscription[]> {
  const list = await callEndpoint(LINQ_ENDPOINTS.listSubscriptions, { signal });
  return list.subscriptions;
}

export function getSubscription(id: string, signal?: AbortSignal): Promise<Subscription> {
  return callEndpoint(LINQ_ENDPOINTS.getSubscription, { params: { id }, signal });
}

export function createSubscription(body: CreateSubscriptionBody): Promise<CreatedSubscription> {
  return callEndpoint(LINQ_ENDPOINTS.createSubscription, { body });
}

export function updateSubscription(id: string, body: UpdateSubscriptionBody): Promise<Subscription> {
  return callEndpoint(LINQ_ENDPOINTS.updateSubscription, { params: { id }, body });
}

export function deleteSubscription(id: string): Promise<void> {
  return callEndpoint(LINQ_ENDPOINTS.deleteSubscription, { params: { id } });
}

export function getCatalog(signal?: AbortSignal) {
  return callEndpoint(LINQ_ENDPOINTS.listEventTypes, { signal });
}

export async function listPhoneNumbers(signal?: AbortSignal) {
  const list = await callEndpoint(LINQ_ENDPOINTS.listPhoneNumbers, { signal });
  return list.phone_numbers;
}

/**
 * A list answer never takes an entry back to an older version than the cache holds. A refetch
 * that started before a save reached the server can land after the save's answer was written
 * into the cache; without this it would show the old state until the next fetch. Versions are
 * compared by the server's `updated_at`, which moves forward on every change.
 */
export function keepNewerEntries(previous: Subscription[] | undefined, next: Subscription[]): Subscription[] {
  if (!previous) return next;
  const cached = new Map(previous.map((entry) => [entry.id, entry]));
  return next.map((entry) => {
    const held = cached.get(entry.id);
    return held && Date.parse(held.updated_at) > Date.parse(entry.updated_at) ? held : entry;
  });
}

/** A server answer into the table's row, and a subscription gone from the server out of it (the detail cache untouched). */
export function replaceInList(queryClient: QueryClient, subscription: Subscription): void {
  queryClient.setQueryData(subscriptionQueries.list().queryKey, (list) =>
    list?.map((entry) => (entry.id === subscription.id ? subscription : entry)),
  );
}

export function removeFromList(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData(subscriptionQueries.list().queryKey, (list) => list?.filter((entry) => entry.id !== id));
}

/** Query factory (TkDodo): key-only entries for invalidation, `queryOptions` entries for use. */
export const subscriptionQueries = {
  all: () => ['subscriptions'] as const,
  lists: () => [...subscriptionQueries.all(), 'list'] as const,
  list: () =>
    queryOptions({
      queryKey: subscriptionQueries.lists(),
      queryFn: ({ signal }) => listSubscriptions(signal),
      // Unchanged rows keep their object identity (the default sharing), after the version check.
      structuralSharing: (previous, next) =>
        replaceEqualDeep(previous, keepNewerEntries(previous as Subscription[] | undefined, next as Subscription[])),
    }),
  details: () => [...subscriptionQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...subscriptionQueries.details(), id] as const,
      queryFn: async ({ signal, client }) => {
        // The table shows what the drawer loaded: a fresher copy replaces the row (an older one is
        // ignored by keepNewerEntries), and a subscription deleted elsewhere leaves the list.
        try {
          const subscription = await getSubscription(id, signal);
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
  all: () => ['catalog'] as const,
  // The catalog rarely changes: cache it for the session, across drawer openings.
  list: () =>
    queryOptions({
      queryKey: catalogQueries.all(),
      queryFn: ({ signal }) => getCatalog(signal),
      staleTime: 60 * 60_000,
      gcTime: Infinity,
    }),
};

export const phoneNumberQueries = {
  all: () => ['phone-numbers'] as const,
  list: () =>
    queryOptions({
      queryKey: phoneNumberQueries.all(),
      queryFn: ({ signal }) => listPhoneNumbers(signal),
      staleTime: 5 * 60_000,
    }),
};
