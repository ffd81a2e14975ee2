/**
 * Large accounts as a new user sees them (issue 18, item 9; bench/run.ts drives it): a fresh page
 * load to the first table rows on screen, and a whole query pasted into the search until the
 * table shows the match. Both are timed inside the page, so Playwright's polling and round trips
 * are not counted.
 */
import type { Browser } from '@playwright/test';
import { DATA_ROW, KEEP_NAMES_SHIM } from './browser.ts';
import { median } from './figures.ts';

/**
 * Installed before the page's own scripts: resolves `window.__firstRows` with the time (ms since
 * navigation start) of the frame that first paints a table row.
 */
const FIRST_ROWS_OBSERVER = `
window.__firstRows = new Promise((resolve) => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(${JSON.stringify(DATA_ROW)})) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
});`;

/** Ms from navigation start to the frame that paints the first rows, in a fresh browser context each time. */
export async function firstRowsMs(browser: Browser, url: string, samples: number): Promise<number> {
  const times: number[] = [];
  // One load first, not counted: the servers' first answers run cold (JIT, file cache), as the proxy warm-up.
  for (let i = -1; i < samples; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript({ content: FIRST_ROWS_OBSERVER });
    await page.goto(url, { waitUntil: 'commit' });
    const elapsed = await page.evaluate(() => (window as unknown as { __firstRows: Promise<number> }).__firstRows);
    if (i >= 0) times.push(elapsed);
    await context.close();
  }
  return median(times);
}

/**
 * A whole query pasted into the search of a freshly loaded page (a second after its first rows,
 * as a person needs to reach the box): ms from the paste until the table shows only the match.
 * `targetUrl` is one subscription's whole target URL, the query pasted.
 */
export async function pastedSearchMs(browser: Browser, url: string, targetUrl: string, samples: number) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(url);
    await page.waitForSelector(DATA_ROW);
    await page.waitForTimeout(1000);
    await page.getByRole('searchbox').first().focus();
    times.push(
      await page.evaluate(
        async ({ query, rowSelector }) => {
          const input = document.activeElement as HTMLInputElement;
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          const start = performance.now();
          setValue.call(input, query);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise<void>((resolve, reject) => {
            const shown = () => {
              const rows = [...document.querySelectorAll(rowSelector)];
              return rows.length > 0 && rows.every((row) => row.getAttribute('data-target-url') === query);
            };
            const check = () => {
              if (shown()) resolve();
              else if (performance.now() - start > 10_000) reject(new Error(`the search for ${query} never showed it`));
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          });
          return performance.now() - start;
        },
        { query: targetUrl, rowSelector: DATA_ROW },
      ),
    );
    await context.close();
  }
  return median(times);
}

/** The query pasted: the whole target URL of a subscription far down the list (not among the first rows). */
export async function pastedQuery(sandboxUrl: string, key: string): Promise<string> {
  const response = await fetch(`${sandboxUrl}/v3/webhook-subscriptions`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const { subscriptions } = (await response.json()) as { subscriptions: { target_url: string }[] };
  return subscriptions[Math.floor(subscriptions.length * 0.78)]!.target_url;
}
