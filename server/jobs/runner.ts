import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Job, JobItemState, JobSubmit } from '../../contract/jobs.ts';
import { ERRORS } from '../errors.ts';
import type { UpstreamResult } from '../forwarding.ts';
import type { Database } from '../journal/db.ts';
import { JobError } from './job-error.ts';
import { planJob, undoItems } from './plan.ts';
import { interruptJob, runJob, type JobWrite, type Running } from './send.ts';
import {
  heartbeat,
  insertJob,
  moveItems,
  orphanedJobs,
  readItems,
  readJob,
  setStatus,
  stoppingJobs,
  type NewJob,
} from './store.ts';

/**
 * Runs bulk jobs on the console server: a job is planned from Linq's list (contract/bulk.ts, the
 * page's rules), recorded with every item (store.ts), then sent item by item through the same
 * journaled write path as a page's write, so every write is in the journal under the job's id and
 * keeps to the one pace of the upstream (proxy/upstream.ts) with every other request to it.
 *
 * The database is the truth: an item is marked `sending` before its write and given its outcome
 * after, and the journal's intent precedes the write itself. A console that stops (even `kill -9`)
 * leaves its running jobs for the next start (or, on a shared PostgreSQL, any console whose
 * heartbeat check finds them silent) to mark interrupted: each item that was being sent then takes
 * the journal's word (done, failed, unknown: the intent was written but no outcome; not sent: no
 * intent), every queued item is not sent, and Resume sends exactly the items not sent.
 */

export interface JobRunnerOptions {
  database: Database;
  /** One journaled write to Linq (the recorder in front of the upstream). */
  write: (write: JobWrite) => Promise<UpstreamResult>;
  /** Linq's list of subscriptions, through the same upstream. */
  readList: () => Promise<UpstreamResult>;
  log: FastifyBaseLogger;
  /** Writes in flight per job; the upstream's pace decides how fast they go. */
  concurrency?: number;
  /** How often this console says its jobs are alive, and looks for silent ones. */
  heartbeatMs?: number;
  /** A running job whose console has been silent this long is interrupted (a shared PostgreSQL). */
  staleMs?: number;
}

export function createJobRunner(options: JobRunnerOptions) {
  const { database, log } = options;
  const { query } = database;
  const owner = randomUUID();
  const concurrency = options.concurrency ?? 4;
  const running = new Map<string, Running>();
  let timer: NodeJS.Timeout | undefined;

  const conflict = (message: string) => new JobError(ERRORS.jobConflict(message));
  /** The job as the wire shows it; one that is not there is a 404. */
  const current = async (jobId: string): Promise<Job> => {
    const found = await readJob(query, jobId);
    if (!found) throw new JobError(ERRORS.notFound());
    return found.job;
  };

  function launch(jobId: string): void {
    const state: Running = { stop: 'no', done: Promise.resolve() };
    state.done = runJob({ query, write: options.write, concurrency }, jobId, state)
      .catch((error: unknown) => {
        log.error({ job: jobId, code: (error as { code?: unknown }).code }, 'bulk job stopped by an error');
      })
      .finally(() => running.delete(jobId));
    running.set(jobId, state);
  }

  /** Records a new job and starts it here. */
  async function begin(job: Omit<NewJob, 'id' | 'owner'>): Promise<Job> {
    const id = randomUUID();
    await insertJob(query, { ...job, id, owner });
    launch(id);
    return current(id);
  }

  async function sweep(staleMs: number): Promise<void> {
    for (const jobId of await orphanedJobs(query, owner, staleMs)) await interruptJob(query, log, jobId);
  }

  async function tick(): Promise<void> {
    await heartbeat(query, owner);
    // A stop asked on another console (a shared PostgreSQL) reaches the one running the job here.
    for (const id of await stoppingJobs(query, owner)) {
      const state = running.get(id);
      if (state && state.stop === 'no') state.stop = 'stop';
    }
    await sweep(options.staleMs ?? 30_000);
  }

  return {
    /** Marks what a stopped console left running as interrupted, then keeps a heartbeat. */
    async start(): Promise<void> {
      // The embedded database has one process at a time: whatever runs in it now is not running.
      await sweep(database.kind === 'embedded' ? 0 : (options.staleMs ?? 30_000));
      timer = setInterval(() => {
        tick().catch((error: unknown) =>
          log.error({ code: (error as { code?: unknown }).code }, 'bulk job heartbeat failed'),
        );
      }, options.heartbeatMs ?? 5_000);
      timer.unref();
    },

    async submit(actor: string, submit: JobSubmit): Promise<Job> {
      const items = await planJob(options.readList, submit);
      return begin({ label: submit.label, kind: 'action', action: submit.action, actor, undoOf: null, items });
    },

    async stop(jobId: string): Promise<Job> {
      const job = await current(jobId);
      if (job.status !== 'running') throw conflict(`This job is ${job.status}: there is nothing to stop.`);
      await setStatus(query, jobId, 'stopping');
      const state = running.get(jobId);
      if (state && state.stop === 'no') state.stop = 'stop';
      return await current(jobId);
    },

    /** Resume (the items not sent) or Retry (the failed and unknown ones): queued again, run here. */
    async rerun(jobId: string, actor: string, what: 'resume' | 'retry'): Promise<Job> {
      const job = await current(jobId);
      if (job.status === 'running' || job.status === 'stopping' || running.has(jobId)) {
        throw conflict('This job is still running.');
      }
      const from: JobItemState[] = what === 'resume' ? ['not_sent'] : ['failed', 'unknown'];
      const count = from.reduce((sum, state) => sum + job.totals[state], 0);
      if (count === 0)
        throw conflict(what === 'resume' ? 'Every item of this job was sent.' : 'No item of this job failed.');
      await moveItems(query, jobId, from, 'queued');
      await setStatus(query, jobId, 'running', { owner, actor });
      launch(jobId);
      return await current(jobId);
    },

    /** An interrupted job left as it is: stopped, its unsent items never sent. */
    async leave(jobId: string): Promise<Job> {
      const job = await current(jobId);
      if (job.status !== 'interrupted') throw conflict(`This job is ${job.status}, not interrupted.`);
      await setStatus(query, jobId, 'stopped');
      return await current(jobId);
    },

    /** A new job that puts back what this one changed (its done items; deletes cannot be). */
    async undo(jobId: string, actor: string): Promise<Job> {
      const job = await current(jobId);
      if (job.status === 'running' || job.status === 'stopping') throw conflict('Stop this job before undoing it.');
      if (!job.undoable) throw conflict('This job changed nothing that can be put back.');
      const items = undoItems(await readItems(query, jobId, ['done']));
      const label = `Undo: ${job.label}`.slice(0, 200);
      return begin({ label, kind: 'undo', action: job.action, actor, undoOf: jobId, items });
    },

    /** Stops sending (what is in flight finishes); the jobs read as interrupted, resumable at the next start. */
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      for (const state of running.values()) if (state.stop === 'no') state.stop = 'interrupt';
      await Promise.all([...running.values()].map((state) => state.done));
    },

    /** Resolves once the job is no longer running in this process (tests). */
    settled: (jobId: string): Promise<void> => running.get(jobId)?.done ?? Promise.resolve(),
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
