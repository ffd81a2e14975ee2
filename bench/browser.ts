/** What `npm run bench` measures in the browser (bench/run.ts drives it). */
import type { Page } from '@playwright/test';

export const DATA_ROW = 'tbody tr[data-subscription-id]';

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(…)`;
 * functions passed to page.evaluate carry that call into the page, so the page gets a no-op one.
 */
export const KEEP_NAMES_SHIM = 'window.__name = (fn) => fn;';

/** Types `query` one key at a time; for each keystroke, ms until every shown row matches it. */
export async function searchKeystrokeMs(page: Page, query: string): Promise<number[]> {
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
export async function toggleFeedback(page: Page): Promise<{ ms: number; frames: number }> {
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
