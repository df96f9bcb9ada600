import { test, expect, dialog } from './fixtures';

test.describe('the demo storefront, for a German visitor', () => {
  test.use({ locale: 'de-DE' });

  test('shows the German campaigns along a shopping trip, and remembers dismissals', async ({ page }) => {
    await page.goto('/');
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'free-shipping-bar');
    await expect(dialog(page).getByRole('heading')).toHaveText('Versandkostenfrei ab 75 €');
    await dialog(page).getByRole('button', { name: 'Verstanden' }).click();

    await page.goto('/products/trail-tent-2p');
    await page.waitForFunction(async () => (await (window as any).segmint.profile?.())?.productViews === 1);
    await page.goto('/products/sleeping-mat');
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'help-choosing');
    await expect(page.getByRole('dialog', { name: 'Unsicher, welches Zelt?' })).toBeVisible();
    await dialog(page).getByRole('button', { name: 'Weiter stöbern' }).click();

    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'cart-cross-sell');
    await dialog(page).getByRole('link', { name: 'Zum Warenkorb' }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.locator('#cart-items')).toContainText('Insulated Sleeping Mat');

    await page.goto('/');
    await page.waitForTimeout(1500);
    await expect(dialog(page)).toHaveCount(0);
  });
});

test.describe('the demo storefront, for an English visitor', () => {
  test.use({ locale: 'en-US' });

  test('shows English copy, and German once the shop passes data-locale from its language picker', async ({ page }) => {
    await page.goto('/');
    await expect(dialog(page).getByRole('heading')).toHaveText('Free shipping over $75');
    await page.locator('#language').selectOption('de-AT');
    await expect(dialog(page).getByRole('heading')).toHaveText('Versandkostenfrei ab 75 €');
    await expect(page.locator('script[src="/dist/segmint.js"]')).toHaveAttribute('data-locale', 'de-AT');
  });

  test('shows the Arabic bar right to left', async ({ page, context }) => {
    await context.addCookies([{ name: 'demo-locale', value: 'ar', url: page.url() === 'about:blank' ? 'http://127.0.0.1/' : page.url() }]);
    await page.goto('/');
    await expect(dialog(page)).toHaveAttribute('dir', 'rtl');
  });
});
