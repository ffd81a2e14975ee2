import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSubscription } from '@/test/factories';
import { installFakeLinq } from '@/test/fake-linq';
import { createTestQueryClient } from '@/test/render';
import { planBulk, planUndo } from '@contract/bulk';
import { BulkStoreContext, createBulkStore } from './bulk-store';
import { subscriptionKeys } from '../api/keys';
import { useBulkRun } from './use-bulk-run';

const bulkStore = createBulkStore();
afterEach(() => bulkStore.clear());

const subscriptions = Array.from({ length: 6 }, (_, index) =>
  makeSubscription({ id: `s${index}`, is_active: index !== 5 }),
);

function setup() {
  const linq = installFakeLinq({ subscriptions });
  const client = createTestQueryClient();
  client.setQueryData(subscriptionKeys.list(), subscriptions);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <BulkStoreContext value={bulkStore}>{children}</BulkStoreContext>
    </QueryClientProvider>
  );
  const { result } = renderHook(() => useBulkRun(), { wrapper });
  const finished = () => ['finished', 'stopped'].includes(bulkStore.getJob()?.progress.status ?? '');
  return { linq, client, run: result.current, finished };
}

describe('useBulkRun', () => {
  it('writes each change once through the API, skips what is already as asked, and updates the list', async () => {
    const { linq, client, run, finished } = setup();
    const batches: (string | null)[] = [];
    linq.intercept((request) => {
      if (request.endpoint === 'updateSubscription') {
        batches.push(`${request.headers.get('x-console-batch-id')} ${request.headers.get('x-console-batch-label')}`);
      }
      return undefined;
    });
    const plan = planBulk({ kind: 'turn-off' }, subscriptions);
    act(() => run({ batchId: 'batch-1', label: 'Turn off', kind: 'action', plan, writes: plan.writes }));
    await waitFor(() => expect(finished()).toBe(true));
    expect(linq.writes().map((request) => [request.path, request.body])).toEqual(
      plan.writes.map((write) => [`/v3/webhook-subscriptions/${write.id}`, { is_active: false }]),
    );
    expect(plan.skipped).toEqual(['s5']);
    // Each write names its batch, for the journal.
    expect(batches).toEqual(Array(5).fill('batch-1 Turn off'));
    expect(linq.subscriptions().every((subscription) => !subscription.is_active)).toBe(true);
    await waitFor(() =>
      expect(client.getQueryData(subscriptionKeys.list())?.every((subscription) => !subscription.is_active)).toBe(true),
    );
    expect(bulkStore.getItem('s0')).toEqual({ status: 'done' });
  });

  it('reports a partial failure per item, retries exactly the failed ones, and undoes every change', async () => {
    const { linq, run, finished } = setup();
    const failing = new Set(['s1', 's3']);
    linq.intercept((request) =>
      request.endpoint === 'updateSubscription' && failing.has(request.id ?? '') ? linq.model.failure() : undefined,
    );
    const plan = planBulk({ kind: 'turn-off' }, subscriptions);
    act(() => run({ batchId: 'batch-1', label: 'Turn off', kind: 'action', plan, writes: plan.writes }));
    await waitFor(() => expect(finished()).toBe(true));
    expect(bulkStore.getItem('s1')).toEqual({ status: 'failed', message: 'Internal server error' });
    const job = bulkStore.getJob()!;
    expect(job.progress).toMatchObject({ done: 3, failed: 2 });

    failing.clear();
    const failed = job.writes.filter((write) => bulkStore.getItem(write.id)?.status === 'failed');
    const before = linq.writes().length;
    act(() =>
      run({ batchId: 'batch-1', label: 'Turn off', kind: 'retry', plan, writes: failed, doneIds: job.doneIds }),
    );
    await waitFor(() => expect(finished()).toBe(true));
    expect(
      linq
        .writes()
        .slice(before)
        .map((request) => request.path),
    ).toEqual(['/v3/webhook-subscriptions/s1', '/v3/webhook-subscriptions/s3']);

    const undo = planUndo(plan, bulkStore.getJob()!.doneIds);
    expect(undo).toHaveLength(5);
    act(() => run({ batchId: 'batch-2', label: 'Turn off', kind: 'undo', plan, writes: undo }));
    await waitFor(() => expect(finished()).toBe(true));
    expect(linq.subscriptions().map((subscription) => subscription.is_active)).toEqual(
      subscriptions.map((subscription) => subscription.is_active),
    );
  });

  it('waits out a 429 and loses or doubles no write', async () => {
    const { linq, run, finished } = setup();
    let limited = false;
    linq.intercept((request) => {
      if (request.endpoint !== 'updateSubscription' || limited) return undefined;
      limited = true;
      return linq.model.rateLimited(1);
    });
    const plan = planBulk({ kind: 'turn-off' }, subscriptions);
    act(() => run({ batchId: 'batch-1', label: 'Turn off', kind: 'action', plan, writes: plan.writes }));
    await waitFor(() => expect(finished()).toBe(true), { timeout: 5000 });
    const applied = linq
      .writes()
      .filter((request) => request.method === 'PUT')
      .map((request) => request.path);
    // One answered 429 (not applied) and was sent again; every other write exactly once.
    expect(applied).toHaveLength(plan.writes.length + 1);
    expect(new Set(applied).size).toBe(plan.writes.length);
    expect(bulkStore.getJob()!.progress).toMatchObject({ done: 5, failed: 0 });
  });
});
