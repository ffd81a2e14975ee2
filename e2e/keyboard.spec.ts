import { test, expect } from './fixtures';
import { createSubscription, eventBox, openDrawerByKeyboard, rowHandle, sorted, tabUntil } from './helpers';

test.describe('keyboard only', () => {
  test('into the table from the search box, Enter opens the drawer, Space ticks an event, save with the keyboard', async ({
    page,
    linq,
  }) => {
    const { id, url } = await createSubscription(linq, 'keyboard', { events: ['message.sent'] });
    // `/` to the search box, ArrowDown into the table, Enter on the row.
    const dialog = await openDrawerByKeyboard(page, url);
    // Focus moved into the drawer.
    await expect.poll(() => dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);

    const received = eventBox(dialog, 'message.received');
    await tabUntil(page, received);
    await page.keyboard.press('Space');
    await expect(received).toBeChecked();

    const save = dialog.getByRole('button', { name: 'Save changes' });
    await tabUntil(page, save);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Saved ${url}`)).toBeVisible();

    await expect
      .poll(async () => sorted((await linq.webhookSubscriptions.retrieve(id)).subscribed_events))
      .toEqual(['message.received', 'message.sent']);
  });

  test('Escape closes an unchanged drawer; with changes it asks first', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'keyboard-esc', { events: ['message.sent'] });
    const dialog = await openDrawerByKeyboard(page, url);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/edit=/);

    // Focus is back on the row that opened it: Enter opens it again.
    await expect(rowHandle(page, url)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(url);
    const read = eventBox(dialog, 'message.read');
    await tabUntil(page, read);
    await page.keyboard.press('Space');
    await expect(read).toBeChecked();

    await page.keyboard.press('Escape');
    const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await expect(discard).toBeVisible();
    // Focus starts on the safe choice.
    await expect(discard.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(discard).toBeHidden();
    await expect(read).toBeChecked();
    // Back where the keyboard user was before the question.
    await expect(read).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(discard).toBeVisible();
    await tabUntil(page, discard.getByRole('button', { name: 'Discard changes' }), 5);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    expect((await linq.webhookSubscriptions.retrieve(id)).subscribed_events).toEqual(['message.sent']);
  });

  test('closing the drawer gives the focus back to the row that opened it', async ({ page, linq }) => {
    const { url } = await createSubscription(linq, 'keyboard-focus');
    const dialog = await openDrawerByKeyboard(page, url);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(rowHandle(page, url)).toBeFocused({ timeout: 2_000 });
  });
});
