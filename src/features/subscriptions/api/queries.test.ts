import { describe, expect, it } from 'vitest';
import { makeSubscription } from '@/test/factories';
import { installFakeApi } from '@/test/fake-api';
import { installFakeLinq } from '@/test/fake-linq';
import { createTestQueryClient } from '@/test/render';
import type { Subscription } from '@contract/schemas';
import { keepNewerEntries, subscriptionQueries } from './queries';

const entry = (id: string, updatedAt: string, isActive = true): Subscription =>
  makeSubscription({ id, updated_at: updatedAt, is_active: isActive });

describe('keepNewerEntries', () => {
  it('takes the fetched list as it is when nothing is cached', () => {
    const next = [entry('a', '2026-01-01T00:00:01Z')];
    expect(keepNewerEntries(undefined, next)).toBe(next);
  });

  it('keeps a cached entry that is newer than the fetched one, and takes the rest from the fetch', () => {
    const cachedA = entry('a', '2026-01-01T00:00:05Z', false);
    const fetched = [entry('a', '2026-01-01T00:00:01Z', true), entry('b', '2026-01-01T00:00:09Z')];
    const merged = keepNewerEntries([cachedA, entry('b', '2026-01-01T00:00:02Z')], fetched);
    expect(merged).toEqual([cachedA, fetched[1]]);
  });

  it('takes the fetched entry when it is as new or newer (an optimistic state keeps its old updated_at)', () => {
    const optimistic = entry('a', '2026-01-01T00:00:01Z', false);
    const fetchedSame = entry('a', '2026-01-01T00:00:01Z', true);
    const fetchedNewer = entry('a', '2026-01-01T00:00:03Z', true);
    expect(keepNewerEntries([optimistic], [fetchedSame])).toEqual([fetchedSame]);
    expect(keepNewerEntries([optimistic], [fetchedNewer])).toEqual([fetchedNewer]);
  });

  it('finds a cached entry by id when the fetched list comes in another order', () => {
    const cachedB = entry('b', '2026-01-01T00:00:05Z', false);
    const fetched = [entry('b', '2026-01-01T00:00:01Z'), entry('a', '2026-01-01T00:00:01Z')];
    const merged = keepNewerEntries([entry('a', '2026-01-01T00:00:01Z'), cachedB], fetched);
    expect(merged).toEqual([cachedB, fetched[1]]);
  });

  it('follows the fetch for membership: entries gone from the server are gone, new ones appear', () => {
    const merged = keepNewerEntries([entry('gone', '2026-01-01T00:00:09Z')], [entry('new', '2026-01-01T00:00:01Z')]);
    expect(merged.map((subscription) => subscription.id)).toEqual(['new']);
  });
});

describe('the detail query keeps the table in step', () => {
  const listed = [entry('a', '2026-01-01T00:00:01Z', true), entry('b', '2026-01-01T00:00:01Z')];
  const listKey = subscriptionQueries.list().queryKey;

  it('writes a newer copy of the subscription into the list', async () => {
    const fresh = entry('a', '2026-01-01T00:00:07Z', false);
    installFakeApi(() => ({ status: 200, body: fresh }));
    const client = createTestQueryClient();
    client.setQueryData(listKey, listed);
    await client.fetchQuery(subscriptionQueries.detail('a'));
    expect(client.getQueryData(listKey)).toEqual([fresh, listed[1]]);
  });

  it('takes a subscription the server no longer has (404) out of the list', async () => {
    // A fake Linq without it: the model's own 404.
    installFakeLinq();
    const client = createTestQueryClient();
    client.setQueryData(listKey, listed);
    await expect(client.fetchQuery(subscriptionQueries.detail('a'))).rejects.toThrow();
    expect(client.getQueryData(listKey)?.map((subscription) => subscription.id)).toEqual(['b']);
  });
});
