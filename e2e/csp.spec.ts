import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SANDBOX_KEY, SANDBOX_URL } from './env';
import { activeSwitch, createSubscription, openDrawer, rowFor } from './helpers';

/**
 * The page works under its Content-Security-Policy with zero violations, in both modes: the
 * production page of the suite's stack (`npm run serve`), and `npm start`'s dev page through
 * Vite, started here on its own port against the suite's sandbox.
 */

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/** Records every violation the page reports, from before its first script runs. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) messages.push(message.text());
  });
  return async () => [...(await page.evaluate(() => window.cspViolations)), ...messages];
}

/** Loads the table at `base`, opens the drawer (a lazily loaded chunk) and toggles once (sonner's toast and its styles). */
async function exercise(page: Page, base: string, url: string): Promise<void> {
  await page.goto(`${base}/?q=${encodeURIComponent(new URL(url).host)}`);
  await expect(rowFor(page, url)).toBeVisible({ timeout: 30_000 });
  const dialog = await openDrawer(page, url);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await activeSwitch(page, url).click();
  await expect(page.getByText(`Turned off ${url}`)).toBeVisible();
}

test('the production page runs with zero CSP violations', async ({ page, linq }) => {
  const violations = await recordViolations(page);
  const { url } = await createSubscription(linq, 'csp-serve');
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");
  await exercise(page, '', url);
  expect(await violations()).toEqual([]);
});

test.describe('the dev page', () => {
  let child: ChildProcess | undefined;
  let devUrl = '';

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    child = spawn('npx', ['tsx', 'server/main.ts', 'dev'], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LINQ_API_V3_API_KEY: SANDBOX_KEY,
        LINQ_API_V3_BASE_URL: SANDBOX_URL,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    devUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Linq Webhook Console \(dev\) at (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child?.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
    });
  });

  test.afterAll(() => {
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  });

  test('runs with zero CSP violations, its HMR websocket connected', async ({ page, linq }) => {
    test.setTimeout(120_000);
    const violations = await recordViolations(page);
    const connected = page.waitForEvent('console', {
      predicate: (message) => message.text().includes('[vite] connected'),
      timeout: 60_000,
    });
    const { url } = await createSubscription(linq, 'csp-dev');
    const response = await page.goto(devUrl);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    await connected;
    await exercise(page, devUrl, url);
    expect(await violations()).toEqual([]);
  });
});
