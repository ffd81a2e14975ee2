/**
 * `npm test`: every check of the project, one runner after another, then one closing line
 * `N passed, N failed` totalled over all of them (what .ci/run reports).
 *
 *   typecheck  tsc --noEmit over src, server, e2e, scripts   (counts as one check)
 *   lint       eslint .                                       (counts as one check)
 *   format     prettier --check .                             (counts as one check)
 *   unit       vitest run: component, API-client, sandbox and proxy tests
 *   e2e        playwright test: real browser against the real stack
 *
 * The three static checks and the e2e suite's `vite build` run at the same time (each is one
 * process, and there are two cores to keep busy); their output is printed whole as each ends.
 * Every runner runs even when an earlier one fails, so the totals are complete.
 * `npm test -- --skip-e2e` leaves the browser suite out (a quick local loop).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface Tally {
  runner: string;
  passed: number;
  failed: number;
  skipped: number;
}

/** A tally with how long its runner took, wall clock. */
type Timed = Tally & { seconds: number };

function timed(runner: () => Tally): Timed {
  const started = performance.now();
  const tally = runner();
  return { ...tally, seconds: (performance.now() - started) / 1000 };
}

/** The unit suite's slowest files (vitest's JSON report), so a slow one is seen before it grows. */
function slowestUnitFiles(count: number): string[] {
  const report = readJson(join(resultsDir, 'vitest.json')) as
    { testResults?: { name: string; startTime: number; endTime: number }[] } | undefined;
  return (report?.testResults ?? [])
    .map((file) => ({
      name: file.name.replace(`${process.cwd()}/`, ''),
      seconds: (file.endTime - file.startTime) / 1000,
    }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count)
    .map((file) => `${file.name} ${file.seconds.toFixed(1)} s`);
}

const resultsDir = 'test-results';
mkdirSync(resultsDir, { recursive: true });
const skipE2e = process.argv.includes('--skip-e2e');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs a command with its output held back, then prints it whole, so parallel runs stay readable. */
function runHeld(label: string, command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => (output += String(error)));
    child.on('close', (code) => {
      console.log(`\n== ${label} (exit ${code ?? 'signal'})${output ? `\n${output.trimEnd()}` : ''}`);
      resolve(code ?? 1);
    });
  });
}

async function singleCheck(runner: string, command: string, args: string[]): Promise<Timed> {
  const started = performance.now();
  const ok = (await runHeld(runner, command, args)) === 0;
  const seconds = (performance.now() - started) / 1000;
  return { runner, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds };
}

function vitest(): Tally {
  const output = join(resultsDir, 'vitest.json');
  rmSync(output, { force: true });
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${output}`]);
  const report = readJson(output) as
    { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | undefined;
  if (!report) return { runner: 'unit', passed: 0, failed: 1, skipped: 0 };
  // A suite that fails to load has no failed test but a non-zero exit: count it as one failure.
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return {
    runner: 'unit',
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwright(prebuilt: boolean): Tally {
  const output = join(resultsDir, 'playwright.json');
  rmSync(output, { force: true });
  // Without a good prebuilt dist/, the suite's own web server builds it (and shows why it fails).
  const status = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: output,
    E2E_PREBUILT: prebuilt ? '1' : '0',
  });
  const report = readJson(output) as
    { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | undefined;
  if (!report) return { runner: 'e2e', passed: 0, failed: 1, skipped: 0 };
  const { expected, unexpected, flaky, skipped } = report.stats;
  const failed = unexpected + (status !== 0 && unexpected === 0 ? 1 : 0);
  return { runner: 'e2e', passed: expected + flaky, failed, skipped };
}

const phaseStarted = performance.now();
const [typecheck, lint, format, build] = await Promise.all([
  singleCheck('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']),
  singleCheck('lint', 'npx', ['eslint', '.']),
  singleCheck('format', 'npx', ['prettier', '--check', '.']),
  skipE2e ? Promise.resolve(undefined) : runHeld('vite build (for e2e)', 'npm', ['run', 'build']),
]);
const staticSeconds = (performance.now() - phaseStarted) / 1000;
const tallies: Timed[] = [typecheck, lint, format, timed(vitest)];
if (!skipE2e) tallies.push(timed(() => playwright(build === 0)));

console.log('\nSlowest unit files');
for (const line of slowestUnitFiles(5)) console.log(`  ${line}`);
console.log('\nSummary');
for (const t of tallies) {
  const skipped = t.skipped ? `, ${t.skipped} skipped` : '';
  console.log(
    `  ${t.runner.padEnd(10)} ${t.passed} passed, ${t.failed} failed${skipped}  (${Math.round(t.seconds)} s)`,
  );
}
const sequential = tallies.filter((t) => t.runner === 'unit' || t.runner === 'e2e');
const totalSeconds = Math.round(staticSeconds + sequential.reduce((sum, t) => sum + t.seconds, 0));
console.log(`  (typecheck, lint, format and the build ran side by side: ${Math.round(staticSeconds)} s together)`);
console.log(`  ${'total'.padEnd(10)} ${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`);
const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
