/** The review view's figures at 10,000 subscriptions (bench/run.ts drives them): sort, filter, CLS, select all. */
import type { Browser, Page } from '@playwright/test';
import { DATA_ROW, KEEP_NAMES_SHIM } from './browser.ts';
import { median } from './figures.ts';

/** Ms from a change of the sort to the first rows being the new first rows, over several changes. */
export async function sortChangeMs(page: Page): Promise<number[]> {
  // Each order reverses or replaces the last, so the first row always changes.
  const orders = ['url:desc', 'url:asc', 'updated:desc', 'updated:asc', 'created:desc', 'created:asc'];
  const times: number[] = [];
  for (const order of [...orders, ...orders]) {
    times.push(
      await page.evaluate(
        async ({ order, rowSelector }) => {
          const select = document.getElementById('subscription-sort') as HTMLSelectElement;
          // The first rows together: one row can lead in two orders (a row just toggled is the newest, too).
          const firstId = () =>
            [...document.querySelectorAll(rowSelector)]
              .slice(0, 5)
              .map((row) => row.getAttribute('data-subscription-id'))
              .join(',');
          const before = firstId();
          const start = performance.now();
          select.value = order;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          await new Promise<void>((resolve, reject) => {
            const check = () => {
              if (firstId() !== before) resolve();
              else if (performance.now() - start > 10_000) reject(new Error(`the sort ${order} changed no row`));
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          });
          return performance.now() - start;
        },
        { order, rowSelector: DATA_ROW },
      ),
    );
  }
  return times;
}

/** Ms from picking an event type in the filter to every rendered row receiving it. */
export async function eventFilterMs(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (const type of ['message.failed', 'reaction.added', 'chat.created', 'phone_number.status_updated']) {
    times.push(
      await page.evaluate(
        async ({ type, rowSelector }) => {
          const select = [...document.querySelectorAll('select')].find((element) =>
            element.labels?.[0]?.textContent?.includes('Receives event type'),
          )!;
          const start = performance.now();
          select.value = type;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          await new Promise<void>((resolve, reject) => {
            const settled = () => {
              const rows = [...document.querySelectorAll(rowSelector)];
              return rows.length > 0 && rows.every((row) => row.textContent!.includes(type));
            };
            const check = () => {
              if (settled()) resolve();
              else if (performance.now() - start > 10_000) reject(new Error(`the filter ${type} never applied`));
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          });
          return performance.now() - start;
        },
        { type, rowSelector: DATA_ROW },
      ),
    );
    // Clear the filter again (its chip's button), outside the measurement.
    await page.getByRole('button', { name: `Stop filtering on ${type}` }).click();
    await page.waitForFunction(() => !document.querySelector('[aria-label^="Stop filtering on"]'));
  }
  return times;
}

/** Widths an operator's window has: a laptop's, a desktop's, and a wide one. */
const CLS_VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

/** Cumulative layout shift of a page load, until the rows are there and a second more: the worst over the widths. */
export async function loadCls(browser: Browser, url: string, samples: number): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples * CLS_VIEWPORTS.length; i++) {
    const context = await browser.newContext({ viewport: CLS_VIEWPORTS[i % CLS_VIEWPORTS.length]! });
    const page = await context.newPage();
    await page.addInitScript({
      content: `window.__cls = 0; new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value; }).observe({ type: 'layout-shift', buffered: true });`,
    });
    await page.goto(url);
    await page.waitForSelector(DATA_ROW);
    await page.waitForTimeout(1000);
    values.push(await page.evaluate(() => (window as unknown as { __cls: number }).__cls));
    await context.close();
  }
  return Math.max(...values);
}

/** Ms from "Select all N" to the bar saying N selected (the bar's chunk prefetched, as when idle). */
export async function selectAllMs(browser: Browser, url: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.addInitScript({ content: KEEP_NAMES_SHIM });
    await page.goto(url);
    await page.waitForSelector(DATA_ROW);
    // The bulk bar is prefetched when the browser is idle: let it be.
    await page.waitForTimeout(2000);
    samples.push(
      await page.evaluate(async () => {
        const button = [...document.querySelectorAll('button')].find((element) =>
          /^Select all [\d,.\s]+$/.test(element.textContent ?? ''),
        )!;
        const count = button.textContent!.replace('Select all ', '');
        const start = performance.now();
        button.click();
        await new Promise<void>((resolve) => {
          const done = () =>
            document
              .querySelector('[aria-label="Selection and bulk actions"]')
              ?.textContent?.includes(`${count} selected`);
          const check = () => (done() ? resolve() : requestAnimationFrame(check));
          requestAnimationFrame(check);
        });
        return performance.now() - start;
      }),
    );
    await page.close();
  }
  return median(samples);
}
