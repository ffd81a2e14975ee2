import { test, expect, snapshot } from './fixtures';
import { createSubscription, openDrawer, openTableAt, pasteInto, rowFor, sorted, cellOf } from './helpers';

test.describe('phone number chips', () => {
  test('a pasted mixture: invalid entries block Save with their reason; fixed, the E.164 numbers are stored', async ({
    page,
    linq,
  }) => {
    const { id, url } = await createSubscription(linq, 'phones');
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    const input = dialog.getByRole('textbox', { name: 'Phone numbers' });
    const chips = dialog.getByRole('list', { name: 'Phone numbers in the filter' });

    await pasteInto(input, '+1 415 555 0100, (212) 555-0188\n+44 20 7946 0958; 12345, call-me');

    // Three valid chips in international format, two error chips with their reasons.
    for (const shown of ['+1 415 555 0100', '+1 212 555 0188', '+44 20 7946 0958']) {
      await expect(chips.getByRole('listitem').filter({ hasText: shown })).toBeVisible();
    }
    const invalid = chips.locator('li[data-invalid="true"]');
    await expect(invalid).toHaveCount(2);
    await expect(invalid.filter({ hasText: '12345' })).toContainText('Wrong number of digits for United States (+1).');
    await expect(invalid.filter({ hasText: 'call-me' })).toContainText('Not a phone number: it has no digits.');
    await expect(input).toHaveValue('');

    // Save is blocked, and the reason is given.
    const save = dialog.getByRole('button', { name: 'Save changes' });
    await expect(save).toBeDisabled();
    await expect(
      dialog.getByText('Fix or remove the phone numbers marked in red before saving.', { exact: true }),
    ).toBeVisible();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await snapshot(page, 'error-phone-chips');

    // Fix one (Edit puts its text back in the input), remove the other.
    await dialog.getByRole('button', { name: 'Edit 12345', exact: true }).click();
    await expect(input).toHaveValue('12345');
    await expect(input).toBeFocused();
    await input.fill('+1 415 555 0199');
    await input.press('Enter');
    await dialog.getByRole('button', { name: 'Remove call-me', exact: true }).click();

    await expect(invalid).toHaveCount(0);
    await expect(chips.getByRole('listitem')).toHaveCount(4);
    await expect(
      dialog.getByText('Fix or remove the phone numbers marked in red before saving.', { exact: true }),
    ).toBeHidden();
    await expect(save).toBeEnabled();
    await save.click();
    await expect(dialog).toBeHidden();
    await expect(cellOf(rowFor(page, url), 'phones')).toContainText('+1 415 555 0100');
    // One number shown, the other three counted (and named to screen readers).
    await expect(cellOf(rowFor(page, url), 'phones')).toContainText('+3');

    const expected = ['+12125550188', '+14155550100', '+14155550199', '+442079460958'];
    await expect
      .poll(async () => sorted((await linq.webhookSubscriptions.retrieve(id)).phone_numbers))
      .toEqual(expected);

    // After a reload the drawer shows the stored numbers as chips.
    await page.reload();
    const reopened = await openDrawer(page, url);
    const reopenedChips = reopened.getByRole('list', { name: 'Phone numbers in the filter' });
    await expect(reopenedChips.getByRole('listitem')).toHaveCount(4);
    await expect(reopenedChips).toContainText('+44 20 7946 0958');
  });

  test('a typed national number takes the default country and is stored as E.164', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'phones-typed');
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    const input = dialog.getByRole('textbox', { name: 'Phone numbers' });

    await dialog
      .getByRole('combobox', { name: 'Default country for numbers without a country code' })
      .selectOption('GB');
    await input.fill('020 7946 0958');
    await input.press('Enter');
    await expect(dialog.getByRole('list', { name: 'Phone numbers in the filter' })).toContainText('+44 20 7946 0958');

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect
      .poll(async () => (await linq.webhookSubscriptions.retrieve(id)).phone_numbers)
      .toEqual(['+442079460958']);
  });

  test('removing every chip clears the filter', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'phones-clear', { phones: ['+14155550123', '+12125550188'] });
    const row = await openTableAt(page, url);
    await expect(cellOf(row, 'phones')).toContainText('+1 212 555 0188');
    const dialog = await openDrawer(page, url);

    await dialog.getByRole('button', { name: 'Remove +1 415 555 0123', exact: true }).click();
    await dialog.getByRole('button', { name: 'Remove +1 212 555 0188', exact: true }).click();
    await expect(dialog.getByText('No filter: events from all phone numbers are sent.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(cellOf(row, 'phones')).toHaveText('All numbers');

    // null, absent or [] all mean "every phone number".
    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).phone_numbers ?? []).toEqual([]);
  });
});
