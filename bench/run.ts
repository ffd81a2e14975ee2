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
 * It listens on five ports from BENCH_PORT_BASE (default 4711): the sandboxes on it and the next
 * one, the consoles and the bare forwarder 1000 above (5711–5713 by default).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';

const quick = process.argv.includes('--quick');
const CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const KEY = 'bench-key';
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4711);
const children: ChildProcess[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'linq-bench-'));

interface Figure {
  name: string;
  value: number;
  unit: string;
  budget: string;
  ok: boolean;
}
const figures: Figure[] = [];
function record(name: string, value: number, unit: string, budget: string, ok: boolean) {
  figures.push({ name, value: Math.round(value * 100) / 100, unit, budget, ok });
}

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

// ---------------------------------------------------------------- bundle

function gzipKb(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length / 1024;
}

function measureBundle() {
  const html = readFileSync('dist/index.html', 'utf8');
  // What the first view loads: the entry script and everything it modulepreloads.
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const all = readdirSync('dist/assets')
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const initialKb = initial.reduce((sum, f) => sum + gzipKb(join('dist', f)), 0);
  const totalKb = all.reduce((sum, f) => sum + gzipKb(join('dist', f)), 0);
  record('initial JS (gzip)', initialKb, 'KB', '≤ 110', initialKb <= 110);
  record('all JS (gzip)', totalKb, 'KB', '≤ 220', totalKb <= 220);
}

// ---------------------------------------------------------------- browser

