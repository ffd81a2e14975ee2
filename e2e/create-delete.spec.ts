import { test, expect, snapshot } from './fixtures';
import {
  createSubscription,
  editDrawer,
  eventBox,
  openDrawer,
  openTableAt,
  rowFor,
  startCreate,
  uniqueUrl,
} from './helpers';

test.describe('creating a subscription', () => {
  test('shows the signing secret once; after Done the row is there and the secret is nowhere in the page', async ({
    page,
    linq,
  }) => {
    const url = uniqueUrl('create', '/linq?version=2026-02-03');
    await page.goto('/');
    await page.getByRole('button', { name: 'New subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'New subscription' });
    await expect(dialog).toBeVisible();

    const create = dialog.getByRole('button', { name: 'Create subscription' });
    await expect(create).toBeDisabled();
    // New starts where the operator does: at the URL, typed into at once.
    await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toBeFocused();
    await page.keyboard.type(url);
    await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(url);
    await eventBox(dialog, 'message.received').click();
    await eventBox(dialog, 'message.edited').click();
    // The URL carries ?version=2026-02-03, so no warning.
    await expect(dialog.getByText('message.edited is never delivered')).toBeHidden();
    const phones = dialog.getByRole('textbox', { name: 'Phone numbers' });
    await phones.fill('+1 415 555 0123');
    await phones.press('Enter');
    await create.click();

    const created = page.getByRole('dialog', { name: 'Subscription created' });
    await expect(created).toBeVisible();
    const secretBox = created.getByRole('textbox', { name: 'Signing secret' });
    await expect(secretBox).toHaveValue(/^whsec_/);
    const secret = await secretBox.inputValue();
    expect(secret.length).toBeGreaterThan('whsec_'.length + 20);
    await expect(created).toContainText('Copy the signing secret now. It cannot be shown again.');
    await snapshot(page, 'secret-panel');

    // It cannot be dismissed until the operator says the secret is stored.
    await page.keyboard.press('Escape');
    await expect(created).toBeVisible();
    await expect(created.getByRole('button', { name: 'Close' })).toHaveCount(0);
    const done = created.getByRole('button', { name: 'Done' });
    await expect(done).toBeDisabled();
    await created.getByRole('checkbox', { name: 'I have stored the signing secret somewhere safe' }).click();
    await done.click();
    await expect(created).toBeHidden();

    // The new row appears (searched into view).
    await page.getByRole('searchbox', { name: 'Search' }).fill(new URL(url).host);
    await expect(rowFor(page, url)).toBeVisible();
    await expect(page.getByRole('switch', { name: `Active — ${url}`, exact: true })).toBeChecked();

    // The secret is gone from the page and from storage.
    expect(await page.content()).not.toContain(secret);
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(secret);

    // The API has it, and never returns the secret again.
    const { subscriptions } = await linq.webhookSubscriptions.list();
    const entry = subscriptions.find((subscription) => subscription.target_url === url);
    expect(entry).toBeDefined();
    expect(entry).toMatchObject({ is_active: true, phone_numbers: ['+14155550123'] });
    expect([...entry!.subscribed_events].sort()).toEqual(['message.edited', 'message.received']);
    const retrieved = await linq.webhookSubscriptions.retrieve(entry!.id);
    expect(JSON.stringify(retrieved)).not.toContain(secret);
    expect(JSON.stringify(subscriptions)).not.toContain(secret);
  });

  test('an invalid target URL is explained and blocks Create', async ({ page, linq }) => {
    const url = uniqueUrl('create-http').replace('https://', 'http://');
    await page.goto('/');
    await page.getByRole('button', { name: 'New subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'New subscription' });
    const target = dialog.getByRole('textbox', { name: 'Target URL' });
    await target.fill(url);
    await eventBox(dialog, 'message.sent').click();
    await expect(
      dialog.getByText('Linq delivers only to HTTPS URLs: use https:// instead of http://.', { exact: true }),
    ).toBeVisible();
    await expect(target).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('button', { name: 'Create subscription' })).toBeDisabled();
    await snapshot(page, 'error-target-url');

    await target.fill(url.replace('http://', 'https://'));
    await expect(dialog.getByRole('button', { name: 'Create subscription' })).toBeEnabled();

    // Nothing was created with the http URL.
    const { subscriptions } = await linq.webhookSubscriptions.list();
    expect(subscriptions.some((subscription) => subscription.target_url === url)).toBe(false);
  });

  test('a target URL already in use is refused by the server and shown on the field', async ({ page, linq }) => {
    const { url } = await createSubscription(linq, 'duplicate');
    const dialog = await startCreate(page, url);
    await dialog.getByRole('button', { name: 'Create subscription' }).click();

    await expect(dialog.getByText('A webhook subscription with this target_url already exists')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(url);
    await expect(page.getByRole('dialog', { name: 'Subscription created' })).toHaveCount(0);
    const { subscriptions } = await linq.webhookSubscriptions.list();
    expect(subscriptions.filter((subscription) => subscription.target_url === url)).toHaveLength(1);
  });
});

test.describe('deleting a subscription', () => {
  test('asks for confirmation naming the URL, then deletes', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'delete');
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);

    await dialog.getByRole('button', { name: `Delete ${url}`, exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this subscription?' });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(url);
    await expect(confirm).toContainText('this cannot be undone');
    await snapshot(page, 'delete-confirmation');

    // Cancel keeps it.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(dialog).toBeVisible();
    expect((await linq.webhookSubscriptions.retrieve(id)).target_url).toBe(url);

    await dialog.getByRole('button', { name: `Delete ${url}`, exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete subscription' }).click();
    await expect(confirm).toBeHidden();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Deleted ${url}`)).toBeVisible();
    await expect(rowFor(page, url)).toHaveCount(0);

    await expect
      .poll(async () =>
        (await linq.webhookSubscriptions.list()).subscriptions.some((subscription) => subscription.id === id),
      )
      .toBe(false);
    await expect(linq.webhookSubscriptions.retrieve(id)).rejects.toMatchObject({ status: 404 });

    await page.reload();
    await expect(page.getByRole('heading', { name: 'No subscriptions match this view' })).toBeVisible();
  });

  test('after a delete from the drawer, focus is on the Edit button of the row that took its place', async ({
    page,
    linq,
  }) => {
    const host = new URL(uniqueUrl('neighbours')).host;
    const first = await createSubscription(linq, 'neighbours', { url: `https://${host}/a` });
    const second = await createSubscription(linq, 'neighbours', { url: `https://${host}/b` });
    await page.goto(`/?q=${encodeURIComponent(host)}`);
    await expect(rowFor(page, second.url)).toBeVisible();
    const dialog = await openDrawer(page, first.url);

    await dialog.getByRole('button', { name: `Delete ${first.url}`, exact: true }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete this subscription?' })
      .getByRole('button', { name: 'Delete subscription' })
      .click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: `Edit ${second.url}`, exact: true })).toBeFocused();
  });

  test('a drawer opened on a subscription deleted elsewhere says so and offers Close', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'gone');
    await openTableAt(page, url);
    await linq.webhookSubscriptions.delete(id);

    await page.getByRole('button', { name: `Edit ${url}`, exact: true }).click();
    const dialog = editDrawer(page);
    await expect(dialog.getByText('This subscription no longer exists.')).toBeVisible();
    // The row leaves the table at once.
    await expect(rowFor(page, url)).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(dialog).toBeHidden();
  });
});

test('with the signing secret on screen, leaving the page asks first', async ({ page }) => {
  const dialog = await startCreate(page, uniqueUrl('leave'));
  await dialog.getByRole('button', { name: 'Create subscription' }).click();
  const created = page.getByRole('dialog', { name: 'Subscription created' });
  // Focus goes to the secret, selected, ready to copy.
  await expect(created.getByRole('textbox', { name: 'Signing secret' })).toBeFocused();

  const asked = new Promise<string>((resolve) => {
    page.once('dialog', async (prompt) => {
      resolve(prompt.type());
      await prompt.dismiss();
    });
  });
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  // Dismissed: the page and the secret are still there.
  expect(page.isClosed()).toBe(false);
  await expect(created).toBeVisible();
});
