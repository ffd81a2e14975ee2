import { test, expect, expectAccessible, snapshot } from './fixtures';
import {
  activeStates,
  bulkBar as bar,
  createMany,
  createSubscription,
  editDrawer,
  rowFor,
  rowHandle,
  selectAllMatching,
  tabUntil,
  uniqueUrl,
} from './helpers';

/** Incident-scale operations: select many, act once, survive Linq's rate limits. */

test('select by search, turn off in bulk under a rate limit, every 429 waited out, then Undo', async ({
  page,
  linq,
  faults,
}) => {
  const tag = `bulk-off-${Date.now()}`;
  const created = await createMany(linq, tag, 12);
  const ids = created.map((entry) => entry.id);
  await page.goto(`/?q=${tag}`);
  await expect(page.locator('tbody tr[data-target-url]')).toHaveCount(12);
  await selectAllMatching(page, 12);
  await expectAccessible(page, 'the selection toolbar');

  // Five requests a second: twelve writes must meet Linq's 429 and wait it out.
  await faults.set({ rate_limit: 5 });
  await bar(page).getByRole('button', { name: 'Turn off' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Turn off 12 subscriptions to ${tag}.example.com?` });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, 'the bulk confirmation');
  await confirm.getByRole('button', { name: 'Turn off 12 subscriptions' }).click();

  const progress = bar(page).getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuemax', '12');
  await snapshot(page, 'bulk-running');
  await expect(bar(page)).toContainText('Finished: 12 done · 0 failed', { timeout: 30_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', '12');
  await faults.clear();
  expect(await activeStates(linq, ids)).toEqual(Array(12).fill(false));
  // Each row says how it went.
  await expect(rowFor(page, created[0]!.url)).toContainText('Done');

  await bar(page).getByRole('button', { name: 'Undo' }).click();
  await expect(bar(page)).toContainText('Undo: Turn off 12 subscriptions');
  await expect(bar(page)).toContainText('Finished: 12 done', { timeout: 30_000 });
  expect(await activeStates(linq, ids)).toEqual(Array(12).fill(true));
  await bar(page).getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Escape');
  await expect(bar(page)).toBeHidden();
});

test('a partial failure reports each item, and Retry failed writes exactly the failed ones', async ({
  page,
  linq,
  faults,
}) => {
  const tag = `bulk-partial-${Date.now()}`;
  const created = await createMany(linq, tag, 10, ['message.sent']);
  await page.goto(`/?q=${tag}`);
  await selectAllMatching(page, 10);
  await bar(page).getByRole('button', { name: 'Add event types…' }).click();
  const picker = page.getByRole('dialog', { name: 'Add event types to 10 subscriptions' });
  await picker.getByRole('checkbox', { name: 'Message failed message.failed' }).click();
  await expectAccessible(page, 'the event type picker');
  await picker.getByRole('button', { name: 'Continue' }).click();

  // Linq refuses the writes to three of them, every time.
  const failing = created.slice(0, 3).map((entry) => entry.id);
  await faults.set({ failing_ids: failing });
  await page
    .getByRole('alertdialog', { name: /^Add message\.failed to 10 subscriptions/ })
    .getByRole('button', { name: 'Change 10 subscriptions' })
    .click();
  await expect(bar(page)).toContainText('Finished: 7 done · 3 failed', { timeout: 30_000 });
  await expect(page.locator('[data-bulk-state="failed"]')).toHaveCount(3);
  await expect(rowFor(page, created[0]!.url)).toContainText('Failed: Internal server error');
  await bar(page).getByText('3 failed: see why').click();
  await expect(bar(page)).toContainText(`${created[0]!.url}: Internal server error`);
  await faults.clear();

  await bar(page).getByRole('button', { name: 'Retry failed (3)' }).click();
  // The same job, its failed items sent again: all ten done now.
  await expect(bar(page)).toContainText('Finished: 10 done · 0 failed', { timeout: 30_000 });
  const { subscriptions } = await linq.webhookSubscriptions.list();
  for (const { id } of created) {
    expect(subscriptions.find((entry) => entry.id === id)?.subscribed_events.sort()).toEqual([
      'message.failed',
      'message.sent',
    ]);
  }
});

test('Delete in bulk says it cannot be undone, and deletes exactly the selection', async ({ page, linq }) => {
  const tag = `bulk-delete-${Date.now()}`;
  const created = await createMany(linq, tag, 3);
  const keep = await createSubscription(linq, `${tag}-keep`);
  await page.goto(`/?q=${tag}.example.com`);
  await selectAllMatching(page, 3);
  await bar(page).getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('This cannot be undone');
  await confirm.getByRole('button', { name: 'Delete 3 subscriptions' }).click();
  await expect(bar(page)).toContainText('Finished: 3 done', { timeout: 30_000 });
  await expect(bar(page).getByRole('button', { name: 'Undo' })).toHaveCount(0);
  const { subscriptions } = await linq.webhookSubscriptions.list();
  const left = new Set(subscriptions.map((entry) => entry.id));
  expect(created.map((entry) => left.has(entry.id))).toEqual([false, false, false]);
  expect(left.has(keep.id)).toBe(true);
});

test('keyboard only: x selects rows, and the bulk action is confirmed from the keyboard', async ({ page, linq }) => {
  const tag = `bulk-keys-${Date.now()}`;
  const created = await createMany(linq, tag, 3);
  await page.goto(`/?q=${tag}`);
  await expect(page.locator('tbody tr[data-target-url]')).toHaveCount(3);
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  await expect(rowHandle(page, created[0]!.url)).toBeFocused();
  await page.keyboard.press('x');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('x');
  await expect(bar(page)).toContainText('2 selected');
  await expect(page.getByRole('checkbox', { name: `Select ${created[1]!.url}` })).toBeChecked();

  const turnOff = bar(page).getByRole('button', { name: 'Turn off' });
  await tabUntil(page, turnOff);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog');
  // Focus starts on the safe choice; the action is one Tab away.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(bar(page)).toContainText('Finished: 2 done', { timeout: 30_000 });
  expect(
    await activeStates(
      linq,
      created.map((entry) => entry.id),
    ),
  ).toEqual([false, false, true]);

  // Escape empties the selection once the bar is closed.
  await bar(page).getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Escape');
  await expect(bar(page)).toBeHidden();
});

test('Duplicate opens a create form with the events and phone filter, the URL to change', async ({ page, linq }) => {
  const source = await createSubscription(linq, 'duplicate-source', {
    events: ['message.received', 'reaction.added'],
    phones: ['+14155550123'],
  });
  await page.goto(`/?q=${encodeURIComponent(new URL(source.url).host)}`);
  await rowFor(page, source.url)
    .getByRole('button', { name: `Duplicate ${source.url}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Duplicate subscription' });
  await expect(dialog.getByRole('textbox', { name: 'Target URL' })).toHaveValue(source.url);
  await expect(dialog).toContainText('change the target URL');
  await expect(dialog.getByRole('checkbox', { name: 'Reaction added reaction.added' })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Remove +1 415 555 0123' })).toBeVisible();

  const copy = uniqueUrl('duplicate-copy');
  await dialog.getByRole('textbox', { name: 'Target URL' }).fill(copy);
  await dialog.getByRole('button', { name: 'Create subscription' }).click();
  await expect(page.getByRole('dialog', { name: 'Subscription created' })).toBeVisible();
  const { subscriptions } = await linq.webhookSubscriptions.list();
  const made = subscriptions.find((entry) => entry.target_url === copy);
  expect(made?.subscribed_events.sort()).toEqual(['message.received', 'reaction.added']);
  expect(made?.phone_numbers).toEqual(['+14155550123']);
});

test('a create whose URL is in use (409) links to the subscription that has it', async ({ page, linq }) => {
  const taken = await createSubscription(linq, 'taken-409');
  await page.goto('/');
  await page.getByRole('button', { name: 'New subscription' }).click();
  const dialog = page.getByRole('dialog', { name: 'New subscription' });
  await dialog.getByRole('textbox', { name: 'Target URL' }).fill(taken.url);
  await dialog.getByRole('checkbox', { name: 'Message sent message.sent' }).click();
  await dialog.getByRole('button', { name: 'Create subscription' }).click();
  await expect(dialog).toContainText('already exists');
  await dialog.getByRole('button', { name: 'Open the subscription that has this URL' }).click();
  // It had unsaved work: the console asks first.
  await page
    .getByRole('alertdialog', { name: 'Discard unsaved changes?' })
    .getByRole('button', { name: 'Discard changes' })
    .click();
  const edit = editDrawer(page);
  await expect(edit.getByRole('textbox', { name: 'Target URL' })).toHaveValue(taken.url);
  await expect(page).toHaveURL(new RegExp(`edit=${taken.id}`));
});
