import AxeBuilder from '@axe-core/playwright';
import LinqAPIV3 from '@linqapp/sdk';
import { test as base, expect, type Page } from '@playwright/test';
import { SANDBOX_KEY, SANDBOX_URL } from './env';

/**
 * `linq`: the official SDK talking straight to the sandbox, so every flow checks the stored
 * state through the API as well as in the page.
 * `faults`: the sandbox's fault-injection control, to make the server fail on purpose.
 */
export interface Faults {
  set(options: {
    failure_rate?: number;
    latency_ms?: number;
    rate_limit?: number;
    failing_ids?: string[];
  }): Promise<void>;
  clear(): Promise<void>;
}

export const test = base.extend<{ linq: LinqAPIV3; faults: Faults }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  linq: async ({}, use) => {
    await use(new LinqAPIV3({ apiKey: SANDBOX_KEY, baseURL: SANDBOX_URL, maxRetries: 0 }));
  },
  faults: async ({ request }, use) => {
    const send = async (body: {
      failure_rate: number;
      latency_ms: number;
      rate_limit: number;
      failing_ids: string[];
    }) => {
      const response = await request.put(`${SANDBOX_URL}/__sandbox/faults`, {
        headers: { Authorization: `Bearer ${SANDBOX_KEY}` },
        data: body,
      });
      expect(response.ok(), await response.text()).toBe(true);
    };
    const faults: Faults = {
      set: (options) =>
        send({
          failure_rate: options.failure_rate ?? 0,
          latency_ms: options.latency_ms ?? 0,
          rate_limit: options.rate_limit ?? 0,
          failing_ids: options.failing_ids ?? [],
        }),
      clear: () => send({ failure_rate: 0, latency_ms: 0, rate_limit: 0, failing_ids: [] }),
    };
    await use(faults);
    // A failing test must not leave the sandbox failing for the next one.
    await faults.clear();
  },
});

export { expect };

/** A screenshot a person can look at after the run, under test-results/screenshots/. */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
}

/** Zero serious or critical axe violations in what is on screen now. */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = blocking.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations in ${context}`).toEqual([]);
}