const DATA_ROW = 'tbody tr[data-subscription-id]';

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(…)`;
 * functions passed to page.evaluate carry that call into the page, so the page gets a no-op one.
 */
const KEEP_NAMES_SHIM = 'window.__name = (fn) => fn;';

async function firstRowsMs(browser: Browser, url: string, samples: number): Promise<number> {
  const times: number[] = [];
  // One load first, not counted: the servers' first answers run cold (JIT, file cache), as the proxy warm-up below.
  for (let i = -1; i < samples; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector(DATA_ROW);
    // Milliseconds since navigation start, read in the page itself.
    const elapsed = await page.evaluate(() => performance.now());
    if (i >= 0) times.push(elapsed);
    await context.close();
  }
  return median(times);
}

/** Types `query` one key at a time; for each keystroke, ms until every shown row matches it. */
async function searchKeystrokeMs(page: Page, query: string): Promise<number[]> {
  const box = page.getByRole('searchbox').first();
  await box.click();
  const times: number[] = [];
  for (let i = 1; i <= query.length; i++) {
    const prefix = query.slice(0, i);
    const elapsed = await page.evaluate(
      async ({ prefix, rowSelector }) => {
        const input = document.activeElement as HTMLInputElement;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const start = performance.now();
        setValue.call(input, prefix);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const settled = () => {
            const rows = [...document.querySelectorAll(rowSelector)];
            return (
              rows.length === 0 || rows.every((row) => row.textContent!.toLowerCase().includes(prefix.toLowerCase()))
            );
          };
          const check = () => (settled() ? resolve() : requestAnimationFrame(check));
          requestAnimationFrame(check);
        });
        return performance.now() - start;
      },
      { prefix, rowSelector: DATA_ROW },
    );
    times.push(elapsed);
  }
  return times;
}

/** Frames between a click on the first row's switch and the switch showing its new state. */
async function toggleFeedback(page: Page): Promise<{ ms: number; frames: number }> {
  return page.evaluate(async (rowSelector) => {
    const toggle = document.querySelector<HTMLButtonElement>(`${rowSelector} [role="switch"]`)!;
    const before = toggle.getAttribute('aria-checked');
    const start = performance.now();
    let frames = 0;
    toggle.click();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (toggle.getAttribute('aria-checked') !== before) return resolve();
        frames++;
        requestAnimationFrame(check);
      };
      check();
    });
    return { ms: performance.now() - start, frames };
  }, DATA_ROW);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---------------------------------------------------------------- proxy

async function load(url: string, headers: Record<string, string>, total: number, inFlight: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < total) {
      next++;
      const t0 = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { medianMs: median(latencies), perSecond: total / seconds };
}

/**
 * Direct, proxied and bare-forwarder runs alternate, several rounds of `total` requests each, and
 * the ratios are the medians of the rounds': on a small machine the load generator, the proxy and
 * the sandbox share the cores, and a single round swings by ±30 % from one try to the next.
 *
 * The bare forwarder (bench/bare-forwarder.ts: node:http + undici, the body buffered, no checks)
 * is the floor for a second HTTP hop on this machine. The budgets are on the console against it,
 * in the same rounds: that ratio is what the console's own code and libraries cost. Against the
 * direct call the ratios are printed for reference only: on two shared cores the hop alone
 * misses any budget there (README, "Performance").
 */
async function measureProxy(sandboxUrl: string, consoleUrl: string, bareUrl: string) {
  const total = quick ? 200 : 1000;
  const rounds = quick ? 3 : 7;
  const path = '/v3/webhook-subscriptions';
  const direct = () => load(`${sandboxUrl}${path}`, { Authorization: `Bearer ${KEY}` }, total, 20);
  const proxied = () => load(`${consoleUrl}${path}`, {}, total, 20);
  const bare = () => load(`${bareUrl}${path}`, {}, total, 20);
  // Warm-up all three paths.
  await direct();
  await proxied();
  await bare();
  const ratios = {
    latency: [] as number[],
    throughput: [] as number[],
    directLatency: [] as number[],
    directThroughput: [] as number[],
    bareLatency: [] as number[],
    bareThroughput: [] as number[],
  };
  const directMs: number[] = [];
  const proxiedMs: number[] = [];
  const bareMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const d = await direct();
    const p = await proxied();
    const b = await bare();
    ratios.latency.push(p.medianMs / b.medianMs);
    ratios.throughput.push(p.perSecond / b.perSecond);
    ratios.directLatency.push(p.medianMs / d.medianMs);
    ratios.directThroughput.push(p.perSecond / d.perSecond);
    ratios.bareLatency.push(b.medianMs / d.medianMs);
    ratios.bareThroughput.push(b.perSecond / d.perSecond);
    directMs.push(d.medianMs);
    proxiedMs.push(p.medianMs);
    bareMs.push(b.medianMs);
  }
  const latency = median(ratios.latency);
  const throughput = median(ratios.throughput);
  record(`proxy latency vs bare forwarder (median of ${rounds} rounds)`, latency, '×', '≤ 1.25', latency <= 1.25);
  record(
    `proxy throughput vs bare forwarder (median of ${rounds} rounds)`,
    throughput,
    '×',
    '≥ 0.85',
    throughput >= 0.85,
  );
  record('proxy latency vs bare forwarder, best round', Math.min(...ratios.latency), '×', '—', true);
  record('proxy latency vs bare forwarder, worst round', Math.max(...ratios.latency), '×', '—', true);
  record('reference: proxy latency vs direct', median(ratios.directLatency), '×', '—', true);
  record('reference: proxy throughput vs direct', median(ratios.directThroughput), '×', '—', true);
  record('reference: bare forwarder latency vs direct', median(ratios.bareLatency), '×', '—', true);
  record('reference: bare forwarder throughput vs direct', median(ratios.bareThroughput), '×', '—', true);
  record('direct median latency', median(directMs), 'ms', '—', true);
  record('proxied median latency', median(proxiedMs), 'ms', '—', true);
  record('bare forwarder median latency', median(bareMs), 'ms', '—', true);
}

// ---------------------------------------------------------------- lighthouse

async function measureLighthouse(url: string) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      },
      desktopConfig,
    );
    const categories = result!.lhr.categories;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    record('Lighthouse performance (desktop)', score('performance'), '', '≥ 95', score('performance') >= 95);
    record('Lighthouse accessibility', score('accessibility'), '', '= 100', score('accessibility') === 100);
    record('Lighthouse best practices', score('best-practices'), '', '≥ 95', score('best-practices') >= 95);
  } finally {
    await chrome.kill();
  }
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
    const samples = quick ? 2 : 5;
    const at100 = await firstRowsMs(browser, small.consoleUrl, samples);
    const at10k = await firstRowsMs(browser, large.consoleUrl, samples);
    record('first rows at 100', at100, 'ms', '—', true);
    record('first rows at 10,000', at10k, 'ms', '—', true);
    record('first rows ratio 10,000 / 100', at10k / at100, '×', '≤ 2', at10k / at100 <= 2);

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
    await page.close();
  } finally {
    await browser.close();
  }

  console.log('loading the proxy…');
  const bareUrl = await startBareForwarder(small.sandboxUrl, PORT_BASE + 1002);
  await measureProxy(small.sandboxUrl, small.consoleUrl, bareUrl);

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
