import { describe, expect, it } from 'vitest';
import { LINQ_ENDPOINTS } from '@contract/endpoints';
import { installFakeLinq } from '@/test/fake-linq';
import { createApiClient } from './api-client';
import { createRecordingNotifier } from './notifier';
import { createQueryClient, noticesMeta } from './query-client';
import { apiOf, servicesOf } from './services';

function setup() {
  const notifier = createRecordingNotifier();
  const api = createApiClient();
  return { notifier, api, client: createQueryClient({ api, notifier }) };
}

type Client = ReturnType<typeof setup>['client'];
type MutationOptions = Parameters<ReturnType<Client['getMutationCache']>['build']>[1];

/** Runs one mutation through the client's cache, as useMutation would; a failure is the test's to look at. */
function run<T>(client: Client, options: Omit<MutationOptions, 'mutationFn'>, fn: () => Promise<T>) {
  return client
    .getMutationCache()
    .build(client, { ...options, mutationFn: fn } as MutationOptions)
    .execute(undefined)
    .catch(() => undefined);
}

describe('the query client and its services', () => {
  it('carries the services it was made with, for query functions and mutations to reach', () => {
    const { client, api, notifier } = setup();
    expect(apiOf(client)).toBe(api);
    expect(servicesOf(client).notifier).toBe(notifier);
  });

  it("shows what a finished mutation's meta says, once, after dismissing what it replaces", async () => {
    const { client, notifier } = setup();
    await run(
      client,
      {
        meta: noticesMeta<string, undefined>({
          success: (data) => ({ kind: 'success', message: `Saved ${data}`, replaces: ['old'] }),
        }),
      },
      async () => 'it',
    );
    expect(notifier.notices).toEqual([{ kind: 'success', message: 'Saved it', replaces: ['old'] }]);
    expect(notifier.dismissed).toEqual(['old']);
  });

  it("shows a failure in the error's words, and nothing when the meta has nothing to say", async () => {
    const { client, notifier } = setup();
    await run(
      client,
      { meta: noticesMeta({ error: (error) => ({ kind: 'error', message: `Not saved: ${error.message}` }) }) },
      () => Promise.reject(new Error('Linq said no')),
    );
    await run(client, { meta: noticesMeta({ success: () => undefined }) }, async () => 'quiet');
    await run(client, {}, async () => 'no meta');
    expect(notifier.notices).toEqual([{ kind: 'error', message: 'Not saved: Linq said no' }]);
  });

  it('reads again after a short rate-limit wait, and gives up on a long one at once', async () => {
    const linq = installFakeLinq();
    const { client, api } = setup();
    let limited = 0;
    linq.intercept((request) => {
      if (request.endpoint !== 'listPhoneNumbers') return undefined;
      limited += 1;
      return limited === 1 ? linq.model.rateLimited(1) : limited === 2 ? undefined : linq.model.rateLimited(3_600);
    });
    const read = (key: string) =>
      client.fetchQuery({ queryKey: [key], queryFn: () => api.call(LINQ_ENDPOINTS.listPhoneNumbers, {}) });
    const started = Date.now();
    await expect(read('first')).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(limited).toBe(2);
    await expect(read('second')).rejects.toMatchObject({ status: 429 });
    expect(limited).toBe(3);
  });
});
