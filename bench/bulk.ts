/**
 * The bulk figures (bench/run.ts drives them). Bulk actions run as jobs on the console server,
 * so what is counted is what reached Linq: the sandbox's own count of the requests its rate limit
 * refused (`/__sandbox/stats`), its state afterwards (nothing lost), and the journal's writes of
 * the job (nothing doubled).
 *
 * - One operator turns off 500 subscriptions in the page against a sandbox limited to 50 requests
 *   a second (each write is two of them: the journal reads the subscription before it).
 * - Two operators, each in a browser of their own, turn off 17 subscriptions each at the same
 *   moment against a limit of 10 a second: one pace for the console, so neither meets a 429 and
 *   together they finish near the floor of the limit they share.
 */
import type { Browser, Page } from '@playwright/test';
import { DATA_ROW, KEEP_NAMES_SHIM } from './browser.ts';
import { record } from './figures.ts';

export const BULK_COUNT = 500;
export const BULK_RATE = 50;
export const TEAM_RATE = 10;
/** Each operator's search: 17 of the 500 generated subscriptions each (server/sandbox/seed.ts). */
const TEAM_SEARCHES = ['hooks.acme.com/linq/', 'api.northwind.io/linq/'];
/** Requests to Linq one journaled write costs: the journal's read before it, and the write. */
const REQUESTS_PER_WRITE = 2;

interface Stack {
  sandboxUrl: string;
  consoleUrl: string;
}

async function call(url: string, key: string | undefined, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.status === 204 ? undefined : ((await response.json()) as unknown);
}

type Listed = { subscriptions: { id: string; is_active: boolean }[] };

const setRate = (stack: Stack, key: string, rate: number) =>
  call(`${stack.sandboxUrl}/__sandbox/faults`, key, {
    method: 'PUT',
    body: JSON.stringify({ rate_limit: rate, latency_ms: 0, failure_rate: 0 }),
  });

const rateLimited = async (stack: Stack, key: string) =>
  ((await call(`${stack.sandboxUrl}/__sandbox/stats`, key)) as { rate_limited: number }).rate_limited;

/** Every subscription on, without a limit. */
async function allOn(stack: Stack, key: string): Promise<void> {
  await setRate(stack, key, 0);
  const before = (await call(`${stack.sandboxUrl}/v3/webhook-subscriptions`, key)) as Listed;
  for (const subscription of before.subscriptions.filter((entry) => !entry.is_active)) {
    await call(`${stack.sandboxUrl}/v3/webhook-subscriptions/${subscription.id}`, key, {
      method: 'PUT',
      body: JSON.stringify({ is_active: true }),
    });
  }
}

/** How many times the journal has each subscription written by the job (a retry inside it counts too). */
async function journalWrites(stack: Stack, jobId: string): Promise<Map<string, number>> {
  const writes = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ batch_id: jobId, limit: '500', ...(cursor ? { cursor } : {}) });
    const page = (await call(`${stack.consoleUrl}/__console/activity?${query}`, undefined)) as {
      entries: { subscription_id: string | null; outcome: string }[];
      next_cursor: string | null;
    };
    for (const entry of page.entries) {
      if (entry.subscription_id && entry.outcome === 'ok') {
        writes.set(entry.subscription_id, (writes.get(entry.subscription_id) ?? 0) + 1);
      }
    }
    cursor = page.next_cursor;
  } while (cursor);
  return writes;
}

async function newestJobs(stack: Stack, count: number): Promise<{ id: string; totals: { done: number } }[]> {
  const { jobs } = (await call(`${stack.consoleUrl}/__console/jobs`, undefined)) as {
    jobs: { id: string; totals: { done: number } }[];
  };
  return jobs.slice(0, count);
}

/** A page at `search`, everything it matches selected, the Turn off confirmation open; resolves to the count. */
async function readyToTurnOff(page: Page, consoleUrl: string, search: string): Promise<{ page: Page; count: number }> {
  await page.addInitScript({ content: KEEP_NAMES_SHIM });
  await page.goto(`${consoleUrl}/?q=${encodeURIComponent(search)}`);
  await page.waitForSelector(DATA_ROW);
  const selectAll = page.getByRole('button', { name: /^Select all [\d,]+ matching$/ });
  const count = Number((await selectAll.first().innerText()).replace(/\D/g, ''));
  await selectAll.first().click();
  const bar = page.getByRole('region', { name: 'Selection and bulk actions' });
  await bar.getByRole('button', { name: 'Turn off' }).click();
  await page.getByRole('alertdialog').waitFor();
  return { page, count };
}

