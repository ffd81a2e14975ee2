import { test, expect, expectAccessible, snapshot } from './fixtures';
import { SEEDED, activeSwitch, createSubscription, editDrawer, rowFor, rowHandle, uniqueUrl, cellOf } from './helpers';

/** The review view: structured filters, problems in the row, honest live state, keyboard first. */

test.describe('structured filters', () => {
  test('"who receives message.failed": the event-type filter picks exactly those, in the URL and after a reload', async ({
    page,
    linq,
  }) => {
    const tag = `filter-failed-${Date.now()}`;
    const receives = await createSubscription(linq, tag, { events: ['message.sent', 'message.failed'] });
    // "failed" in another type is not message.failed.
    const other = await createSubscription(linq, tag, { events: ['chat.group_name_update_failed'] });
    await page.goto('/');
    const select = page.getByRole('combobox', { name: 'Receives event type' });
    await select.selectOption('message.failed');
    await expect(page).toHaveURL(/event=message\.failed/);

    const { subscriptions } = await linq.webhookSubscriptions.list();
    const expected = subscriptions.filter((entry) => entry.subscribed_events.includes('message.failed'));
    await expect(page.getByText(`Showing ${expected.length} of ${subscriptions.length} subscriptions`)).toBeVisible();
    // Narrowed to this test's host, the matched type is shown first in the row.
    await page.getByRole('searchbox', { name: 'Search' }).fill(tag);
    await expect(rowFor(page, receives.url)).toBeVisible();
    await expect(rowFor(page, other.url)).toHaveCount(0);
    await expect(cellOf(rowFor(page, receives.url), 'events').locator('[data-slot="badge"]').first()).toHaveText(
      'message.failed',
    );

    await page.reload();
    await expect(select).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Stop filtering on message.failed' })).toBeVisible();
    await expect(rowFor(page, receives.url)).toBeVisible();
    await expect(rowFor(page, other.url)).toHaveCount(0);
  });

  test('the host filter lists the hosts with counts and survives a reload', async ({ page, linq }) => {
    await page.goto('/');
    const host = new URL(SEEDED.northwind).host;
    const { subscriptions } = await linq.webhookSubscriptions.list();
    const count = subscriptions.filter((entry) => new URL(entry.target_url).host === host).length;
    const select = page.getByRole('combobox', { name: 'Host' });
    await select.selectOption({ label: `${host} (${count})` });
    await expect(page).toHaveURL(new RegExp(`host=${host.replace(/\./g, '\\.')}`));
    await expect(rowFor(page, SEEDED.northwind)).toBeVisible();
    await expect(page.locator('tbody tr[data-target-url]')).toHaveCount(count);

    await page.reload();
    await expect(select).toHaveValue(host);
    await expect(page.locator('tbody tr[data-target-url]')).toHaveCount(count);
  });

  test('"what needs attention" is one click, and every flagged row says why', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /^Needs attention/ }).click();
    await expect(page).toHaveURL(/attention=1/);
    await expect(rowFor(page, SEEDED.initech)).toContainText('No ?version for message.edited');
    await expect(rowFor(page, SEEDED.contoso)).toContainText('not in catalog');
    await expect(rowFor(page, SEEDED.northwind)).toHaveCount(0);
    await snapshot(page, 'needs-attention');
  });
});

test('a flagged row opens on its fix, and the fix saved clears the flag', async ({ page, linq }) => {
  const url = uniqueUrl('flagged', '/hooks/in');
  const { id } = await createSubscription(linq, 'flagged', { url, events: ['message.received', 'message.edited'] });
  await page.goto(`/?q=${encodeURIComponent(new URL(url).host)}`);
  const flag = rowFor(page, url).getByRole('button', { name: /No \?version for message\.edited/ });
  await expect(flag).toBeVisible();
  await flag.click();

  const dialog = editDrawer(page);
  const attention = dialog.getByRole('status', { name: 'Needs attention' });
  await expect(attention).toContainText('message.edited is never delivered');
  await attention.getByRole('button', { name: 'Add ?version=2026-02-03 to the URL' }).click();
  await expect(attention).toBeHidden();
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();

  await expect
    .poll(async () => (await linq.webhookSubscriptions.retrieve(id)).target_url)
    .toBe(`${url}?version=2026-02-03`);
  await expect(rowFor(page, `${url}?version=2026-02-03`)).toBeVisible();
  await expect(rowFor(page, `${url}?version=2026-02-03`)).not.toContainText('No ?version');
});

test('a slow, failing toggle shows that it is being written, then leaves its error on the row with Retry', async ({
  page,
  linq,
  faults,
}) => {
  const { id, url } = await createSubscription(linq, 'slow-fail');
  await page.goto(`/?q=${encodeURIComponent(new URL(url).host)}`);
  const toggle = activeSwitch(page, url);
  await expect(toggle).toBeChecked();
  await faults.set({ failure_rate: 1, latency_ms: 1500 });

  await toggle.click();
  const row = rowFor(page, url);
  await expect(toggle).toHaveAttribute('aria-busy', 'true');
  await expect(row).toContainText('Turning off…');

  const error = row.getByRole('alert');
  await expect(error).toContainText('Not turned off', { timeout: 10_000 });
  await expect(toggle).toBeChecked();
  await expect(toggle).not.toHaveAttribute('aria-busy');
  // The row says it; no toast over the table repeats it.
  await expect(page.getByText(`Could not turn off ${url}`)).toHaveCount(0);
  await expectAccessible(page, 'a row with a failed write');

  await faults.clear();
  await error.getByRole('button', { name: `Retry turning off ${url}` }).click();
  await expect(toggle).not.toBeChecked();
  await expect(row.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);
});

