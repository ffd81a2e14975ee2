/** The figures of the built page itself (bench/run.ts drives them): bundle size and Lighthouse. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { record } from './figures.ts';

export const CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------- bundle

function gzipKb(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length / 1024;
}

export function measureBundle() {
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

// ---------------------------------------------------------------- lighthouse

export async function measureLighthouse(url: string) {
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
