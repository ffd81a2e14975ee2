import { test, expect, expectAccessible } from './fixtures';
import { activeStates, bulkBar as bar, createMany, rowFor, selectAllMatching } from './helpers';

/** A bulk action is a job on the console server: it outlives the tab that started it. */

test('a job goes on through a reload, shows in a second browser, and is undone from Activity', async ({
  page,
  browser,
  linq,
  faults,
}) => {
  // A job paced to last long enough to reload and open a second browser while it runs.
  test.setTimeout(90_000);
  const tag = `bulk-job-${Date.now()}`;
  const count = 16;
  const created = await createMany(linq, tag, count);
  const ids = created.map((entry) => entry.id);
  const label = `Turn off ${count} subscriptions to ${tag}.example.com`;
  await page.goto(`/?q=${tag}`);
  await selectAllMatching(page, count);

  // Two requests a second (each write is two: the journal reads first): about sixteen seconds of work,
  // time enough for a reload and a second browser on a busy machine.
  await faults.set({ rate_limit: 2 });
  await bar(page).getByRole('button', { name: 'Turn off' }).click();
  await page
    .getByRole('alertdialog', { name: `${label}?` })
    .getByRole('button', { name: `Turn off ${count} subscriptions` })
    .click();
  await expect(bar(page)).toContainText(/[1-9]\d* done · 0 failed/, { timeout: 15_000 });
  // Every row of the job says where it stands, from the server's state.
  await expect(page.locator('[data-bulk-state="queued"]').first()).toBeVisible();
  await expect(rowFor(page, created[0]!.url)).toContainText('Done');

  await page.reload();
  await expect(bar(page)).toContainText(label);
  await expect(bar(page).getByRole('button', { name: `Stop: ${label}` })).toBeVisible();

  // Another browser (its own cookies and storage) opened meanwhile shows the same job.
  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await second.goto(`/?q=${tag}`);
    await expect(bar(second)).toContainText(label);
    await expect(bar(second).getByRole('progressbar')).toHaveAttribute('aria-valuemax', String(count));
    await expectAccessible(page, 'a job shown after a reload');
    await expect(bar(page)).toContainText(`Finished: ${count} done · 0 failed`, { timeout: 45_000 });
    await expect(bar(second)).toContainText(`Finished: ${count} done · 0 failed`, { timeout: 10_000 });
  } finally {
    await other.close();
  }
  await faults.clear();
  expect(await activeStates(linq, ids)).toEqual(Array(count).fill(false));

  // Activity: the job is one entry with its true totals, and its Undo is there after the bar is gone.
  await bar(page).getByRole('button', { name: 'Close' }).click();
  await page.goto('/activity');
  const controls = page.getByRole('group', { name: `Controls of ${label}` });
  await expect(page.getByText(`${count} ok`).first()).toBeVisible();
  await controls.getByRole('button', { name: `Undo: ${label}` }).click();
  await expect.poll(() => activeStates(linq, ids), { timeout: 30_000 }).toEqual(Array(count).fill(true));
});

test('Stop leaves the rest unsent, and Resume sends exactly those', async ({ page, linq, faults }) => {
  const tag = `bulk-stop-${Date.now()}`;
  const count = 12;
  const created = await createMany(linq, tag, count);
  const ids = created.map((entry) => entry.id);
  await page.goto(`/?q=${tag}`);
  await selectAllMatching(page, count);
  await faults.set({ rate_limit: 4 });
  await bar(page).getByRole('button', { name: 'Turn off' }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: `Turn off ${count} subscriptions` })
    .click();
  await expect(bar(page)).toContainText(/[1-9]\d* done/, { timeout: 15_000 });
  await bar(page).getByRole('button', { name: /^Stop/ }).click();
  await expect(bar(page)).toContainText(/Stopped: \d+ done · 0 failed · [1-9]\d* not sent/, { timeout: 15_000 });
  const text = await bar(page).innerText();
  const done = Number(/(\d+) done/.exec(text)?.[1]);
  const notSent = Number(/(\d+) not sent/.exec(text)?.[1]);
  expect(done + notSent).toBe(count);
  // Exactly the done ones were changed; the rest wait, each row saying so.
  expect((await activeStates(linq, ids)).filter((active) => !active)).toHaveLength(done);
  await expect(page.locator('[data-bulk-state="not_sent"]')).toHaveCount(notSent);

  await faults.clear();
  await bar(page)
    .getByRole('button', { name: new RegExp(`^Resume \\(${notSent} not sent\\)`) })
    .click();
  await expect(bar(page)).toContainText(`Finished: ${count} done · 0 failed`, { timeout: 30_000 });
  expect(await activeStates(linq, ids)).toEqual(Array(count).fill(false));
});