test('relative times advance while the page is open, with the exact time and its zone on hover', async ({
  page,
  linq,
}) => {
  await page.clock.install();
  const { url } = await createSubscription(linq, 'clock');
  await page.goto(`/?q=${encodeURIComponent(new URL(url).host)}`);
  const time = rowFor(page, url).locator('time');
  await expect(time).toHaveText('just now');

  await page.clock.fastForward('03:00');
  await expect(time).toHaveText('3 minutes ago');

  await time.hover();
  const tooltip = page.getByRole('tooltip').filter({ hasText: /^Changed / });
  await expect(tooltip).toBeVisible();
  // The time zone is named (GMT, UTC, or an offset such as GMT+1).
  await expect(tooltip).toHaveText(/(GMT|UTC)/);
  const box = await tooltip.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
});

test('keyboard first: the 4th row from the search box in 5 keystrokes, and Ctrl+Enter saves', async ({
  page,
  linq,
}) => {
  const tag = `kbd-review-${Date.now()}`;
  const created = [];
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    created.push(await createSubscription(linq, tag, { url: `https://${tag}.example.com/${name}` }));
  }
  const fourth = created[3]!;
  await page.goto(`/?q=${tag}`);
  await expect(rowFor(page, fourth.url)).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search' }).focus();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
  const dialog = editDrawer(page);
  await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(fourth.url);

  // j / k and the arrows are the same moves; Space on a checkbox, then Ctrl+Enter saves from anywhere.
  await dialog.getByRole('checkbox', { name: 'Message received message.received' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => (await linq.webhookSubscriptions.retrieve(fourth.id)).subscribed_events.sort())
    .toEqual(['message.received', 'message.sent']);

  // Back in the table on the same row; k moves up, and `?` lists the shortcuts.
  await expect(rowHandle(page, fourth.url)).toBeFocused();
  await page.keyboard.press('k');
  await expect(rowHandle(page, created[2]!.url)).toBeFocused();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
});

test('the table is one tab stop: Tab goes from the search controls past every row', async ({ page, linq }) => {
  const tag = `tabstop-${Date.now()}`;
  for (const name of ['a', 'b', 'c'])
    await createSubscription(linq, tag, { url: `https://${tag}.example.com/${name}` });
  await page.goto(`/?q=${tag}`);
  await expect(page.locator('tbody tr[data-target-url]')).toHaveCount(3);
  await rowHandle(page, `https://${tag}.example.com/a`).focus();
  await page.keyboard.press('Tab');
  // Out of the table at once: nothing inside the rows took the focus.
  expect(await page.evaluate(() => document.activeElement?.closest('tbody') === null)).toBe(true);
});

test('two URLs that differ only in a middle segment read differently at 1024 px', async ({ page, linq }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const tag = `middle-${Date.now()}`;
  const base = `https://${tag}.example.com/v1/tenants`;
  const a = await createSubscription(linq, tag, { url: `${base}/tenant-a/inbound/linq?version=2026-02-03` });
  const b = await createSubscription(linq, tag, { url: `${base}/tenant-b/inbound/linq?version=2026-02-03` });
  await page.goto(`/?q=${tag}`);
  const textA = await rowHandle(page, a.url).innerText();
  const textB = await rowHandle(page, b.url).innerText();
  expect(textA).not.toBe(textB);
  expect(textA).toContain('tenant-a');
  expect(textB).toContain('tenant-b');
  await expect(rowHandle(page, a.url)).toHaveAccessibleDescription(a.url);
});

test('at 1440×900 at least 14 rows are in view', async ({ page, linq }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const tag = `density-${Date.now()}`;
  for (let index = 0; index < 16; index += 1) {
    await createSubscription(linq, tag, { url: `https://${tag}.example.com/hook-${index}` });
  }
  await page.goto(`/?q=${tag}`);
  await expect(page.locator('tbody tr[data-target-url]')).toHaveCount(16);
  const inView = await page.evaluate(
    () =>
      [...document.querySelectorAll('tbody tr[data-target-url]')].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }).length,
  );
  expect(inView).toBeGreaterThanOrEqual(14);
});

test('a catalog that fails to load is shown as such, and its Retry retries the catalog', async ({ page }) => {
  await page.route('**/v3/webhook-events', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ error: { status: 500, code: 3006, message: 'Internal server error' }, success: false }),
    }),
  );
  await page.goto(`/?q=${encodeURIComponent(new URL(SEEDED.acme).host)}`);
  const banner = page.getByRole('alert').filter({ hasText: 'Could not load the event catalog' });
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(rowFor(page, SEEDED.acme)).not.toContainText('All 18 catalog events');

  await page.unroute('**/v3/webhook-events');
  await banner.getByRole('button', { name: 'Retry the catalog' }).click();
  await expect(banner).toBeHidden();
  await expect(rowFor(page, SEEDED.acme)).toContainText('All 18 catalog events');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: the filters in use and a flagged row, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/?attention=1&event=message.edited');
    await expect(rowFor(page, SEEDED.initech)).toBeVisible();
    await page.getByRole('combobox', { name: 'Host' }).focus();
    await expectAccessible(page, `filters and flagged rows (${scheme})`);
    await snapshot(page, `filters-${scheme}`);
  });
}
