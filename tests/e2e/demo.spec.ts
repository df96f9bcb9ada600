import { test, expect, dialog } from './fixtures';
import type { Page } from '@playwright/test';

const productViews = (page: Page) => page.evaluate(async () => (await (window as any).segmint.profile()).productViews);

/** Visits a product page and waits until its view is in the profile, as a visitor reading it would. */
async function viewProduct(page: Page, path: string, expectedViews: number): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await expect.poll(() => productViews(page)).toBe(expectedViews);
}

test.describe('the demo storefront, for an Austrian visitor on a phone', () => {
  test.use({ locale: 'de-AT', viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });

  test('gets the German cross-sell with euro prices after two products, and not again once dismissed', async ({ page }) => {
    await page.goto('/');
    await expect(dialog(page).getByRole('heading')).toHaveText('Versandkostenfrei ab 75 €');
    await dialog(page).getByRole('button', { name: 'Verstanden' }).click();

    // The tent page is tagged for GTM only: its view comes through the dataLayer.
    await viewProduct(page, '/products/trail-tent-2p', 1);
    await expect(dialog(page)).toHaveCount(0);
    await viewProduct(page, '/products/sleeping-mat', 2);
    const crossSell = page.getByRole('dialog', { name: 'Komplettiere deine Ausrüstung' });
    await expect(crossSell).toHaveAttribute('data-campaign', 'gear-cross-sell');
    await expect(crossSell).toContainText('Zu Isolierte Isomatte packen andere Camper auch das ein.');
    await expect(crossSell.locator('.sm-product')).toHaveText(['Campinglampe€\u00a027,00', 'Trekkingzelt 2P€\u00a0229,00']);
    await crossSell.getByRole('button', { name: 'Nein danke' }).click();
    await expect(dialog(page)).toHaveCount(0);
    // Stored before the reload, as it is for a visitor who reads on for a moment: a navigation in
    // the very same instant would abort the IndexedDB transaction.
    await expect.poll(() => page.evaluate(async () => (await (window as any).segmint.profile()).campaigns['gear-cross-sell']?.dismissedAt)).toBeGreaterThan(0);

    await page.reload();
    await page.waitForFunction(() => (window as any).segmint?.explain);
    await page.waitForTimeout(2500);
    await expect(dialog(page)).toHaveCount(0);
    const trace = await page.evaluate(() => (window as any).segmint.explain());
    expect(trace.campaigns.find((c: { id: string }) => c.id === 'gear-cross-sell').reason).toBe('frequency.afterDismissHours');
  });
});

test.describe('the demo storefront, for an American visitor on a desktop', () => {
  test.use({ locale: 'en-US', viewport: { width: 1280, height: 800 } });

  test('gets English and dollars, and the add-to-cart button fills the shop cart', async ({ page }) => {
    await viewProduct(page, '/products/camp-lamp', 1);
    await viewProduct(page, '/products/trail-tent-2p', 2);
    const crossSell = page.getByRole('dialog', { name: 'Complete your setup' });
    await expect(crossSell.locator('.sm-product')).toHaveText(['Insulated Sleeping Mat$89.00', 'Camp Lamp$29.00']);
    await crossSell.getByRole('button', { name: 'Add both to cart' }).click();
    // The shop added both, tracked the adds, and the cart cross-sell followed.
    await expect(page.getByRole('dialog', { name: 'Added to your cart' })).toBeVisible();
    await page.getByRole('dialog').getByRole('link', { name: 'View cart' }).click();
    await expect(page.locator('#cart-items')).toContainText('Insulated Sleeping Mat');
    await expect(page.locator('#cart-items')).toContainText('Camp Lamp');
  });

  test('switches to German when the shop passes data-locale from its language picker', async ({ page }) => {
    await page.goto('/');
    await expect(dialog(page).getByRole('heading')).toHaveText('Free shipping over $75');
    await page.locator('#language').selectOption('de-AT');
    await expect(dialog(page).getByRole('heading')).toHaveText('Versandkostenfrei ab 75 €');
    await expect(page.locator('script[src="/dist/segmint.js"]')).toHaveAttribute('data-locale', 'de-AT');
  });

  test('shows the Arabic bar right to left', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'demo-locale', value: 'ar', url: baseURL! }]);
    await page.goto('/');
    await expect(dialog(page)).toHaveAttribute('dir', 'rtl');
  });
});
