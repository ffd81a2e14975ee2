import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { activityListSchema, type ActivityEntry } from '../../contract/console.ts';
import { jobDetailSchema, jobListSchema, type JobDetail } from '../../contract/jobs.ts';
import type { Subscription } from '../../contract/schemas.ts';
import { spawnedAfterEach } from '../test-http.ts';
import { spawnTestConsole } from '../test-spawn.ts';

/**
 * A real `kill -9` of the console (embedded sandbox and database inside it) while a bulk job runs:
 * after a restart on the same files the job reads interrupted, every item done, failed, unknown or
 * not sent as Linq and the journal have it, and Resume sends exactly the items not sent: no write
 * doubled, none lost.
 */

const spawned = spawnedAfterEach();
// 20 requests a second, two per write: the job takes seconds, long enough to be cut off.
const env = { LINQ_SANDBOX_RATE_LIMIT: '20', LINQ_SANDBOX_SEED_COUNT: '40' };

async function call(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', origin: url },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${text}`).toBe(true);
  return text === '' ? undefined : JSON.parse(text);
}

const detail = async (url: string, id: string): Promise<JobDetail> =>
  jobDetailSchema.parse(await call(url, 'GET', `/__console/jobs/${id}`));

async function batchEntries(url: string, id: string): Promise<ActivityEntry[]> {
  const page = activityListSchema.parse(await call(url, 'GET', `/__console/activity?limit=500&batch_id=${id}`));
  return page.entries.filter((entry) => entry.batch?.id === id);
}

it(
  'a job cut off by kill -9 reads interrupted, and resume sends exactly what was not sent',
  { timeout: 120_000 },
  async () => {
    const directory = await mkdtemp(join(tmpdir(), 'linq-console-jobs-'));
    spawned.directories.push(directory);
    let child = await spawnTestConsole(spawned, directory, env);

    const { subscriptions } = (await call(child.url, 'GET', '/v3/webhook-subscriptions')) as {
      subscriptions: Subscription[];
    };
    const active = subscriptions
      .filter((subscription) => subscription.is_active)
      .map((subscription) => subscription.id);
    expect(active.length).toBeGreaterThan(10);
    const job = (await call(child.url, 'POST', '/__console/jobs', {
      label: 'Turn off everything',
      action: { kind: 'turn-off' },
      ids: active,
    })) as { id: string };
    await expect
      .poll(async () => (await detail(child.url, job.id)).job.totals.done, { timeout: 30_000, interval: 20 })
      .toBeGreaterThanOrEqual(3);
    child.process.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');

    child = await spawnTestConsole(spawned, directory, env);
    const { jobs } = jobListSchema.parse(await call(child.url, 'GET', '/__console/jobs'));
    expect(jobs[0]).toMatchObject({ id: job.id, status: 'interrupted' });
    const cut = await detail(child.url, job.id);
    const { totals } = cut.job;
    expect(totals.done + totals.failed + totals.unknown + totals.not_sent).toBe(active.length);
    expect(totals.not_sent).toBeGreaterThan(0);
    expect(totals.queued + totals.sending).toBe(0);

    // What each item says is what Linq holds: done ones off, not sent ones still on.
    const now = (await call(child.url, 'GET', '/v3/webhook-subscriptions')) as { subscriptions: Subscription[] };
    const isActive = new Map(now.subscriptions.map((subscription) => [subscription.id, subscription.is_active]));
    const stateOf = new Map(cut.items.map((item) => [item.subscription_id, item.state]));
    for (const id of active) {
      if (stateOf.get(id) === 'done') expect(isActive.get(id), id).toBe(false);
      if (stateOf.get(id) === 'not_sent') expect(isActive.get(id), id).toBe(true);
    }
    const journaledBefore = new Set((await batchEntries(child.url, job.id)).map((entry) => entry.subscription_id));
    for (const id of active) if (stateOf.get(id) === 'not_sent') expect(journaledBefore.has(id), id).toBe(false);

    await call(child.url, 'POST', `/__console/jobs/${job.id}/resume`, {});
    await expect.poll(async () => (await detail(child.url, job.id)).job.status, { timeout: 60_000 }).toBe('finished');
    const entries = await batchEntries(child.url, job.id);
    for (const id of active) {
      const written = entries.filter((entry) => entry.subscription_id === id && entry.outcome === 'ok');
      // An item whose answer was lost (unknown) may or may not have been applied; nothing else is written twice.
      if (stateOf.get(id) !== 'unknown') expect(written, id).toHaveLength(1);
    }
    const after = (await call(child.url, 'GET', '/v3/webhook-subscriptions')) as { subscriptions: Subscription[] };
    const unknown = new Set(cut.items.filter((item) => item.state === 'unknown').map((item) => item.subscription_id));
    for (const subscription of after.subscriptions) {
      if (active.includes(subscription.id) && !unknown.has(subscription.id)) expect(subscription.is_active).toBe(false);
    }

    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  },
);
