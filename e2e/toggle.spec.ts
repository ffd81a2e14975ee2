import { test, expect } from './fixtures';
import { activeSwitch, createSubscription, openTableAt, cellOf } from './helpers';

test.describe('turning a subscription off and on', () => {
  test('toggling off and on persists across reloads', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'toggle');
    const row = await openTableAt(page, url);
    const toggle = activeSwitch(page, url);
    await expect(toggle).toBeChecked();

    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await expect(page.getByText(`Turned off ${url}`)).toBeVisible();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);

    await page.reload();
    await expect(toggle).not.toBeChecked();
    await expect(cellOf(row, 'status')).toHaveText('Inactive');

    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(page.getByText(`Turned on ${url}`)).toBeVisible();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(true);

    await page.reload();
    await expect(toggle).toBeChecked();
    await expect(cellOf(row, 'status')).toHaveText('Active');
  });

  test('Undo in the "Turned off" toast turns it back on', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'undo');
    await openTableAt(page, url);
    const toggle = activeSwitch(page, url);

    await toggle.click();
    const toast = page.getByRole('listitem').filter({ hasText: `Turned off ${url}` });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('It receives no events until it is turned on again.');
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(toggle).toBeChecked();
    await expect(page.getByText(`Turned on ${url}`)).toBeVisible();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(true);

    await page.reload();
    await expect(toggle).toBeChecked();
  });

  test('under the Active filter, the row leaves the view when turned off, and the toast with Undo still appears', async ({
    page,
    linq,
  }) => {
    const { id, url } = await createSubscription(linq, 'undo-filtered');
    await page.goto(`/?status=active&q=${encodeURIComponent(url)}`);
    const toggle = activeSwitch(page, url);
    await toggle.click();

    // The row is no longer active, so the filtered view drops it at once.
    await expect(toggle).toBeHidden();
    const toast = page.getByRole('listitem').filter({ hasText: `Turned off ${url}` });
    await expect(toast).toBeVisible();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(toggle).toBeChecked();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(true);
  });

  test('the switch is keyboard operable (Space)', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'toggle-key');
    await openTableAt(page, url);
    const toggle = activeSwitch(page, url);
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).not.toBeChecked();
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).is_active).toBe(false);
    // Space on the switch must not open the drawer (the row is clickable).
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
});
