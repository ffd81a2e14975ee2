import { queryOptions, replaceEqualDeep, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiClient } from '@/lib/api-client';
import {
  catalogSchema,
  createdSubscriptionSchema,
  phoneNumberListSchema,
  subscriptionListSchema,
  subscriptionSchema,
  type CreateSubscriptionBody,
  type CreatedSubscription,
  type Subscription,
  type UpdateSubscriptionBody,
} from './schemas';

/** Fetchers: one per endpoint of CONTRACT.md, all through the one API client. */

const SUBSCRIPTIONS = '/v3/webhook-subscriptions';
const subscriptionPath = (id: string) => `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`;

export async function listSubscriptions(signal?: AbortSignal): Promise<Subscription[]> {
  const list = await apiClient.get(SUBSCRIPTIONS, subscriptionListSchema, signal);
  return list.subscriptions;
}

export function getSubscription(id: string, signal?: AbortSignal): Promise<Subscription> {
  return apiClient.get(subscriptionPath(id), subscriptionSchema, signal);
}

export function createSubscription(body: CreateSubscriptionBody): Promise<CreatedSubscription> {
  return apiClient.post(SUBSCRIPTIONS, body, createdSubscriptionSchema);
}

export function updateSubscription(id: string, body: UpdateSubscriptionBody): Promise<Subscription> {
  return apiClient.put(subscriptionPath(id), body, subscriptionSchema);
}

export function deleteSubscription(id: string): Promise<void> {
  return apiClient.delete(subscriptionPath(id));
}

export function getCatalog(signal?: AbortSignal) {
  return apiClient.get('/v3/webhook-events', catalogSchema, signal);
}

export async function listPhoneNumbers(signal?: AbortSignal) {
  const list = await apiClient.get('/v3/phone_numbers', phoneNumberListSchema, signal);
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
