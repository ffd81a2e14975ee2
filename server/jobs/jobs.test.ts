import LinqAPIV3 from '@linqapp/sdk';
import { describe, expect, it } from 'vitest';
import { activityListSchema } from '../../contract/console.ts';
import { jobDetailSchema, jobSchema, type Job, type JobDetail } from '../../contract/jobs.ts';
import {
  cleanupsAfterEach,
  expectEnvelope,
  fetchAnswer,
  prepareTestDatabase,
  startTestConsole,
  startTestSandbox,
} from '../test-http.ts';

/**
 * Bulk jobs on the console server, against the real sandbox over HTTP (the official SDK checks
 * what Linq holds) and a real embedded database: a job runs with nobody watching, every write is
 * journaled under the job, and two jobs share the upstream's one pace.
 */

const cleanups = cleanupsAfterEach();
// One embedded database for the file's consoles (jobs and journal entries are told apart by id).
prepareTestDatabase();

async function stack() {
  const sandbox = await startTestSandbox({ seedCount: 0 });
  cleanups.push(() => sandbox.close());
  const console = await startTestConsole({ baseUrl: sandbox.url, apiKey: 'test-key' });
  cleanups.push(() => console.close());
  const linq = new LinqAPIV3({ apiKey: 'test-key', baseURL: sandbox.url, maxRetries: 0 });
  const create = async (count: number, tag: string) => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const created = await linq.webhookSubscriptions.create({
        target_url: `https://${tag}.example.com/hook/${index}`,
        subscribed_events: ['message.received'],
      });
      ids.push(created.id);
    }
    return ids;
  };
  const call = (method: string, path: string, body?: unknown) =>
    fetchAnswer(`${console.url}${path}`, method, body === undefined ? undefined : JSON.stringify(body), {
      origin: console.url,
    });
  const submit = async (label: string, action: unknown, ids: string[]): Promise<Job> => {
    const answer = await call('POST', '/__console/jobs', { label, action, ids });
    expect(answer.status, answer.body).toBe(201);
    return jobSchema.parse(JSON.parse(answer.body));
  };
  const detail = async (id: string): Promise<JobDetail> => {
    const answer = await call('GET', `/__console/jobs/${id}`);
    expect(answer.status, answer.body).toBe(200);
    return jobDetailSchema.parse(JSON.parse(answer.body));
  };
  const settled = async (id: string): Promise<JobDetail> => {
    for (;;) {
      const current = await detail(id);
      if (current.job.status !== 'running' && current.job.status !== 'stopping') return current;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { sandbox, linq, create, call, submit, detail, settled };
}

describe('a bulk job runs on the server', () => {
  it('turns off every subscription asked, skips what is already as asked, and journals each write under the job', async () => {
    const { linq, create, call, submit, settled } = await stack();
    const ids = await create(6, 'job-run');
    await linq.webhookSubscriptions.update(ids[0] as string, { is_active: false });

    const job = await submit('Turn off 6 subscriptions to job-run.example.com', { kind: 'turn-off' }, ids);
    expect(job.status).toBe('running');
    expect(job.totals.total).toBe(6);

    const done = await settled(job.id);
    expect(done.job.status).toBe('finished');
    expect(done.job.totals).toMatchObject({ total: 6, done: 5, skipped: 1, failed: 0, not_sent: 0 });
    expect(done.items.find((item) => item.subscription_id === ids[0])?.state).toBe('skipped');
    for (const id of ids) expect((await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);

    const activity = activityListSchema.parse(
      JSON.parse((await call('GET', `/__console/activity?limit=50&batch_id=${job.id}`)).body),
    );
    const entries = activity.entries.filter((entry) => entry.batch?.id === job.id);
    expect(entries).toHaveLength(5);
    expect(entries.every((entry) => entry.outcome === 'ok' && entry.batch?.label === job.label)).toBe(true);
  });

  it('undo puts back what the job changed, as a job of its own', async () => {
    const { linq, create, call, submit, settled } = await stack();
    const ids = await create(3, 'job-undo');
    const job = await submit('Add message.sent', { kind: 'add-events', types: ['message.sent'] }, ids);
    expect((await settled(job.id)).job.undoable).toBe(true);

    const undo = await call('POST', `/__console/jobs/${job.id}/undo`, {});
    expect(undo.status, undo.body).toBe(201);
    const undoJob = jobSchema.parse(JSON.parse(undo.body));
    expect(undoJob).toMatchObject({ kind: 'undo', undo_of: job.id, label: 'Undo: Add message.sent' });
    expect((await settled(undoJob.id)).job.totals).toMatchObject({ total: 3, done: 3 });
    for (const id of ids) {
      expect((await linq.webhookSubscriptions.retrieve(id)).subscribed_events).toEqual(['message.received']);
    }
  });

  it('refuses what a state does not allow, an unknown job and a plan it cannot read, in the envelope', async () => {
    const { create, call, submit, settled } = await stack();
    const ids = await create(1, 'job-refuse');
    const job = await submit('Turn off 1', { kind: 'turn-off' }, ids);
    await settled(job.id);
    expectEnvelope(await call('POST', `/__console/jobs/${job.id}/stop`, {}), 409, 2006);
    expectEnvelope(await call('POST', `/__console/jobs/${job.id}/resume`, {}), 409, 2006);
    expectEnvelope(await call('POST', `/__console/jobs/nope/undo`, {}), 404, 2001);
    expectEnvelope(await call('POST', '/__console/jobs', { label: 'x', action: { kind: 'explode' }, ids }), 400, 1001);
    expectEnvelope(
      await call('POST', '/__console/jobs', { label: 'x', action: { kind: 'turn-on' }, ids: [] }),
      400,
      1001,
    );
    expectEnvelope(await call('GET', `/__console/jobs/${job.id}?since=-1`), 400, 1001);
  });

  it('stop sends nothing more: the rest reads not sent, and resume sends exactly those', async () => {
    const { sandbox, linq, create, call, submit, detail, settled } = await stack();
    const ids = await create(12, 'job-stop');
    sandbox.faults.latency_ms = 100;
    const job = await submit('Turn off 12', { kind: 'turn-off' }, ids);
    await expect.poll(async () => (await detail(job.id)).job.totals.done, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await call('POST', `/__console/jobs/${job.id}/stop`, {})).status).toBe(200);
    const stopped = await settled(job.id);
    expect(stopped.job.status).toBe('stopped');
    const { done, not_sent: notSent } = stopped.job.totals;
    expect(notSent).toBeGreaterThan(0);
    expect(done + notSent).toBe(12);
    const unsent = stopped.items.filter((item) => item.state === 'not_sent').map((item) => item.subscription_id);
    for (const id of unsent) expect((await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(true);

    sandbox.faults.latency_ms = 0;
    expect((await call('POST', `/__console/jobs/${job.id}/resume`, {})).status).toBe(200);
    expect((await settled(job.id)).job.totals).toMatchObject({ done: 12, not_sent: 0 });
    const activity = activityListSchema.parse(
      JSON.parse((await call('GET', `/__console/activity?limit=100&batch_id=${job.id}`)).body),
    );
    // Every subscription written once: nothing doubled by the resume, nothing lost.
    const written = activity.entries
      .filter((entry) => entry.batch?.id === job.id)
      .map((entry) => entry.subscription_id);
    expect(written.toSorted()).toEqual(ids.toSorted());
  });
});

describe('one pace per upstream', () => {
  it('two jobs at once keep under the rate limit together, interleaved, near the shared floor', async () => {
    const rate = 10;
    const { sandbox, create, submit, settled } = await stack();
    const first = await create(8, 'pace-a');
    const second = await create(8, 'pace-b');
    sandbox.faults.rate_limit = rate;
    const before = sandbox.model.rateLimitedCount;
    const started = performance.now();
    const [a, b] = await Promise.all([
      submit('Turn off pace-a', { kind: 'turn-off' }, first),
      submit('Turn off pace-b', { kind: 'turn-off' }, second),
    ]);
    const [doneA, doneB] = await Promise.all([settled(a.id), settled(b.id)]);
    const seconds = (performance.now() - started) / 1000;

    expect(doneA.job.totals.done).toBe(8);
    expect(doneB.job.totals.done).toBe(8);
    expect(sandbox.model.rateLimitedCount - before).toBe(0);
    // Each write costs two requests (the journal's read before it); each job one list read.
    const floor = (16 * 2 + 2) / rate;
    expect(seconds).toBeLessThan(floor * 1.3 + 0.5);
    // Interleaved: the first job did not have the upstream to itself until it was done.
    const finishedA = Date.parse(doneA.job.updated_at);
    const finishedB = Date.parse(doneB.job.updated_at);
    expect(Math.abs(finishedA - finishedB) / 1000).toBeLessThan(floor / 2);
  });
});

describe('a job Linq cannot plan', () => {
  it('is refused with Linq’s own envelope when the list cannot be read, and nothing is recorded', async () => {
    const { sandbox, create, call } = await stack();
    const ids = await create(1, 'job-list-fails');
    sandbox.faults.failure_rate = 1;
    const answer = await call('POST', '/__console/jobs', { label: 'x', action: { kind: 'turn-off' }, ids });
    expectEnvelope(answer, 500, 3006);
    sandbox.faults.failure_rate = 0;
    const jobs = (JSON.parse((await call('GET', '/__console/jobs')).body) as { jobs: Job[] }).jobs;
    expect(jobs.filter((job) => job.label === 'x')).toEqual([]);
  });
});
