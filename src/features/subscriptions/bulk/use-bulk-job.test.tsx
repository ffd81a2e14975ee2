import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { JobSubmit } from '@contract/jobs';
import { makeSubscription } from '@/test/factories';
import { installFakeLinq } from '@/test/fake-linq';
import { createTestQueryClient } from '@/test/render';
import { BulkStoreContext, createBulkStore, type BulkStore } from './bulk-store';
import { subscriptionKeys } from '../api/keys';
import { useBulkActions, useBulkJobWatch } from './use-bulk-job';

/** The page's side of a bulk job against the fake console's jobs (src/test/fake-jobs.ts) over Linq's model. */

const subscriptions = Array.from({ length: 6 }, (_, index) =>
  makeSubscription({ id: `s${index}`, is_active: index !== 5 }),
);
const ids = subscriptions.map((subscription) => subscription.id);
const turnOff: JobSubmit = { label: 'Turn off 6', action: { kind: 'turn-off' }, ids };
/** Polling waits half a second between reads. */
const JOB_WAIT = { timeout: 5_000 };

function mount(store: BulkStore = createBulkStore(), linq = installFakeLinq({ subscriptions })) {
  const client = createTestQueryClient();
  client.setQueryData(subscriptionKeys.list(), linq.subscriptions());
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <BulkStoreContext value={store}>{children}</BulkStoreContext>
    </QueryClientProvider>
  );
  const { result, unmount } = renderHook(
    () => {
      useBulkJobWatch();
      return useBulkActions();
    },
    { wrapper },
  );
  const status = () => store.getJob()?.job.status;
  return { linq, client, store, result, unmount, status };
}

describe('a bulk job the console server runs', () => {
  it('is submitted whole, followed to its end, each row’s state and the list updated from the server', async () => {
    const { linq, client, store, result, status } = mount();
    const batches: string[] = [];
    linq.intercept((request) => {
      if (request.endpoint === 'updateSubscription') batches.push(request.headers.get('x-console-batch-id') ?? '');
      return undefined;
    });
    await act(() => result.current.submit.mutateAsync(turnOff));
    // The page sent one request for the whole action: the job.
    expect(linq.requests.filter((request) => request.method !== 'GET').map((request) => request.path)).toEqual([
      '/__console/jobs',
    ]);
    await waitFor(() => expect(status()).toBe('finished'), JOB_WAIT);
    expect(store.getJob()?.job.totals).toMatchObject({ total: 6, done: 5, skipped: 1 });
    expect(store.getItem('s0')).toMatchObject({ state: 'done', message: null });
    expect(store.getItem('s5')).toMatchObject({ state: 'skipped', message: 'Already as asked.' });
    // Every write carried the job's id, for the journal.
    expect(new Set(batches)).toEqual(new Set([store.getJob()?.job.id]));
    expect(linq.subscriptions().every((subscription) => !subscription.is_active)).toBe(true);
    await waitFor(() =>
      expect(client.getQueryData(subscriptionKeys.list())?.every((subscription) => !subscription.is_active)).toBe(true),
    );
  });

  it('reports each failure, retries exactly the failed ones, then undoes every change', async () => {
    const { linq, store, result, status } = mount();
    const failing = new Set(['s1', 's3']);
    const written: string[] = [];
    linq.intercept((request) => {
      if (request.endpoint !== 'updateSubscription') return undefined;
      written.push(request.id ?? '');
      return failing.has(request.id ?? '') ? linq.model.failure() : undefined;
    });
    await act(() => result.current.submit.mutateAsync(turnOff));
    await waitFor(() => expect(status()).toBe('finished'), JOB_WAIT);
    expect(store.getItem('s1')).toMatchObject({ state: 'failed', message: 'Internal server error' });
    const job = store.getJob()!.job;
    expect(job.totals).toMatchObject({ done: 3, failed: 2 });

    failing.clear();
    written.length = 0;
    await act(() => result.current.control.mutateAsync({ id: job.id, label: job.label, control: 'retry' }));
    await waitFor(() => expect(status()).toBe('finished'), JOB_WAIT);
    expect(written.toSorted()).toEqual(['s1', 's3']);
    expect(store.getJob()?.job.totals).toMatchObject({ done: 5, failed: 0 });

    await act(() => result.current.control.mutateAsync({ id: job.id, label: job.label, control: 'undo' }));
    expect(store.getJob()?.job).toMatchObject({ kind: 'undo', undo_of: job.id });
    await waitFor(() => expect(status()).toBe('finished'), JOB_WAIT);
    expect(linq.subscriptions().map((subscription) => subscription.is_active)).toEqual(
      subscriptions.map((subscription) => subscription.is_active),
    );
  });

  it('is shown again by a page opened while it runs (a reload, a second tab), and Stop leaves the rest unsent', async () => {
    const linq = installFakeLinq({ subscriptions });
    // Linq holds every write until the test lets it go.
    const held: (() => void)[] = [];
    linq.intercept(async (request, next) => {
      if (request.endpoint !== 'updateSubscription') return undefined;
      await new Promise<void>((resolve) => held.push(resolve));
      return next();
    });
    const first = mount(createBulkStore(), linq);
    await act(() => first.result.current.submit.mutateAsync(turnOff));
    await waitFor(() => expect(held).toHaveLength(1));
    first.unmount();

    // A new page: its own store, nothing submitted from it.
    const second = mount(createBulkStore(), linq);
    await waitFor(() => expect(second.store.getJob()?.job.label).toBe('Turn off 6'));
    expect(second.store.getItem('s0')).toMatchObject({ state: 'sending' });
    expect(second.store.getItem('s1')).toMatchObject({ state: 'queued' });

    const job = second.store.getJob()!.job;
    await act(() => second.result.current.control.mutateAsync({ id: job.id, label: job.label, control: 'stop' }));
    held.shift()?.();
    await waitFor(() => expect(second.status()).toBe('stopped'), JOB_WAIT);
    expect(second.store.getJob()?.job.totals).toMatchObject({ done: 1, not_sent: 4, skipped: 1 });
    expect(second.store.getItem('s1')).toMatchObject({ state: 'not_sent' });
    expect(
      linq
        .subscriptions()
        .filter((subscription) => !subscription.is_active)
        .map((entry) => entry.id),
    ).toEqual(['s0', 's5']);
  });
});
