import PQueue from 'p-queue';
import { ApiError, rateLimitWaitMs } from '@/lib/api-client';

/**
 * Runs one write per item with bounded concurrency (p-queue), and reports every item as it
 * goes. It survives Linq's rate limit: a 429 pauses the whole batch for its Retry-After (no
 * request is sent before the wait is over) and the item goes back to the front of the queue;
 * when answers announce a quota (RateLimit-Policy), requests are paced under it instead of
 * running into it. Stop sends nothing more: requests in flight finish, the rest are reported
 * as not sent.
 */

export type ItemStatus = 'queued' | 'saving' | 'done' | 'failed' | 'stopped';

export interface ItemState {
  status: ItemStatus;
  /** Why it failed, in the server's words. */
  message?: string;
}

export type BatchStatus = 'running' | 'stopping' | 'finished' | 'stopped';

export interface BatchProgress {
  status: BatchStatus;
  total: number;
  done: number;
  failed: number;
  /** Not sent because the batch was stopped. */
  stopped: number;
  /** Queued or in flight. */
  remaining: number;
  /** While a 429's wait lasts: when sending resumes (epoch ms), and the wait Linq asked for. */
  pausedUntil: number | undefined;
  pausedForMs: number | undefined;
}

export interface BatchOptions {
  ids: readonly string[];
  /** The write for one item; an ApiError 429 pauses the batch, any other error fails the item. */
  run: (id: string) => Promise<void>;
  concurrency?: number;
  /** The least time between two sends (from the announced quota); read before each send. */
  pacing?: () => number;
  onItem?: (id: string, state: ItemState) => void;
  onProgress?: (progress: BatchProgress) => void;
  /** Injected by tests: the clock and the timer. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Batch {
  /** Sends nothing more; what is in flight finishes. */
  stop: () => void;
  /** Every item's final state, once the batch has finished or stopped. */
  done: Promise<Map<string, ItemState>>;
  progress: () => BatchProgress;
}

export const DEFAULT_CONCURRENCY = 4;
/** 429s in a row for one item before it fails with the reason (a 429 that never ends must not spin). */
export const MAX_RATE_LIMITED_TRIES = 5;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function runBatch(options: BatchOptions): Batch {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const pacing = options.pacing ?? (() => 0);
  const states = new Map<string, ItemState>(options.ids.map((id) => [id, { status: 'queued' }]));
  const queue = new PQueue({ concurrency: options.concurrency ?? DEFAULT_CONCURRENCY });
  let status: BatchStatus = 'running';
  let wake: () => void = () => undefined;
  /** Resolves on stop, so a send waiting out a pause gives up at once. */
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });
  let pausedUntil = 0;
  let pausedForMs = 0;
  /** The earliest time the next request may be sent. */
  let nextSend = 0;

  const count = (wanted: ItemStatus) => [...states.values()].filter((state) => state.status === wanted).length;
  const progress = (): BatchProgress => ({
    status,
    total: states.size,
    done: count('done'),
    failed: count('failed'),
    stopped: count('stopped'),
    remaining: count('queued') + count('saving'),
    pausedUntil: pausedUntil > now() ? pausedUntil : undefined,
    pausedForMs: pausedUntil > now() ? pausedForMs : undefined,
  });
  const set = (id: string, state: ItemState) => {
    states.set(id, state);
    options.onItem?.(id, state);
    options.onProgress?.(progress());
  };

  /** Waits for the end of a 429's pause and for this send's turn under the pacing; false once stopped. */
  const waitTurn = async (): Promise<boolean> => {
    for (;;) {
      if (status !== 'running') return false;
      const at = Math.max(now(), pausedUntil, nextSend);
      if (at <= now()) {
        // The next slot follows this one's, not the moment a timer woke us: waking late must not
        // stretch every interval (and catching up after a pause must not burst).
        const slot = nextSend >= now() - pacing() ? nextSend : now();
        nextSend = slot + pacing();
        return true;
      }
      await Promise.race([sleep(at - now()), stopped]);
    }
  };

  /** Consecutive 429s per item. */
  const limited = new Map<string, number>();

  const attempt = async (id: string): Promise<void> => {
    if (!(await waitTurn())) return;
    set(id, { status: 'saving' });
    try {
      await options.run(id);
      set(id, { status: 'done' });
    } catch (error) {
      if (error instanceof ApiError && error.isRateLimited) {
        const wait = rateLimitWaitMs(error.retryAfterMs);
        const tries = (limited.get(id) ?? 0) + 1;
        limited.set(id, tries);
        if (now() + wait > pausedUntil) {
          pausedUntil = now() + wait;
          pausedForMs = wait;
        }
        if (tries >= MAX_RATE_LIMITED_TRIES) {
          set(id, {
            status: 'failed',
            message: `Linq answered "too many requests" ${tries} times in a row for this one (last: ${error.message}). Try it again later.`,
          });
          return;
        }
        set(id, { status: 'queued' });
        // Back to the front: it goes first once the wait is over.
        void queue.add(() => attempt(id), { priority: 1 });
        return;
      }
      set(id, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  for (const id of options.ids) void queue.add(() => attempt(id));

  const done = queue.onIdle().then(() => {
    for (const [id, state] of states) if (state.status === 'queued') set(id, { status: 'stopped' });
    status = status === 'stopping' ? 'stopped' : 'finished';
    options.onProgress?.(progress());
    return states;
  });

  return {
    stop: () => {
      if (status !== 'running') return;
      status = 'stopping';
      queue.clear();
      wake();
      options.onProgress?.(progress());
    },
    done,
    progress,
  };
}
