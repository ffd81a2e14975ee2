import { expect, it } from 'vitest';
import { activityListSchema } from '../../contract/console.ts';
import { jobDetailSchema, jobSchema } from '../../contract/jobs.ts';
import type { Subscription } from '../../contract/schemas.ts';
import {
  cleanupsAfterEach,
  fetchAnswer,
  prepareTestDatabase,
  startTestConsole,
  startTestSandbox,
} from '../test-http.ts';

/**
 * Activity reads a big batch right on its first page, whatever the page size: one entry for the
 * batch, its true totals beside it from the job, its writes behind `batch_id`.
 */

const cleanups = cleanupsAfterEach();
prepareTestDatabase();

it('a 1,000-write job reads "1,000 done" on Activity’s first page of 5', { timeout: 120_000 }, async () => {
  const sandbox = await startTestSandbox({ seedCount: 1_000 });
  cleanups.push(() => sandbox.close());
  const console = await startTestConsole({ baseUrl: sandbox.url, apiKey: 'test-key' });
  cleanups.push(() => console.close());
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const answer = await fetchAnswer(
      `${console.url}${path}`,
      method,
      body === undefined ? undefined : JSON.stringify(body),
      {
        origin: console.url,
      },
    );
    expect(answer.status, answer.body).toBeLessThan(300);
    return JSON.parse(answer.body);
  };
  const { subscriptions } = (await call('GET', '/v3/webhook-subscriptions')) as { subscriptions: Subscription[] };
  const ids = subscriptions.slice(0, 1_000).map((subscription) => subscription.id);
  expect(ids).toHaveLength(1_000);
  // Seeded subscriptions that already have the type are skipped: the totals say so.
  const action = { kind: 'add-events', types: ['message.edited'] };
  const job = jobSchema.parse(await call('POST', '/__console/jobs', { label: 'Add message.edited', action, ids }));
  await expect
    .poll(
      async () => jobDetailSchema.parse(await call('GET', `/__console/jobs/${job.id}?since=999999999`)).job.status,
      {
        timeout: 100_000,
        interval: 200,
      },
    )
    .toBe('finished');
  const done = jobDetailSchema.parse(await call('GET', `/__console/jobs/${job.id}`)).job.totals;
  expect(done.done + done.skipped).toBe(1_000);
  expect(done.failed + done.unknown + done.not_sent).toBe(0);

  const first = activityListSchema.parse(await call('GET', '/__console/activity?limit=5'));
  expect(first.entries.filter((entry) => entry.batch?.id === job.id)).toHaveLength(1);
  expect(first.batches[job.id]).toEqual({ status: 'finished', totals: done, undoable: true });
  const writes = activityListSchema.parse(await call('GET', `/__console/activity?limit=500&batch_id=${job.id}`));
  // Its writes behind batch_id, page by page (a page also ends at its size budget).
  expect(writes.entries.length).toBeGreaterThan(0);
  expect(writes.entries.every((entry) => entry.batch?.id === job.id && entry.outcome === 'ok')).toBe(true);
  expect(writes.next_cursor === null).toBe(writes.entries.length === done.done);
});
