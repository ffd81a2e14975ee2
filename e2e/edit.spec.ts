import { test, expect, snapshot } from './fixtures';
import {
  SEEDED,
  createSubscription,
  editDrawer,
  eventBox,
  openDrawer,
  openTableAt,
  rowFor,
  seededId,
  sorted,
  uniqueUrl,
  cellOf,
} from './helpers';

const retrieveEvents = (linq: Parameters<typeof createSubscription>[0], id: string) => async () =>
  sorted((await linq.webhookSubscriptions.retrieve(id)).subscribed_events);

test.describe('editing event types', () => {
  test('ticking one more type and saving', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'edit-one', { events: ['message.sent'] });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    await snapshot(page, 'drawer');

    await expect(eventBox(dialog, 'message.sent')).toBeChecked();
    await expect(dialog.getByText('1 of 18 selected')).toBeVisible();
    await eventBox(dialog, 'message.received').click();
    await expect(eventBox(dialog, 'message.received')).toBeChecked();
    await expect(dialog.getByText('2 of 18 selected')).toBeVisible();

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Saved ${url}`)).toBeVisible();
    await expect(cellOf(rowFor(page, url), 'events')).toContainText('message.received');

    await expect.poll(retrieveEvents(linq, id)).toEqual(['message.received', 'message.sent']);
  });

  test('ticking a whole group and saving', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'edit-group', { events: ['message.sent'] });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);

    const group = dialog.getByRole('checkbox', { name: 'All Reactions events (reaction.*)' });
    await expect(group).not.toBeChecked();
    await group.click();
    await expect(group).toBeChecked();
    await expect(eventBox(dialog, 'reaction.added')).toBeChecked();
    await expect(eventBox(dialog, 'reaction.removed')).toBeChecked();

    // A partly ticked group is "mixed"; ticking it selects the rest of the group.
    const messages = dialog.getByRole('checkbox', { name: 'All Messages events (message.*)' });
    await expect(messages).toHaveAttribute('aria-checked', 'mixed');
    await messages.click();
    await expect(messages).toBeChecked();
    await expect(eventBox(dialog, 'message.edited')).toBeChecked();

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();

    await expect
      .poll(retrieveEvents(linq, id))
      .toEqual(
        sorted([
          'message.sent',
          'message.received',
          'message.read',
          'message.delivered',
          'message.failed',
          'message.edited',
          'reaction.added',
          'reaction.removed',
        ]),
      );
  });

  test('clearing all, then picking one, and saving', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'edit-clear', {
      events: ['message.sent', 'message.received', 'reaction.added', 'chat.created'],
    });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);

    await dialog.getByRole('button', { name: 'Clear all' }).click();
    await expect(dialog.getByText('0 of 18 selected')).toBeVisible();
    await expect(dialog.getByText('Choose at least one event type.', { exact: true })).toBeVisible();
    // The footer says what stops Save, beside the button.
    await expect(dialog.getByText('To save: Choose at least one event type.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Save changes' })).toBeDisabled();

    await eventBox(dialog, 'participant.added').click();
    await expect(dialog.getByText('Choose at least one event type.', { exact: true })).toBeHidden();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(cellOf(rowFor(page, url), 'events')).toHaveText('participant.added');

    await expect.poll(retrieveEvents(linq, id)).toEqual(['participant.added']);
  });

  test('Select all picks every catalog type', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'edit-all', { events: ['message.sent'] });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    await dialog.getByRole('button', { name: 'Select all' }).click();
    await expect(dialog.getByText('18 of 18 selected')).toBeVisible();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(rowFor(page, url)).toContainText('All 18 catalog events');

    const catalog = await linq.webhookEvents.list();
    await expect.poll(retrieveEvents(linq, id)).toEqual(sorted(catalog.events));
  });
});

test.describe('types the catalog does not list', () => {
  test('the seeded voice.contoso.dev subscription shows its call.* types ticked and marked', async ({ page, linq }) => {
    const id = await seededId(linq, SEEDED.contoso);
    const catalog = await linq.webhookEvents.list();
    expect(catalog.events.some((type) => type.startsWith('call.'))).toBe(false);

    await page.goto(`/?edit=${id}`);
    const dialog = editDrawer(page);
    await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(SEEDED.contoso);
    for (const type of ['call.initiated', 'call.answered', 'call.ended', 'call.failed']) {
      const box = eventBox(dialog, type);
      await expect(box).toBeChecked();
      await expect(box).toHaveAccessibleName(/not in catalog/);
    }
    await expect(dialog.getByRole('checkbox', { name: 'All Calls events (call.*)' })).toBeChecked();
  });

  test('call.* types survive an edit of another field', async ({ page, linq }) => {
    // The same shape as the seeded voice.contoso.dev subscription, but this test's own.
    const seeded = await linq.webhookSubscriptions.retrieve(await seededId(linq, SEEDED.contoso));
    const { id, url } = await createSubscription(linq, 'calls', {
      events: seeded.subscribed_events,
      phones: seeded.phone_numbers ?? undefined,
    });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);

    // Change the URL and tick a catalog type: the call.* types go along untouched.
    const newUrl = uniqueUrl('calls-moved');
    await dialog.getByRole('textbox', { name: 'Target URL' }).fill(newUrl);
    await eventBox(dialog, 'message.received').click();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();

    await expect.poll(async () => (await linq.webhookSubscriptions.retrieve(id)).target_url).toBe(newUrl);
    const stored = await linq.webhookSubscriptions.retrieve(id);
    expect(sorted(stored.subscribed_events)).toEqual(sorted([...seeded.subscribed_events, 'message.received']));
    expect(sorted(stored.phone_numbers)).toEqual(sorted(seeded.phone_numbers));

    // And the page shows them again after a reload.
    await openTableAt(page, newUrl);
    const reopened = await openDrawer(page, newUrl);
    await expect(eventBox(reopened, 'call.ended')).toBeChecked();
  });

  test('only the phone filter changes when only the phone filter is edited', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'calls-phones', {
      events: ['call.initiated', 'call.ended', 'message.sent'],
      phones: ['+14155550123'],
    });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    await dialog.getByRole('button', { name: 'Add +1 212 555 0188 to the filter' }).click();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();

    await expect
      .poll(async () => sorted((await linq.webhookSubscriptions.retrieve(id)).phone_numbers))
      .toEqual(['+12125550188', '+14155550123']);
    expect(sorted((await linq.webhookSubscriptions.retrieve(id)).subscribed_events)).toEqual([
      'call.ended',
      'call.initiated',
      'message.sent',
    ]);
  });
});

test.describe('message.edited needs ?version=2026-02-03', () => {
  test('the seeded crm.initech.com subscription is warned about, and the fix button fixes the URL', async ({
    page,
    linq,
  }) => {
    const id = await seededId(linq, SEEDED.initech);
    await page.goto(`/?edit=${id}`);
    const dialog = editDrawer(page);
    const targetUrl = dialog.getByRole('textbox', { name: 'Target URL' });
    await expect(targetUrl).toHaveValue(SEEDED.initech);

    const warning = dialog.getByRole('status').filter({ hasText: 'message.edited is never delivered' });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('this URL has no version');
    await snapshot(page, 'message-edited-warning');

    await warning.getByRole('button', { name: 'Add ?version=2026-02-03 to the URL' }).click();
    await expect(targetUrl).toHaveValue(`${SEEDED.initech}?version=2026-02-03`);
    await expect(warning).toBeHidden();

    // Leave the seeded subscription as it was: discard the change.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await expect(discard).toBeVisible();
    await discard.getByRole('button', { name: 'Discard changes' }).click();
    await expect(dialog).toBeHidden();
    expect((await linq.webhookSubscriptions.retrieve(id)).target_url).toBe(SEEDED.initech);
  });

  test('fixing the URL and saving stores the versioned URL', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'edited', { events: ['message.received', 'message.edited'] });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);

    const warning = dialog.getByRole('status').filter({ hasText: 'message.edited is never delivered' });
    await expect(warning).toBeVisible();
    await warning.getByRole('button', { name: 'Add ?version=2026-02-03 to the URL' }).click();
    await expect(warning).toBeHidden();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();

    await expect
      .poll(async () => (await linq.webhookSubscriptions.retrieve(id)).target_url)
      .toBe(`${url}?version=2026-02-03`);
  });

  test('ticking message.edited on an unversioned URL raises the warning; unticking clears it', async ({
    page,
    linq,
  }) => {
    const { url } = await createSubscription(linq, 'edited-tick', { events: ['message.sent'] });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    const warning = dialog.getByText('message.edited is never delivered');
    await expect(warning).toBeHidden();
    await eventBox(dialog, 'message.edited').click();
    await expect(warning).toBeVisible();
    await eventBox(dialog, 'message.edited').click();
    await expect(warning).toBeHidden();
  });
});

test.describe('conflicting changes', () => {
  test('a change made through the API while the drawer is open is detected on save; Overwrite with mine saves what the form shows', async ({
    page,
    linq,
  }) => {
    const { id, url } = await createSubscription(linq, 'conflict', { events: ['message.sent'] });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    await eventBox(dialog, 'message.read').click();

    // Someone else changes it meanwhile.
    await linq.webhookSubscriptions.update(id, { phone_numbers: ['+12125550188'] });

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const conflict = dialog
      .getByRole('alert')
      .filter({ hasText: 'This subscription was changed elsewhere since you opened it.' });
    await expect(conflict).toBeVisible();
    await conflict.scrollIntoViewIfNeeded();
    await snapshot(page, 'error-conflict');
    // Nothing was written yet.
    expect(sorted((await linq.webhookSubscriptions.retrieve(id)).subscribed_events)).toEqual(['message.sent']);
    await expect(eventBox(dialog, 'message.read')).toBeChecked();

    await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
    await expect(dialog).toBeHidden();

    // The server ends as the form showed it: my events, and no phone filter (theirs is overwritten).
    await expect.poll(retrieveEvents(linq, id)).toEqual(['message.read', 'message.sent']);
    expect((await linq.webhookSubscriptions.retrieve(id)).phone_numbers ?? []).toEqual([]);
  });

  test('Reload their version replaces my edits with the server copy', async ({ page, linq }) => {
    const { id, url } = await createSubscription(linq, 'conflict-reload', { events: ['message.sent'] });
    await openTableAt(page, url);
    const dialog = await openDrawer(page, url);
    await eventBox(dialog, 'message.read').click();

    await linq.webhookSubscriptions.update(id, {
      subscribed_events: ['message.sent', 'chat.created'],
      phone_numbers: ['+12125550188'],
    });

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const conflict = dialog
      .getByRole('alert')
      .filter({ hasText: 'This subscription was changed elsewhere since you opened it.' });
    await expect(conflict).toBeVisible();
    await conflict.getByRole('button', { name: 'Reload their version' }).click();

    await expect(conflict).toBeHidden();
    await expect(eventBox(dialog, 'message.read')).not.toBeChecked();
    await expect(eventBox(dialog, 'chat.created')).toBeChecked();
    await expect(dialog.getByRole('list', { name: 'Phone numbers in the filter' })).toContainText('+1 212 555 0188');
    await expect(dialog.getByRole('button', { name: 'Save changes' })).toBeDisabled();

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(sorted((await linq.webhookSubscriptions.retrieve(id)).subscribed_events)).toEqual([
      'chat.created',
      'message.sent',
    ]);
  });
});