async function confirmAndWait(page: Page, count: number): Promise<number> {
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: `Turn off ${count} subscriptions` })
    .click();
  await page
    .getByRole('region', { name: 'Selection and bulk actions' })
    .getByText(/^Finished:/)
    .waitFor({ timeout: 180_000 });
  return performance.now();
}

async function lostAndDoubled(stack: Stack, key: string, jobIds: string[], expected: number) {
  const after = (await call(`${stack.sandboxUrl}/v3/webhook-subscriptions`, key)) as Listed;
  const off = after.subscriptions.filter((entry) => !entry.is_active).length;
  const writes = new Map<string, number>();
  for (const id of jobIds) for (const [key, count] of await journalWrites(stack, id)) writes.set(key, count);
  const doubled = [...writes.values()].filter((count) => count > 1).length;
  return { lost: expected - off, doubled };
}

export async function measureBulk(browser: Browser, stack: Stack, key: string): Promise<void> {
  await allOn(stack, key);
  const page = await browser.newPage();
  await page.addInitScript({ content: KEEP_NAMES_SHIM });
  await page.goto(stack.consoleUrl);
  await page.waitForSelector(DATA_ROW);
  await page.getByRole('button', { name: `Select all ${BULK_COUNT}` }).click();
  await page
    .getByRole('region', { name: 'Selection and bulk actions' })
    .getByRole('button', { name: 'Turn off' })
    .click();
  await setRate(stack, key, BULK_RATE);
  const limitedBefore = await rateLimited(stack, key);
  const started = performance.now();
  const finished = await confirmAndWait(page, BULK_COUNT);
  await page.close();
  const limited = (await rateLimited(stack, key)) - limitedBefore;
  await setRate(stack, key, 0);
  const [job] = await newestJobs(stack, 1);
  const { lost, doubled } = await lostAndDoubled(stack, key, job ? [job.id] : [], BULK_COUNT);

  const seconds = (finished - started) / 1000;
  // Every request to Linq counts: each write's two, and the job's read of the list.
  const floor = (BULK_COUNT * REQUESTS_PER_WRITE + 1) / BULK_RATE;
  record(`turn off ${BULK_COUNT} at ${BULK_RATE}/s: wall time`, seconds, 's', '—', true);
  record("turn off: wall time / the limit's floor", seconds / floor, '×', '≤ 1.2', seconds / floor <= 1.2);
  record('turn off: 429 answers met at Linq', limited, '', '= 0', limited === 0);
  record('turn off: writes lost / doubled', lost + doubled, '', '= 0', lost + doubled === 0);
}

export async function measureTeam(browser: Browser, stack: Stack, key: string): Promise<void> {
  await allOn(stack, key);
  const contexts = await Promise.all(TEAM_SEARCHES.map(() => browser.newContext()));
  try {
    const operators = await Promise.all(
      TEAM_SEARCHES.map(async (search, index) =>
        readyToTurnOff(await contexts[index]!.newPage(), stack.consoleUrl, search),
      ),
    );
    await setRate(stack, key, TEAM_RATE);
    const limitedBefore = await rateLimited(stack, key);
    const started = performance.now();
    const finished = await Promise.all(operators.map(({ page, count }) => confirmAndWait(page, count)));
    const limited = (await rateLimited(stack, key)) - limitedBefore;
    await setRate(stack, key, 0);
    const writes = operators.reduce((sum, { count }) => sum + count, 0);
    const jobs = await newestJobs(stack, operators.length);
    const { lost, doubled } = await lostAndDoubled(
      stack,
      key,
      jobs.map((job) => job.id),
      writes,
    );

    const seconds = (Math.max(...finished) - started) / 1000;
    const floor = (writes * REQUESTS_PER_WRITE + operators.length) / TEAM_RATE;
    const apart = Math.abs(finished[0]! - finished[1]!) / 1000;
    record(`two operators, ${writes} writes at ${TEAM_RATE}/s: wall time`, seconds, 's', '—', true);
    record('two operators: wall time / the shared floor', seconds / floor, '×', '≤ 1.3', seconds / floor <= 1.3);
    record('two operators: 429 answers met at Linq', limited, '', '= 0', limited === 0);
    record(
      'two operators: finished apart (interleaved)',
      apart,
      's',
      `≤ ${(floor / 2).toFixed(1)}`,
      apart <= floor / 2,
    );
    record('two operators: writes lost / doubled', lost + doubled, '', '= 0', lost + doubled === 0);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}
