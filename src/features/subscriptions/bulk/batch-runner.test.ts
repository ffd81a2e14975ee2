import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { deferred, type Deferred } from '@/test/deferred';
import { MAX_RATE_LIMITED_TRIES, runBatch, type ItemState } from './batch-runner';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ids = (count: number) => Array.from({ length: count }, (_, index) => `sub-${index}`);
const statuses = (states: Map<string, ItemState>) => [...states.values()].map((state) => state.status);

/** A write per item that answers when the test says so; records when each was sent. */
function heldWrites() {
  const pending = new Map<string, Deferred>();
  const sent: { id: string; at: number }[] = [];
  const run = (id: string) => {
    sent.push({ id, at: Date.now() });
    const gate = deferred();
    pending.set(id, gate);
    return gate.promise;
  };
  return {
    run,
    sent,
    pending,
    inFlight: () => pending.size,
    answer: (id: string) => {
      pending.get(id)?.resolve();
      pending.delete(id);
    },
  };
}

describe('runBatch', () => {
  it('never has more than `concurrency` writes in flight, and finishes every item', async () => {
    let inFlight = 0;
    let most = 0;
    const batch = runBatch({
      ids: ids(20),
      concurrency: 3,
      run: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= 1;
      },
    });
    await vi.runAllTimersAsync();
    const states = await batch.done;
    expect(most).toBe(3);
    expect(statuses(states)).toEqual(Array(20).fill('done'));
    expect(batch.progress()).toMatchObject({ status: 'finished', done: 20, failed: 0, remaining: 0 });
  });

  it('reports each item: queued, saving, then done or failed with the reason (a partial failure)', async () => {
    const seen: [string, string][] = [];
    const batch = runBatch({
      ids: ['a', 'b', 'c'],
      concurrency: 1,
      run: async (id) => {
        if (id === 'b') throw new ApiError(500, 3006, 'Internal server error');
      },
      onItem: (id, state) => seen.push([id, state.status]),
    });
    await vi.runAllTimersAsync();
    const states = await batch.done;
    expect(seen).toEqual([
      ['a', 'saving'],
      ['a', 'done'],
      ['b', 'saving'],
      ['b', 'failed'],
      ['c', 'saving'],
      ['c', 'done'],
    ]);
    expect(states.get('b')).toEqual({ status: 'failed', message: 'Internal server error' });
    expect(batch.progress()).toMatchObject({ done: 2, failed: 1 });
  });

  it('Stop sends nothing more: the writes in flight finish, the rest are reported as not sent', async () => {
    const writes = heldWrites();
    const batch = runBatch({ ids: ids(10), concurrency: 2, run: writes.run });
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.sent.map((entry) => entry.id)).toEqual(['sub-0', 'sub-1']);

    batch.stop();
    expect(batch.progress().status).toBe('stopping');
    writes.answer('sub-0');
    writes.answer('sub-1');
    await vi.runAllTimersAsync();
    const states = await batch.done;
    expect(writes.sent).toHaveLength(2);
    expect(statuses(states)).toEqual(['done', 'done', ...Array(8).fill('stopped')]);
    expect(batch.progress()).toMatchObject({ status: 'stopped', done: 2, stopped: 8, remaining: 0 });
  });

  it("pauses every send for a 429's Retry-After, then resumes with that item first", async () => {
    let limitedOnce = false;
    const sent: { id: string; at: number }[] = [];
    const pauses: (number | undefined)[] = [];
    const start = Date.now();
    const batch = runBatch({
      ids: ['a', 'b', 'c', 'd'],
      concurrency: 1,
      run: async (id) => {
        sent.push({ id, at: Date.now() - start });
        if (id === 'b' && !limitedOnce) {
          limitedOnce = true;
          throw new ApiError(429, 1007, 'Too many requests', 3000);
        }
      },
      onProgress: (progress) => pauses.push(progress.pausedUntil),
    });
    await vi.advanceTimersByTimeAsync(2999);
    // Nothing is sent while Linq asked to wait.
    expect(sent.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(pauses).toContain(start + 3000);
    await vi.runAllTimersAsync();
    await batch.done;
    expect(sent.map((entry) => entry.id)).toEqual(['a', 'b', 'b', 'c', 'd']);
    expect(sent[2]!.at).toBeGreaterThanOrEqual(3000);
    expect(batch.progress()).toMatchObject({ done: 4, failed: 0 });
  });

  it('never spins on 429s: each wait is at least a second, and an item fails after five in a row', async () => {
    const sent: number[] = [];
    const start = Date.now();
    const batch = runBatch({
      ids: ['a'],
      concurrency: 1,
      run: async () => {
        sent.push(Date.now() - start);
        // Retry-After: 0 (or one already past): no wait named at all.
        throw new ApiError(429, 1007, 'Too many requests', 0);
      },
    });
    await vi.advanceTimersByTimeAsync(60_000);
    const states = await batch.done;
    expect(sent).toHaveLength(MAX_RATE_LIMITED_TRIES);
    for (const [index, at] of sent.entries()) expect(at).toBeGreaterThanOrEqual(index * 1000);
    expect(states.get('a')).toMatchObject({ status: 'failed' });
    expect(states.get('a')?.message).toMatch(/too many requests.*5 times in a row/i);
  });

  it('Stop during a pause ends the batch at once', async () => {
    const batch = runBatch({
      ids: ['a', 'b'],
      concurrency: 1,
      run: async () => {
        throw new ApiError(429, 1007, 'Too many requests', 60_000);
      },
    });
    await vi.advanceTimersByTimeAsync(10);
    batch.stop();
    await vi.advanceTimersByTimeAsync(10);
    const states = await batch.done;
    expect(statuses(states)).toEqual(['stopped', 'stopped']);
  });

  it('paces sends under an announced quota instead of running into it', async () => {
    const sent: number[] = [];
    const start = Date.now();
    const batch = runBatch({
      ids: ids(5),
      concurrency: 4,
      pacing: () => 100,
      run: async () => {
        sent.push(Date.now() - start);
      },
    });
    await vi.runAllTimersAsync();
    await batch.done;
    expect(sent).toEqual([0, 100, 200, 300, 400]);
  });

  it('keeps to the pace when timers fire late, without letting the lateness add up', async () => {
    const sent: number[] = [];
    const start = Date.now();
    // Every wait ends 7 ms late, as timers on a busy machine do.
    const late = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms + 7));
    const batch = runBatch({
      ids: ids(6),
      concurrency: 4,
      pacing: () => 100,
      sleep: late,
      run: async () => void sent.push(Date.now() - start),
    });
    await vi.runAllTimersAsync();
    await batch.done;
    expect(sent.at(-1)).toBeLessThanOrEqual(500 + 7);
    for (const [index, at] of sent.entries()) expect(at).toBeGreaterThanOrEqual(index * 100);
  });

  it('retries exactly the failed items when run again with them', async () => {
    const failing = new Set(['b', 'd']);
    const first = runBatch({
      ids: ['a', 'b', 'c', 'd'],
      run: async (id) => {
        if (failing.has(id)) throw new ApiError(500, 3006, 'Internal server error');
      },
    });
    await vi.runAllTimersAsync();
    const failed = [...(await first.done)].filter(([, state]) => state.status === 'failed').map(([id]) => id);
    expect(failed).toEqual(['b', 'd']);

    failing.clear();
    const sent: string[] = [];
    const retry = runBatch({ ids: failed, run: async (id) => void sent.push(id) });
    await vi.runAllTimersAsync();
    await retry.done;
    expect(sent).toEqual(['b', 'd']);
  });
});
