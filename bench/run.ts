/**
 * `npm run bench`: measures the console against its budgets (issue 5) and prints every
 * figure beside its budget, as a table and as JSON (bench/results.json, git-ignored).
 *
 * Everything runs on this machine: a production build, two sandboxes (100 and 10,000
 * subscriptions, fresh data files), a production console in front of each, headless
 * Chromium driven by Playwright, and Lighthouse. Figures are measured, never asserted.
 *
 *   npm run bench              the full run
 *   npm run bench -- --quick   fewer samples, no Lighthouse (a smoke run)
 *
 * It listens on seven ports from BENCH_PORT_BASE (default 4711): three sandboxes (100, 10,000 and
 * 500 subscriptions) on it and the next two, their consoles 1000 above (5711, 5712, 5714 by
 * default) and the bare forwarder at 5713.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { DATA_ROW, KEEP_NAMES_SHIM, searchKeystrokeMs, toggleFeedback } from './browser.ts';
import { firstRowsMs, pastedQuery, pastedSearchMs } from './load.ts';
import { figures, median, record } from './figures.ts';
import { measureProxy } from './proxy.ts';
import { BULK_COUNT, measureBulk, measureTeam } from './bulk.ts';
import { eventFilterMs, loadCls, selectAllMs, sortChangeMs } from './review.ts';
import { CHROMIUM, CHROMIUM_ARGS, measureBundle, measureLighthouse } from './static.ts';

const quick = process.argv.includes('--quick');
const KEY = 'bench-key';
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4711);
const children: ChildProcess[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'linq-bench-'));

// ---------------------------------------------------------------- processes

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn('npx', ['tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  child.on('exit', (code) => {
    if (code && code !== 0 && !shuttingDown) console.error(`${name} exited with ${code}`);
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
function stopAll() {
  shuttingDown = true;
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  rmSync(scratch, { recursive: true, force: true });
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up in ${timeoutMs} ms`);
}

async function startStack(seedCount: number, sandboxPort: number, consolePort: number) {
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}/api/partner`;
  start(`sandbox(${seedCount})`, ['server/sandbox/main.ts'], {
    LINQ_SANDBOX_PORT: String(sandboxPort),
    LINQ_SANDBOX_API_KEY: KEY,
    LINQ_SANDBOX_DATA: join(scratch, `sandbox-${seedCount}.json`),
    LINQ_SANDBOX_SEED_COUNT: String(seedCount),
  });
  await waitFor(`${sandboxUrl}/v3/webhook-events`);
  start(`console(${seedCount})`, ['server/main.ts', 'serve'], {
    PORT: String(consolePort),
    HOST: '127.0.0.1',
    LINQ_API_V3_API_KEY: KEY,
    LINQ_API_V3_BASE_URL: sandboxUrl,
    // Its own journal: one console per embedded database.
    LINQ_CONSOLE_DB_DIR: join(scratch, `console-db-${seedCount}`),
  });
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  await waitFor(`${consoleUrl}/`);
  return { sandboxUrl, consoleUrl };
}

async function startBareForwarder(sandboxUrl: string, port: number) {
  start('bare forwarder', ['bench/bare-forwarder.ts'], {
    PORT: String(port),
    LINQ_API_V3_BASE_URL: sandboxUrl,
    LINQ_API_V3_API_KEY: KEY,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`);
  return url;
}

// ---------------------------------------------------------------- main

async function main() {
  console.log('building…');
  const build = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('vite build failed');
  measureBundle();

  console.log('starting the stacks (100 and 10,000 subscriptions)…');
  const small = await startStack(100, PORT_BASE, PORT_BASE + 1000);
  const large = await startStack(10_000, PORT_BASE + 1, PORT_BASE + 1001);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    console.log('first rows, search, toggle…');
    const samples = quick ? 2 : 5;
    const at100 = await firstRowsMs(browser, small.consoleUrl, samples);
    const at10k = await firstRowsMs(browser, large.consoleUrl, samples);
    record('first rows at 100 (fresh load to first rows painted)', at100, 'ms', '—', true);
    record('first rows at 10,000 (fresh load to first rows painted)', at10k, 'ms', '—', true);
    record('first rows ratio 10,000 / 100', at10k / at100, '×', '≤ 2', at10k / at100 <= 2);
    const pasted = await pastedSearchMs(browser, large.consoleUrl, await pastedQuery(large.sandboxUrl, KEY), samples);
    record('pasted search at 10,000 (a whole URL, to the match shown)', pasted, 'ms', '≤ 150', pasted <= 150);

    const page = await browser.newPage();
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(large.consoleUrl);
    await page.waitForSelector(DATA_ROW);
    const domRows = await page.locator(DATA_ROW).count();
    record('DOM rows at 10,000', domRows, 'rows', '≤ 100', domRows <= 100);

    const firstUrl = (await page.locator(`${DATA_ROW}`).first().getAttribute('data-target-url')) ?? '';
    const query = new URL(firstUrl).hostname.split('.')[0] ?? 'hooks';
    const keystrokes = await searchKeystrokeMs(page, query);
    record(
      'search per keystroke at 10,000 (worst)',
      Math.max(...keystrokes),
      'ms',
      '≤ 150',
      Math.max(...keystrokes) <= 150,
    );
    record('search per keystroke at 10,000 (median)', median(keystrokes), 'ms', '—', true);

    await page.goto(large.consoleUrl);
    await page.waitForSelector(DATA_ROW);
    const toggle = await toggleFeedback(page);
    record('toggle feedback', toggle.ms, 'ms', '—', true);
    record('toggle feedback (frames waited)', toggle.frames, 'frames', '≤ 1', toggle.frames <= 1);

    console.log('sort, filter, CLS, select all…');
    await page.goto(large.consoleUrl);
    await page.waitForSelector(DATA_ROW);
    const sorts = await sortChangeMs(page);
    record('sort change at 10,000 (worst)', Math.max(...sorts), 'ms', '≤ 100', Math.max(...sorts) <= 100);
    record('sort change at 10,000 (median)', median(sorts), 'ms', '—', true);
    const filters = await eventFilterMs(page);
    record('event-type filter at 10,000 (worst)', Math.max(...filters), 'ms', '≤ 50', Math.max(...filters) <= 50);
    record('event-type filter at 10,000 (median)', median(filters), 'ms', '—', true);
    await page.close();

    const clsSamples = quick ? 1 : 3;
    const cls = Math.max(
      await loadCls(browser, small.consoleUrl, clsSamples),
      await loadCls(browser, large.consoleUrl, clsSamples),
    );
    record('CLS on load (worst, 100 and 10,000; 1024, 1280, 1440 px)', cls, '', '= 0', cls === 0);
    const selectAll = await selectAllMs(browser, large.consoleUrl);
    record('select all 10,000 and show the bar', selectAll, 'ms', '≤ 100', selectAll <= 100);
  } finally {
    await browser.close();
  }

  console.log(`turning off ${BULK_COUNT} subscriptions under a rate limit…`);
  const bulk = await startStack(BULK_COUNT, PORT_BASE + 2, PORT_BASE + 1003);
  const bulkBrowser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await measureBulk(bulkBrowser, bulk, KEY);
    console.log('two operators at once under one rate limit…');
    await measureTeam(bulkBrowser, bulk, KEY);
  } finally {
    await bulkBrowser.close();
  }

  console.log('loading the proxy…');
  const bareUrl = await startBareForwarder(small.sandboxUrl, PORT_BASE + 1002);
  await measureProxy({ sandboxUrl: small.sandboxUrl, consoleUrl: small.consoleUrl, bareUrl }, KEY, quick);

  if (!quick) {
    console.log('running Lighthouse…');
    await measureLighthouse(small.consoleUrl);
  }

  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(10)}  budget    ok`);
  for (const f of figures) {
    console.log(
      `${f.name.padEnd(width)}  ${`${f.value} ${f.unit}`.padStart(10)}  ${f.budget.padEnd(8)}  ${f.ok ? 'yes' : 'NO'}`,
    );
  }
  const results = { measured_at: new Date().toISOString(), quick, figures };
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  console.log(`\n${JSON.stringify(results)}`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
