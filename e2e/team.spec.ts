import type { Browser, BrowserContext, Page } from '@playwright/test';
import { OIDC_CONSOLE_URL, OIDC_ENABLED, OIDC_USERS } from './env';
import { expect, expectAccessible, snapshot, test } from './fixtures';
import { activeSwitch, createSubscription, eventBox, openDrawer, rowFor } from './helpers';

/**
 * The console for a team, on the sign-in stack (playwright.config.ts): a real identity provider
 * (oidc-provider) and a console in LINQ_CONSOLE_AUTH=oidc mode with its own journal, on the same
 * sandbox as the rest of the suite. Every person signs in through the provider's own form.
 */

test.skip(!OIDC_ENABLED, 'the sign-in stack is off (E2E_OIDC=0)');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Account = (typeof OIDC_USERS)[keyof typeof OIDC_USERS];

/** A browser of this person's own, signed in through the identity provider, on `path`. */
async function signedIn(
  browser: Browser,
  account: Account,
  path = '/',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: OIDC_CONSOLE_URL });
  const page = await context.newPage();
  await page.goto(path);
  // Signed out, the console sends the browser to the provider's sign-in form.
  await expect(page).not.toHaveURL(new RegExp(`^${OIDC_CONSOLE_URL}`));
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${OIDC_CONSOLE_URL}${path}`);
  return { context, page };
}

test.describe('a console for a team', () => {
  test('an editor signs in, turns a subscription off and on, sees both under their name in Activity, and restores from History', async ({
    browser,
    linq,
  }) => {
    const { id, url } = await createSubscription(linq, 'team-restore', { events: ['message.sent', 'message.read'] });
    const { context, page } = await signedIn(
      browser,
      OIDC_USERS.editor,
      `/?q=${encodeURIComponent(new URL(url).host)}`,
    );
    await expect(page.getByText(`Signed in as ${OIDC_USERS.editor.name}`)).toBeVisible();
    await expect(page.getByText('editor', { exact: true })).toBeVisible();

    const toggle = activeSwitch(page, url);
    await toggle.click();
    await expect(page.getByText(`Turned off ${url}`)).toBeVisible();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);
    await toggle.click();
    await expect(page.getByText(`Turned on ${url}`)).toBeVisible();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(true);

    // Activity, filtered to this subscription: both changes, newest first, under the editor's email.
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByLabel('Subscription id').fill(id);
    await page.getByLabel('Subscription id').press('Enter');
    const changes = page.getByRole('region', { name: 'Changes' }).getByRole('article');
    await expect(changes).toHaveCount(2);
    await expect(changes.nth(0)).toHaveAccessibleName(`${OIDC_USERS.editor.email} turned on ${url}`);
    await expect(changes.nth(1)).toHaveAccessibleName(`${OIDC_USERS.editor.email} turned off ${url}`);
    await expect(changes.nth(1)).toContainText('Turned off (was on)');

    // From the entry to the subscription's drawer, and its History: restore the "turned off" version.
    await changes.nth(1).getByRole('button', { name: url }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit subscription' });
    await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(url);
    const history = dialog.getByRole('region', { name: 'History' });
    const offVersion = history.getByRole('article', { name: `${OIDC_USERS.editor.email} turned off ${url}` });
    await offVersion
      .getByRole('button', { name: new RegExp(`^Restore ${escapeRegExp(url)} to the version of `) })
      .click();
    const confirm = page.getByRole('alertdialog', { name: 'Restore this version?' });
    await expect(confirm).toContainText('Turned off (was on)');
    await confirm.getByRole('button', { name: 'Restore this version' }).click();
    await expect(page.getByText(/^Restored the version of/)).toBeVisible();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);
    await expect(history.getByRole('article')).toHaveCount(3);
    await expect(history.getByRole('article').first()).toHaveAccessibleName(
      `${OIDC_USERS.editor.email} restored an earlier version of ${url}`,
    );

    // The journal as other tools read it: the restore, with exact before and after.
    const answer = await page.request.get(`/__console/activity?subscription_id=${encodeURIComponent(id)}&limit=1`);
    expect(answer.ok()).toBe(true);
    const [latest] = (await answer.json()).entries;
    expect(latest).toMatchObject({
      action: 'restore',
      actor: OIDC_USERS.editor.email,
      outcome: 'ok',
      before: { id, is_active: true },
      after: { id, is_active: false },
    });
    await context.close();
  });

  test('a viewer gets a console to read, the role said once, and the server refuses a write anyway', async ({
    browser,
    linq,
  }) => {
    const { id, url } = await createSubscription(linq, 'team-viewer');
    const { context, page } = await signedIn(
      browser,
      OIDC_USERS.viewer,
      `/?q=${encodeURIComponent(new URL(url).host)}`,
    );
    await expect(page.getByText(`Signed in as ${OIDC_USERS.viewer.name}`)).toBeVisible();
    await expect(
      page.getByText(
        `You are signed in as ${OIDC_USERS.viewer.email}, a viewer: you can review subscriptions, not change them.`,
      ),
    ).toBeVisible();
    await expect(rowFor(page, url)).toBeVisible();
    // The role is said once, in the app bar.
    await expect(page.getByText(/a viewer: you can review subscriptions/)).toHaveCount(1);
    await expect(activeSwitch(page, url)).toHaveCount(0);
    await expect(rowFor(page, url)).toContainText('Active');
    await expect(page.getByRole('button', { name: 'New subscription' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: `Duplicate ${url}` })).toHaveCount(0);

    await page.getByRole('button', { name: `View ${url}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Subscription details' });
    const target = dialog.getByRole('textbox', { name: 'Target URL' });
    await expect(target).toHaveValue(url);
    await expect(eventBox(dialog, 'message.sent')).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
    // Read-only, and as legible as an editor's field: not faded.
    expect(await target.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    await expect(page.getByText(/a viewer: you can review subscriptions/)).toHaveCount(1);

    // The page's own cookie, same origin: the server still says no, as a Linq envelope.
    const refused = await page.request.put(`/v3/webhook-subscriptions/${id}`, {
      headers: { Origin: OIDC_CONSOLE_URL },
      data: { is_active: false },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toContain(OIDC_USERS.viewer.email);
    expect((await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(true);
    await context.close();
  });

  test('someone in neither role list is told who they are signed in as, and sees no data', async ({ browser }) => {
    const { context, page } = await signedIn(browser, OIDC_USERS.stranger);
    await expect(page.getByRole('heading', { name: 'No access to this console', level: 1 })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(`you are signed in as ${OIDC_USERS.stranger.email}`);
    await expect(page.locator('tr[data-target-url]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'New subscription' })).toHaveCount(0);
    await expectAccessible(page, 'the no-access page');
    await context.close();
  });

  test('a label tells look-alike URLs apart: named in the drawer, shown above the URL, searchable, journaled', async ({
    browser,
    linq,
  }) => {
    const first = await createSubscription(linq, 'team-label');
    const second = await createSubscription(linq, 'team-label', { url: `${first.url}?copy=1` });
    const name = `Payments EU ${Date.now()}`;
    const { context, page } = await signedIn(
      browser,
      OIDC_USERS.editor,
      `/?q=${encodeURIComponent(new URL(first.url).host)}`,
    );
    await expect(rowFor(page, second.url)).toBeVisible();

    const dialog = await openDrawer(page, first.url);
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Owned by the payments team');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(rowFor(page, first.url)).toContainText(name);
    await expect(rowFor(page, second.url)).not.toContainText(name);

    await page.goto(`/?q=${encodeURIComponent(name)}`);
    await expect(rowFor(page, first.url)).toBeVisible();
    await expect(page.locator('tr[data-target-url]')).toHaveCount(1);

    const labels = await page.request.get(`/__console/labels/${first.id}`);
    expect(await labels.json()).toMatchObject({ name, note: 'Owned by the payments team' });
    const journal = await page.request.get(`/__console/activity?subscription_id=${encodeURIComponent(first.id)}`);
    expect((await journal.json()).entries[0]).toMatchObject({ action: 'label', actor: OIDC_USERS.editor.email });
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the Activity view passes axe in ${scheme} mode, with entries and a bulk action group`, async ({
      browser,
      linq,
    }) => {
      const { url } = await createSubscription(linq, `team-axe-${scheme}`);
      const { context, page } = await signedIn(
        browser,
        OIDC_USERS.editor,
        `/?q=${encodeURIComponent(new URL(url).host)}`,
      );
      await page.emulateMedia({ colorScheme: scheme });
      await activeSwitch(page, url).click();
      await expect(page.getByText(`Turned off ${url}`)).toBeVisible();
      await page.getByRole('link', { name: 'Activity' }).click();
      await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
      await expect(page.getByRole('article', { name: `${OIDC_USERS.editor.email} turned off ${url}` })).toBeVisible();
      await expectAccessible(page, `the Activity view (${scheme})`);
      await snapshot(page, `activity-${scheme}`);
      await context.close();
    });
  }
});
