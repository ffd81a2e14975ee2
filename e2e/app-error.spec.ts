import { test, expect } from './fixtures';
import { SEEDED, editDrawer, openTableAt } from './helpers';

test('a part of the page that fails to load (network drop, or a deploy replaced it) says so and offers Reload', async ({
  page,
}) => {
  // The drawer's chunk cannot be fetched: as if the network dropped, or a new deploy removed it.
  await page.route(/\/assets\/subscription-drawer-[^/]+\.js$/, (route) => route.abort('failed'));
  await openTableAt(page, SEEDED.northwind);
  await page.getByRole('button', { name: `Edit ${SEEDED.northwind}`, exact: true }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'Part of the console could not be loaded' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Reload to get the current version');

  // Reload with the network back: the console works again, and the drawer (its open state is in
  // the URL) opens this time. (The page's heading is no test: the open modal hides it.)
  await page.unroute(/\/assets\/subscription-drawer-[^/]+\.js$/);
  await alert.getByRole('button', { name: 'Reload' }).click();
  const drawer = editDrawer(page);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('textbox', { name: 'Target URL' })).toHaveValue(SEEDED.northwind);
  await expect(page.getByRole('alert').filter({ hasText: 'Part of the console could not be loaded' })).toHaveCount(0);
});
