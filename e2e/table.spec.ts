import { test, expect, snapshot } from './fixtures';
import { SANDBOX_URL } from './env';
import { SEEDED, editDrawer, rowFor, seededId, sorted, cellOf } from './helpers';

/** What each seeded row shows: status, events cell, phone filter cell. */
const SEEDED_ROWS = [
  { url: SEEDED.acme, status: 'Active', events: ['All 18 catalog events'], phones: ['All numbers'] },
  {
    url: SEEDED.northwind,
    status: 'Active',
    events: ['message.sent', 'message.received', '+5 more'],
    phones: ['+1 415 555 0123'],
  },
  {
    url: SEEDED.contoso,
    status: 'Active',
    events: ['call.initiated', 'call.answered', '+3 more'],
    phones: ['+1 415 555 0123', '+1 212 555 0188'],
  },
  {
    url: SEEDED.globex,
    status: 'Inactive',
    events: ['chat.created', 'participant.added', '+2 more'],
    phones: ['All numbers'],
  },
  {
    url: SEEDED.initech,
    status: 'Active',
    events: ['message.received', 'message.edited', '+2 more'],
    phones: ['+44 20 7946 0123'],
  },
  {
    url: SEEDED.umbrella,
    status: 'Inactive',
    events: ['message.failed', 'chat.group_name_update_failed', '+1 more'],
    phones: ['All numbers'],
  },
  { url: SEEDED.zapier, status: 'Active', events: ['message.received'], phones: ['All numbers'] },
] as const;

test.describe('subscriptions table', () => {
  test('the header says where changes go: the Linq API the console forwards to', async ({ page }) => {
    await page.goto('/');
    // The e2e console runs with a key and a base URL (the standalone sandbox), as against Linq.
    await expect(page.getByText(`Linq API · ${new URL(SANDBOX_URL).host}`)).toBeVisible();
  });

  test('shows the seeded subscriptions with status, events and phone filters', async ({ page, linq }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Webhook subscriptions' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Webhook subscriptions' })).toBeVisible();
    await snapshot(page, 'table');

    const search = page.getByRole('searchbox', { name: 'Search' });
    for (const seeded of SEEDED_ROWS) {
      // Searching by host brings the row into the rendered window whatever other tests created.
      await search.fill(new URL(seeded.url).host);
      const row = rowFor(page, seeded.url);
      await expect(row).toBeVisible();
      await expect(page.getByRole('switch', { name: `Active — ${seeded.url}`, exact: true })).toBeChecked({
        checked: seeded.status === 'Active',
      });
      await expect(cellOf(row, 'status')).toHaveText(seeded.status);
      for (const text of seeded.events) await expect(cellOf(row, 'events')).toContainText(text);
      for (const text of seeded.phones) await expect(cellOf(row, 'phones')).toContainText(text);
      await expect(row.getByRole('button', { name: `Edit ${seeded.url}`, exact: true })).toBeVisible();
    }

    // The same through the API.
    const { subscriptions } = await linq.webhookSubscriptions.list();
    const byUrl = new Map(subscriptions.map((entry) => [entry.target_url, entry]));
    for (const seeded of SEEDED_ROWS) {
      const stored = byUrl.get(seeded.url);
      expect(stored, seeded.url).toBeDefined();
      expect(stored!.is_active).toBe(seeded.status === 'Active');
    }
    expect(sorted(byUrl.get(SEEDED.contoso)!.phone_numbers)).toEqual(['+12125550188', '+14155550123']);
    expect(byUrl.get(SEEDED.northwind)!.subscribed_events).toHaveLength(7);
    expect(byUrl.get(SEEDED.zapier)!.phone_numbers ?? []).toEqual([]);
  });

  test('the summary counts match the API', async ({ page, linq }) => {
    await page.goto('/');
    const { subscriptions } = await linq.webhookSubscriptions.list();
    const active = subscriptions.filter((entry) => entry.is_active).length;
    await expect(
      page.getByText(
        `${subscriptions.length} subscriptions: ${active} active, ${subscriptions.length - active} inactive`,
      ),
    ).toBeVisible();
    await expect(page.getByRole('radio', { name: `All ${subscriptions.length}` })).toBeChecked();
  });

  test('?edit=<id> deep link opens the drawer on that subscription', async ({ page, linq }) => {
    const id = await seededId(linq, SEEDED.northwind);
    await page.goto(`/?edit=${id}`);
    const dialog = editDrawer(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(SEEDED.northwind);
    await expect(dialog.getByRole('checkbox', { name: 'Reaction added reaction.added' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Chat created chat.created' })).not.toBeChecked();
    await expect(dialog.getByRole('list', { name: 'Phone numbers in the filter' })).toContainText('+1 415 555 0123');

    // Closing drops ?edit from the URL; nothing was changed.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/edit=/);
    const stored = await linq.webhookSubscriptions.retrieve(id);
    expect(stored.target_url).toBe(SEEDED.northwind);
    expect(stored.phone_numbers).toEqual(['+14155550123']);
  });

  test('search, status filter and sort live in the URL and survive a reload', async ({ page, linq }) => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search' }).fill('linq');
    // The radio itself is visually hidden; a person clicks its label.
    await page
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: /^Inactive/ }) })
      .click();
    await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Newest first' });

    await expect(page).toHaveURL(/[?&]q=linq(&|$)/);
    await expect(page).toHaveURL(/[?&]status=inactive(&|$)/);
    await expect(page).toHaveURL(/[?&]sort=created(&|$)/);
    await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);

    // Seeded inactive subscriptions whose URL has "linq", newest first: globex (60 days) before umbrella (90).
    const expected = [SEEDED.globex, SEEDED.umbrella];
    const rows = page.locator('tbody tr[data-target-url]');
    await expect
      .poll(() => rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-target-url'))))
      .toEqual(expected);
    await expect(page.getByText(/^Showing 2 of \d+ subscriptions$/)).toBeVisible();

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('linq');
    await expect(page.getByRole('radio', { name: /^Inactive/ })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('created:desc');
    await expect
      .poll(() => rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-target-url'))))
      .toEqual(expected);

    // The API agrees on which ones are inactive and when they were created.
    const { subscriptions } = await linq.webhookSubscriptions.list();
    const inactiveWithLinq = subscriptions
      .filter((entry) => !entry.is_active && entry.target_url.toLowerCase().includes('linq'))
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map((entry) => entry.target_url);
    expect(inactiveWithLinq).toEqual(expected);

    // Back to the default sort: the URL loses it again.
    await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Target URL, A to Z' });
    await expect(page).not.toHaveURL(/sort=/);
    await expect
      .poll(() => rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-target-url'))))
      .toEqual([SEEDED.umbrella, SEEDED.globex]);
  });

  test('a search that matches nothing says so and can be cleared', async ({ page }) => {
    await page.goto('/?q=no-such-subscription-anywhere');
    await expect(page.getByRole('heading', { name: 'No subscriptions match this view' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
    await expect(rowFor(page, SEEDED.umbrella)).toBeVisible();
  });
});
