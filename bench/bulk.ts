/**
 * The bulk figures (bench/run.ts drives them): turning off 500 subscriptions in the page against a
 * sandbox limited to 50 requests a second (each write is two of them: the journal reads the
 * subscription before it). Every request the page sends is logged in the page
 * (fetch wrapped), so "sent before a Retry-After expired" is counted where the waiting happens.
 */
import type { Browser } from '@playwright/test';
import { DATA_ROW, KEEP_NAMES_SHIM } from './browser.ts';
import { record } from './figures.ts';

export const BULK_COUNT = 500;
export const BULK_RATE = 50;

interface Sent {
  method: string;
  path: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  retryAfter: number | undefined;
  /** Requests to Linq the console spent on it (x-console-upstream-requests: 2 for a journaled PUT). */
  upstream: number;
}

const FETCH_LOG = `
  window.__sent = [];
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const sentAt = performance.now();
    const response = await original(input, init);
    const header = response.headers.get('retry-after');
    window.__sent.push({
      method: (init && init.method) || 'GET',
      path: typeof input === 'string' ? input : input.url,
      sentAt,
      answeredAt: performance.now(),
      status: response.status,
      retryAfter: header === null ? undefined : Number(header),
      upstream: Number(response.headers.get('x-console-upstream-requests') ?? 1),
    });
    return response;
  };
`;

async function api(sandboxUrl: string, key: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${sandboxUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.status === 204 ? undefined : ((await response.json()) as unknown);
}

type Listed = { subscriptions: { id: string; is_active: boolean }[] };

export async function measureBulk(browser: Browser, stack: { sandboxUrl: string; consoleUrl: string }, key: string) {
  // Every subscription on first, without a limit; then the limit on.
  const before = (await api(stack.sandboxUrl, key, '/v3/webhook-subscriptions')) as Listed;
  for (const subscription of before.subscriptions.filter((entry) => !entry.is_active)) {
    await api(stack.sandboxUrl, key, `/v3/webhook-subscriptions/${subscription.id}`, {
      method: 'PUT',
      body: JSON.stringify({ is_active: true }),
    });
  }
  await api(stack.sandboxUrl, key, '/__sandbox/faults', {
    method: 'PUT',
    body: JSON.stringify({ rate_limit: BULK_RATE, latency_ms: 0, failure_rate: 0 }),
  });

  const page = await browser.newPage();
  await page.addInitScript({ content: KEEP_NAMES_SHIM });
  await page.addInitScript({ content: FETCH_LOG });
  await page.goto(stack.consoleUrl);
  await page.waitForSelector(DATA_ROW);
  await page.waitForTimeout(2000);
  await page.getByRole('button', { name: `Select all ${BULK_COUNT}` }).click();
  const bar = page.getByRole('region', { name: 'Selection and bulk actions' });
  await bar.getByRole('button', { name: 'Turn off' }).click();
  const confirm = page.getByRole('alertdialog').getByRole('button', { name: `Turn off ${BULK_COUNT} subscriptions` });
  const started = await page.evaluate(() => performance.now());
  await confirm.click();
  await bar.getByText(/^Finished:/).waitFor({ timeout: 120_000 });
  const finished = await page.evaluate(() => performance.now());
  const sent = await page.evaluate(() => (window as unknown as { __sent: Sent[] }).__sent);
  await page.close();

  const puts = sent.filter((entry) => entry.method === 'PUT' && entry.sentAt >= started);
  const limited = puts.filter((entry) => entry.status === 429);
  const early = puts.filter((entry) =>
    limited.some(
      (answer) =>
        entry.sentAt > answer.answeredAt && entry.sentAt < answer.answeredAt + (answer.retryAfter ?? 0) * 1000,
    ),
  ).length;
  const applied = new Map<string, number>();
  for (const entry of puts.filter((item) => item.status === 200)) {
    applied.set(entry.path, (applied.get(entry.path) ?? 0) + 1);
  }
  const after = (await api(stack.sandboxUrl, key, '/v3/webhook-subscriptions')) as Listed;
  const lost = after.subscriptions.filter((entry) => entry.is_active).length;
  const doubled = [...applied.values()].filter((count) => count > 1).length;
  await api(stack.sandboxUrl, key, '/__sandbox/faults', {
    method: 'PUT',
    body: JSON.stringify({ rate_limit: 0, latency_ms: 0, failure_rate: 0 }),
  });

  const seconds = (finished - started) / 1000;
  // The floor counts every request to Linq a write costs (the journal's read before it, too).
  const perWrite = Math.max(1, ...puts.filter((entry) => entry.status === 200).map((entry) => entry.upstream));
  const floor = (BULK_COUNT * perWrite) / BULK_RATE;
  record(`turn off ${BULK_COUNT} at ${BULK_RATE}/s: wall time`, seconds, 's', '—', true);
  record("turn off: wall time / the limit's floor", seconds / floor, '×', '≤ 1.2', seconds / floor <= 1.2);
  record('turn off: 429 answers met', limited.length, '', '—', true);
  record('turn off: requests sent before a Retry-After expired', early, '', '= 0', early === 0);
  record('turn off: writes lost / doubled', lost + doubled, '', '= 0', lost + doubled === 0);
}
