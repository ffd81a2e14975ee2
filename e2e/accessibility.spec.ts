import { test, expect, snapshot, expectAccessible } from './fixtures';
import {
  SEEDED,
  createSubscription,
  eventBox,
  openDrawer,
  openTableAt,
  rowFor,
  startCreate,
  uniqueUrl,
} from './helpers';

/** Zero serious or critical axe violations on every main surface, in both colour schemes. */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test('the table', async ({ page, linq }) => {
      await page.goto('/');
      await expect(page.locator('tbody tr[data-target-url]').first()).toBeVisible();
      // The catalog has loaded when the acme row says "All 18 catalog events".
      await expect(rowFor(page, SEEDED.acme)).toContainText('All 18 catalog events');
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      await snapshot(page, `table-${scheme}`);
      await expectAccessible(page, `table (${scheme})`);

      const { subscriptions } = await linq.webhookSubscriptions.list();
      expect(subscriptions.length).toBeGreaterThanOrEqual(7);
    });

    test('the open drawer', async ({ page, linq }) => {
      // One with an error chip, a not-in-catalog type and the message.edited warning: every state at once.
      const { id, url } = await createSubscription(linq, `a11y-drawer-${scheme}`, {
        events: ['message.received', 'message.edited', 'call.ended'],
        phones: ['+14155550123'],
      });
      await openTableAt(page, url);
      const dialog = await openDrawer(page, url);
      const phones = dialog.getByRole('textbox', { name: 'Phone numbers' });
      await phones.fill('12345');
      await phones.press('Enter');
      await expect(dialog.locator('li[data-invalid="true"]')).toBeVisible();
      await expect(dialog.getByText('message.edited is never delivered')).toBeVisible();
      await expect(eventBox(dialog, 'call.ended')).toHaveAccessibleName(/not in catalog/);
      await snapshot(page, `drawer-${scheme}`);
      await expectAccessible(page, `drawer (${scheme})`);

      // Nothing was saved by looking.
      expect((await linq.webhookSubscriptions.retrieve(id)).phone_numbers).toEqual(['+14155550123']);
    });

    test('the secret panel', async ({ page, linq }) => {
      const url = uniqueUrl(`a11y-secret-${scheme}`);
      const dialog = await startCreate(page, url);
      await dialog.getByRole('button', { name: 'Create subscription' }).click();

      const created = page.getByRole('dialog', { name: 'Subscription created' });
      await expect(created.getByRole('textbox', { name: 'Signing secret' })).toHaveValue(/^whsec_/);
      await snapshot(page, `secret-panel-${scheme}`);
      await expectAccessible(page, `secret panel (${scheme})`);

      await created.getByRole('checkbox', { name: 'I have stored the signing secret somewhere safe' }).click();
      await created.getByRole('button', { name: 'Done' }).click();
      await expect(created).toBeHidden();
      const { subscriptions } = await linq.webhookSubscriptions.list();
      expect(subscriptions.some((subscription) => subscription.target_url === url)).toBe(true);
    });

    test('the delete confirmation', async ({ page, linq }) => {
      const { id, url } = await createSubscription(linq, `a11y-delete-${scheme}`);
      await openTableAt(page, url);
      const dialog = await openDrawer(page, url);
      await dialog.getByRole('button', { name: `Delete ${url}`, exact: true }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Delete this subscription?' });
      await expect(confirm).toContainText(url);
      await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await snapshot(page, `delete-confirmation-${scheme}`);
      await expectAccessible(page, `delete confirmation (${scheme})`);

      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(confirm).toBeHidden();
      expect((await linq.webhookSubscriptions.retrieve(id)).target_url).toBe(url);
    });
  });
}
