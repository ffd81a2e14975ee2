import { test, expect, snapshot } from './fixtures';
import { activeSwitch, bulkBar, createMany } from './helpers';
import type { Locator, Page } from '@playwright/test';

/** Feedback never covers what it is about: one toast stack that covers no control, and lets clicks through. */

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(locator: Locator): Promise<Box[]> {
  const found: Box[] = [];
  for (const element of await locator.all()) {
    const box = await element.boundingBox();
    if (box && box.width > 0 && box.height > 0) found.push(box);
  }
  return found;
}

/** The controls outside the table: header, search and filters, and the bulk bar. */
const pageControls = (page: Page) =>
  page
    .locator(
      'header, [role="search"], [role="group"][aria-label="Filters"], [role="region"][aria-label="Selection and bulk actions"]',
    )
    .locator('button, select, input, [role="radio"]');

for (const width of [1024, 1440]) {
  test(`at ${width} px the toasts cover no header, filter or bulk control, and a click beneath one goes through`, async ({
    page,
    linq,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const tag = `feedback-${width}-${Date.now()}`;
    const created = await createMany(linq, tag, 14);
    await page.goto(`/?q=${tag}`);
    await page.getByRole('button', { name: 'Select all 14 matching' }).first().click();
    await expect(bulkBar(page)).toContainText('14 selected');

    // Two notices at once: each toggle's "Turned off …" with its Undo.
    for (const entry of created.slice(0, 2)) await activeSwitch(page, entry.url).click();
    const toasts = page.getByRole('listitem').filter({ hasText: /^Turned off/ });
    await expect(toasts).toHaveCount(2);
    await page.waitForTimeout(500); // the stack's entrance animation settles
    await snapshot(page, `toasts-${width}`);

    const toastBoxes = await boxes(page.locator('[data-sonner-toast]'));
    expect(toastBoxes.length).toBeGreaterThan(0);
    const controls = await boxes(pageControls(page));
    expect(controls.length).toBeGreaterThan(10);
    for (const control of controls) for (const toast of toastBoxes) expect(overlaps(control, toast)).toBe(false);

    // A row's checkbox under a toast still takes the click.
    const checkboxes = page.getByRole('checkbox', { name: new RegExp(`^Select https://${tag}`) });
    let beneath: Locator | undefined;
    for (const checkbox of await checkboxes.all()) {
      const box = await checkbox.boundingBox();
      if (box && toastBoxes.some((toast) => overlaps(box, toast))) beneath = checkbox;
    }
    test.skip(beneath === undefined, `no row checkbox lies under a toast at ${width} px`);
    const box = (await beneath!.boundingBox())!;
    await expect(beneath!).toBeChecked();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(beneath!).not.toBeChecked();
    await expect(bulkBar(page)).toContainText('13 selected');
  });
}
