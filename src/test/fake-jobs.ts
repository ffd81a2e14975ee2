import { planBulk } from '@contract/bulk';
import { JOURNAL_HEADERS, type BatchSummary } from '@contract/console';
import { LINQ_ERRORS } from '@contract/errors';
import { emptyTotals, type Job, type JobItem, type JobItemState, type JobSubmit } from '@contract/jobs';
import type { Subscription } from '@contract/schemas';
import type { FakeResponse } from './fake-api';

/**
 * The console server's bulk jobs in the unit tests' fake (server/jobs/ is the real one): a job
 * planned from the fake Linq's list by the contract's rules (contract/bulk.ts), its writes sent
 * one at a time through the fake's own request path (so a test's interceptor meets them, and
 * Linq's model answers them), each item's state kept as the server reports it.
 */

export interface FakeJobsOptions {
  /** Linq's list as it is now. */
  subscriptions: () => Subscription[];
  /** One write, through the fake's request path (interceptors, then the model). */
  send: (method: 'PUT' | 'DELETE', id: string, body: unknown, headers: Record<string, string>) => Promise<FakeResponse>;
}

interface FakeItem extends JobItem {
  undo: Record<string, unknown> | null;
}

interface FakeJob {
  job: Job;
  items: FakeItem[];
  rev: number;
  stop: boolean;
}

export function createFakeJobs({ subscriptions, send }: FakeJobsOptions) {
  const jobs = new Map<string, FakeJob>();
  let sequence = 0;

  const wire = (entry: FakeJob): Job => {
    const totals = emptyTotals();
    for (const item of entry.items) {
      totals[item.state] += 1;
      totals.total += 1;
    }
    const undoable = entry.job.kind === 'action' && entry.items.some((item) => item.state === 'done' && item.undo);
    return { ...entry.job, totals, undoable };
  };
  const set = (entry: FakeJob, item: FakeItem, state: JobItemState, message: string | null = null) => {
    entry.rev += 1;
    Object.assign(item, { state, message, rev: entry.rev });
  };
  const setStatus = (entry: FakeJob, status: Job['status']) => {
    entry.job = { ...entry.job, status, updated_at: new Date().toISOString() };
  };

  async function run(entry: FakeJob): Promise<void> {
    const headers = { [JOURNAL_HEADERS.batchId]: entry.job.id, [JOURNAL_HEADERS.batchLabel]: entry.job.label };
    for (const item of entry.items) {
      if (item.state !== 'queued') continue;
      // A turn of the event loop per item: the page sees a job in progress.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (entry.stop) break;
      set(entry, item, 'sending');
      const answer = await send(item.body ? 'PUT' : 'DELETE', item.subscription_id, item.body, headers);
      const ok = answer.status < 300 || (item.body === null && answer.status === 404);
      const message = (answer.body as { error?: { message?: string } } | undefined)?.error?.message ?? null;
      set(entry, item, ok ? 'done' : 'failed', ok ? null : message);
    }
    for (const item of entry.items) if (item.state === 'queued') set(entry, item, 'not_sent');
    setStatus(entry, entry.stop ? 'stopped' : 'finished');
  }

  function begin(job: Pick<Job, 'label' | 'kind' | 'action' | 'undo_of'>, items: Omit<FakeItem, 'rev'>[]): Job {
    sequence += 1;
    const now = new Date().toISOString();
    const entry: FakeJob = {
      job: {
        ...job,
        id: `job-${sequence}`,
        status: 'running',
        created_by: 'local',
        created_at: now,
        updated_at: now,
        undoable: false,
        totals: emptyTotals(),
      },
      items: items.map((item) => ({ ...item, rev: 1 })),
      rev: 1,
      stop: false,
    };
    jobs.set(entry.job.id, entry);
    void run(entry);
    return wire(entry);
  }

  function submit({ label, action, ids }: JobSubmit): Job {
    const byId = new Map(subscriptions().map((subscription) => [subscription.id, subscription]));
    const found = ids.flatMap((id) => byId.get(id) ?? []);
    const plan = planBulk(action, found);
    const skipped = (id: string, message: string) => ({
      subscription_id: id,
      target_url: byId.get(id)?.target_url ?? '',
      state: 'skipped' as const,
      message,
      body: null,
      undo: null,
    });
    return begin({ label, kind: 'action', action, undo_of: null }, [
      ...plan.writes.map((write) => ({
        subscription_id: write.id,
        target_url: write.targetUrl,
        state: 'queued' as const,
        message: null,
        body: write.body ?? null,
        undo: write.undo ?? null,
      })),
      ...plan.skipped.map((id) => skipped(id, 'Already as asked.')),
      ...plan.refused.map(({ id, reason }) => skipped(id, reason)),
      ...ids.filter((id) => !byId.has(id)).map((id) => skipped(id, 'Linq no longer has it.')),
    ]);
  }

  const conflict = (message: string): FakeResponse => ({
    status: 409,
    body: { success: false, error: { status: 409, code: 2006, message } },
  });

  function control(entry: FakeJob, what: string): FakeResponse {
    const active = entry.job.status === 'running' || entry.job.status === 'stopping';
    if (what === 'stop') {
      if (entry.job.status !== 'running') return conflict('There is nothing to stop.');
      entry.stop = true;
      setStatus(entry, 'stopping');
      return { status: 200, body: wire(entry) };
    }
    if (active) return conflict('This job is still running.');
    if (what === 'leave') {
      setStatus(entry, 'stopped');
      return { status: 200, body: wire(entry) };
    }
    if (what === 'undo') {
      const done = entry.items.filter((item) => item.state === 'done' && item.undo);
      const items = done.map((item) => ({
        ...item,
        state: 'queued' as const,
        message: null,
        body: item.undo,
        undo: item.body,
      }));
      const label = `Undo: ${entry.job.label}`;
      return {
        status: 201,
        body: begin({ label, kind: 'undo', action: entry.job.action, undo_of: entry.job.id }, items),
      };
    }
    const from: JobItemState[] = what === 'resume' ? ['not_sent'] : ['failed', 'unknown'];
    for (const item of entry.items) if (from.includes(item.state)) set(entry, item, 'queued');
    entry.stop = false;
    setStatus(entry, 'running');
    void run(entry);
    return { status: 200, body: wire(entry) };
  }

  return {
    /** A job's summary as Activity's `batches` give it (undefined for a batch that is no job). */
    summary: (id: string): BatchSummary | undefined => {
      const entry = jobs.get(id);
      if (!entry) return undefined;
      const job = wire(entry);
      return { status: job.status, totals: job.totals, undoable: job.undoable };
    },
    list: (): FakeResponse => ({ status: 200, body: { jobs: [...jobs.values()].reverse().map(wire) } }),
    submit: (body: JobSubmit): FakeResponse => ({ status: 201, body: submit(body) }),
    get: (id: string, since: number | undefined): FakeResponse => {
      const entry = jobs.get(id);
      if (!entry) return { status: 404, body: LINQ_ERRORS.notFound() };
      const items = entry.items
        .filter((item) => since === undefined || item.rev > since)
        .map(({ undo: _undo, ...item }) => item);
      return { status: 200, body: { job: wire(entry), items, rev: entry.rev } };
    },
    control: (id: string, what: string): FakeResponse => {
      const entry = jobs.get(id);
      return entry ? control(entry, what) : { status: 404, body: LINQ_ERRORS.notFound() };
    },
  };
}

export type FakeJobs = ReturnType<typeof createFakeJobs>;
