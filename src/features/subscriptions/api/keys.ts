import type { DataTag } from '@tanstack/react-query';
import type { ActivityList, Label } from '@contract/console';
import type { Catalog, PhoneNumber, Subscription } from '@contract/schemas';

/**
 * Every query key of this feature, typed with the data it holds, so cache reads and writes are
 * typed without the query options. The query factory (queries.ts) and the cache module
 * (cache.ts) both build on these.
 */

/** `tagged<Data>()(key)`: the key, carrying the type of the data stored under it. */
const tagged =
  <Data>() =>
  <const Key extends readonly unknown[]>(key: Key) =>
    key as DataTag<Key, Data>;

export const subscriptionKeys = {
  all: () => ['subscriptions'] as const,
  lists: () => [...subscriptionKeys.all(), 'list'] as const,
  list: () => tagged<Subscription[]>()([...subscriptionKeys.lists()]),
  details: () => [...subscriptionKeys.all(), 'detail'] as const,
  detail: (id: string) => tagged<Subscription>()([...subscriptionKeys.details(), id]),
};

export const catalogKeys = {
  all: () => tagged<Catalog>()(['catalog']),
};

export const phoneNumberKeys = {
  all: () => tagged<PhoneNumber[]>()(['phone-numbers']),
};

/** The console's names and notes, all at once (the table shows and searches them). */
export const labelKeys = {
  all: () => tagged<Label[]>()(['labels']),
};

/** One subscription's journal entries, for the drawer's History. */
export const historyKeys = {
  all: () => ['history'] as const,
  of: (id: string) => tagged<ActivityList>()([...historyKeys.all(), id]),
};

/** Mutation keys: a toggle's key names its subscription, so its state can be read per row. */
export const mutationKeys = {
  toggles: () => [...subscriptionKeys.all(), 'toggle'] as const,
  toggle: (id: string) => [...mutationKeys.toggles(), id] as const,
};
