import type LinqAPIV3 from '@linqapp/sdk';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Shared steps for the specs. Every test that changes something works on a subscription it
 * created itself (unique https URL), so tests do not depend on each other's mutations.
 */

type CreateParams = Parameters<LinqAPIV3['webhookSubscriptions']['create']>[0];
export type EventType = CreateParams['subscribed_events'][number];

/** The seeded demo subscriptions (server/sandbox/seed.ts); only ever read, never changed. */
export const SEEDED = {
  acme: 'https://hooks.acme-support.com/linq/events?version=2026-02-03',
  northwind: 'https://api.northwind.io/webhooks/linq',
  contoso: 'https://voice.contoso.dev/hooks/calls',
  globex: 'https://staging.globex.example/linq-webhook',
  initech: 'https://crm.initech.com/integrations/linq/inbound',
  umbrella: 'https://alerts.umbrella.org/linq/delivery-failures',
  zapier: 'https://hooks.zapier.example/hooks/catch/123456/abcdef',
} as const;

export function uniqueUrl(tag: string, path = '/hook'): string {
  return `https://e2e-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.example.com${path}`;
}

/** Creates a subscription of this test's own straight through the API. */
export async function createSubscription(
  linq: LinqAPIV3,
  tag: string,
  options: { events?: EventType[]; phones?: string[]; url?: string } = {},
) {
  const target_url = options.url ?? uniqueUrl(tag);
  const body: CreateParams = { target_url, subscribed_events: options.events ?? ['message.sent'] };
  if (options.phones) body.phone_numbers = options.phones;
  const created = await linq.webhookSubscriptions.create(body);
  return { id: created.id, url: created.target_url };
}

export async function seededId(linq: LinqAPIV3, url: string): Promise<string> {
  const { subscriptions } = await linq.webhookSubscriptions.list();
  const found = subscriptions.find((entry) => entry.target_url === url);
  expect(found, `seeded subscription ${url}`).toBeDefined();
  return found!.id;
}

export function rowFor(page: Page, url: string): Locator {
  return page.locator(`tr[data-target-url="${url}"]`);
}

/** The console with the table searched down to one host, so the row is rendered (the table is virtualised). */
export async function openTableAt(page: Page, url: string): Promise<Locator> {
  await page.goto(`/?q=${encodeURIComponent(new URL(url).host)}`);
  const row = rowFor(page, url);
  await expect(row).toBeVisible();
  return row;
}

export function activeSwitch(page: Page, url: string): Locator {
  return page.getByRole('switch', { name: `Active — ${url}`, exact: true });
}

export function editDrawer(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Edit subscription' });
}

/** Clicks the row's Edit button and waits for the form to hold the fresh copy. */
export async function openDrawer(page: Page, url: string): Promise<Locator> {
  await page.getByRole('button', { name: `Edit ${url}`, exact: true }).click();
  const dialog = editDrawer(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(url);
  return dialog;
}

/** An event type's checkbox in the drawer, found by its human label and raw type. */
export function eventBox(scope: Locator, type: string): Locator {
  const label = type.replace(/[._]+/g, ' ');
  const human = label.charAt(0).toUpperCase() + label.slice(1);
  return scope.getByRole('checkbox', { name: `${human} ${type}` });
}

/** What a paste from the clipboard does: a paste event carrying the text, on the focused input. */
export async function pasteInto(input: Locator, text: string): Promise<void> {
  await input.focus();
  await input.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Presses Tab until `target` has the focus (keyboard-only navigation); fails after `limit` presses. */
export async function tabUntil(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let step = 0; step < limit; step += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()} in ${limit} presses`);
}

export const sorted = (values: readonly string[] | null | undefined): string[] => [...(values ?? [])].sort();

/** Opens "New subscription" from the page, types the URL and ticks one event type; returns the drawer. */
export async function startCreate(page: Page, url: string, event = 'message.sent'): Promise<Locator> {
  await page.goto('/');
  await page.getByRole('button', { name: 'New subscription' }).click();
  const dialog = page.getByRole('dialog', { name: 'New subscription' });
  await dialog.getByRole('textbox', { name: 'Target URL' }).fill(url);
  await eventBox(dialog, event).click();
  return dialog;
}

/** The row's handle: its URL as a button, the table's tab stop when the row is the active one. */
export function rowHandle(page: Page, url: string): Locator {
  return page.getByRole('button', { name: url, exact: true });
}

/** Keyboard only: `/` to the search box, ArrowDown into the table (its first row), Enter opens; returns the drawer. */
export async function openDrawerByKeyboard(page: Page, url: string): Promise<Locator> {
  await openTableAt(page, url);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rowHandle(page, url)).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = editDrawer(page);
  await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(url);
  return dialog;
}

/** The table's columns, by what they hold (the first is the selection checkbox). */
const COLUMNS = { url: 1, status: 2, events: 3, phones: 4, attention: 5, changed: 6 } as const;

/** One cell of a row, by its column. */
export function cellOf(row: Locator, column: keyof typeof COLUMNS): Locator {
  return row.getByRole('cell').nth(COLUMNS[column]);
}

/** Bulk actions (bulk.spec.ts, bulk-jobs.spec.ts). */

export async function createMany(linq: LinqAPIV3, tag: string, count: number, events: EventType[] = ['message.sent']) {
  const created = [];
  for (let index = 0; index < count; index += 1) {
    created.push(await createSubscription(linq, tag, { url: `https://${tag}.example.com/hook-${index}`, events }));
  }
  return created;
}

export async function activeStates(linq: LinqAPIV3, ids: readonly string[]): Promise<boolean[]> {
  const { subscriptions } = await linq.webhookSubscriptions.list();
  const byId = new Map(subscriptions.map((entry) => [entry.id, entry]));
  return ids.map((id) => byId.get(id)?.is_active ?? false);
}

export const bulkBar = (page: Page) => page.getByRole('region', { name: 'Selection and bulk actions' });

export async function selectAllMatching(page: Page, count: number) {
  await page
    .getByRole('button', { name: `Select all ${count} matching` })
    .first()
    .click();
  await expect(bulkBar(page)).toContainText(`${count} selected`);
}
