import type { FastifyBaseLogger } from 'fastify';
import { JOURNAL_HEADERS } from '../../contract/console.ts';
import type { JobItemState } from '../../contract/jobs.ts';
import type { UpstreamResult } from '../forwarding.ts';
import type { Query } from '../journal/db.ts';
import { batchOutcomes } from '../journal/journal.ts';
import { moveItems, readItems, readJob, setItems, setStatus, type StoredItem } from './store.ts';

/**
 * Sending one job's items (runJob) and what a stopped console left (interruptJob): the database is
 * the truth. An item is marked `sending` before its write and given its outcome after, and the
 * journal's intent precedes the write itself, so after a `kill -9` each item that was being sent
 * takes the journal's word: done, failed, unknown (the intent was written, no outcome), or not
 * sent (no intent).
 */

/** 429s in a row for one item before it fails with the reason. */
export const MAX_RATE_LIMITED_TRIES = 5;

/** One write of a job, as the journaled write path (app.ts) sends it. */
export interface JobWrite {
  method: 'PUT' | 'DELETE';
  subscriptionId: string;
  body: Record<string, unknown> | null;
  /** The journal's batch hints (JOURNAL_HEADERS), so the job's writes read as one batch. */
  headers: Record<string, string>;
  actor: string;
}

/** Refusals that mean the write never left the console: it failed, and a retry may send it. */
const NOT_SENT_CAUSES = new Set(['journal unavailable', 'journal read failed', 'bad journal hints']);

const messageOf = (body: Buffer, status: number): string => {
  try {
    const message = (JSON.parse(body.toString('utf8')) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Not an envelope.
  }
  return `Linq answered ${status}.`;
};

type Outcome = { state: JobItemState; message: string | null } | { retryAfterMs: number; message: string };

function outcomeOf(result: UpstreamResult, isDelete: boolean): Outcome {
  if (result.kind === 'gone') return { state: 'unknown', message: 'The console stopped waiting for the answer.' };
  if (result.kind === 'refused') {
    return { state: NOT_SENT_CAUSES.has(result.cause) ? 'failed' : 'unknown', message: result.envelope.error.message };
  }
  if (result.status >= 200 && result.status < 300) return { state: 'done', message: null };
  if (isDelete && result.status === 404) return { state: 'done', message: 'It was already gone.' };
  if (result.status === 429) {
    return {
      retryAfterMs: retryAfterMs(result.headers['retry-after']),
      message: messageOf(result.body, 429),
    };
  }
  return { state: 'failed', message: messageOf(result.body, result.status) };
}

/** The wait a 429 asks for: the upstream has already made its Retry-After whole seconds, at least 1. */
function retryAfterMs(header: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 1 ? Math.min(seconds, 600) * 1000 : 1000;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Running {
  stop: 'no' | 'stop' | 'interrupt';
  done: Promise<void>;
}

export interface RunContext {
  query: Query;
  write: (write: JobWrite) => Promise<UpstreamResult>;
  concurrency: number;
}

async function sendItem(
  write: RunContext['write'],
  job: { id: string; label: string; actor: string },
  item: StoredItem,
): Promise<Outcome> {
  const result = await write({
    method: item.is_delete ? 'DELETE' : 'PUT',
    subscriptionId: item.subscription_id,
    body: item.body,
    headers: { [JOURNAL_HEADERS.batchId]: job.id, [JOURNAL_HEADERS.batchLabel]: encodeURIComponent(job.label) },
    actor: job.actor,
  });
  return outcomeOf(result, item.is_delete);
}

/** Sends the job's queued items, `concurrency` at a time, until none is left or it is stopped. */
export async function runJob({ query, write, concurrency }: RunContext, jobId: string, state: Running): Promise<void> {
  const found = await readJob(query, jobId);
  if (!found) return;
  const job = { id: jobId, label: found.job.label, actor: found.actor };
  const queue = await readItems(query, jobId, ['queued']);
  const tries = new Map<number, number>();
  const worker = async () => {
    for (;;) {
      if (state.stop !== 'no') return;
      const item = queue.shift();
      if (!item) return;
      await setItems(query, jobId, [{ position: item.position, state: 'sending', message: null }]);
      const outcome = await sendItem(write, job, item);
      if ('retryAfterMs' in outcome) {
        const count = (tries.get(item.position) ?? 0) + 1;
        tries.set(item.position, count);
        if (count >= MAX_RATE_LIMITED_TRIES) {
          const message = `Linq answered "too many requests" ${count} times in a row for this one (last: ${outcome.message}). Retry it later.`;
          await setItems(query, jobId, [{ position: item.position, state: 'failed', message }]);
          continue;
        }
        // Nothing was changed at Linq: back to the front, after the wait Linq asked for.
        await setItems(query, jobId, [{ position: item.position, state: 'queued', message: null }]);
        queue.unshift(item);
        await sleep(outcome.retryAfterMs);
        continue;
      }
      await setItems(query, jobId, [{ position: item.position, ...outcome }]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (state.stop === 'no') await setStatus(query, jobId, 'finished');
  else {
    await moveItems(query, jobId, ['queued'], 'not_sent');
    await setStatus(query, jobId, state.stop === 'stop' ? 'stopped' : 'interrupted');
  }
}

/** A silent console's jobs: interrupted, each item as the journal has it. */
export async function interruptJob(query: Query, log: FastifyBaseLogger, jobId: string): Promise<void> {
  const sending = await readItems(query, jobId, ['sending']);
  const journal = await batchOutcomes(
    query,
    jobId,
    sending.map((item) => item.subscription_id),
  );
  await setItems(
    query,
    jobId,
    sending.map((item) => {
      const entry = journal.get(item.subscription_id);
      if (!entry) return { position: item.position, state: 'not_sent' as const, message: null };
      if (entry.outcome === 'ok') return { position: item.position, state: 'done' as const, message: null };
      if (entry.outcome === 'failed')
        return { position: item.position, state: 'failed' as const, message: entry.message };
      return {
        position: item.position,
        state: 'unknown' as const,
        message: 'The console stopped while this was being sent: Linq may or may not have applied it.',
      };
    }),
  );
  await moveItems(query, jobId, ['queued'], 'not_sent');
  await setStatus(query, jobId, 'interrupted');
  log.warn({ job: jobId }, 'bulk job interrupted: its console stopped');
}
