import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

const catalog = {
  TENT: { name: { en: 'Tent', de: 'Zelt' }, price: { USD: 249, EUR: 229 }, crossSell: ['MAT', 'LAMP'] },
  MAT: { name: { en: 'Mat', de: 'Matte' }, price: { USD: 59, EUR: 55 } },
  LAMP: { name: { en: 'Lamp' }, price: { USD: 29 } },
};
const listen = "window.seen = []; ['exposure','impression','dismiss','click','conversion'].forEach(function (n) { segmint('on', n, function (p) { seen.push(Object.assign({ event: n }, p)); }); });";
const seen = (page: import('@playwright/test').Page) => page.evaluate(() => (window as any).seen);

test.describe('copy-coupon', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copies the coupon, says so visibly, and records the click', async ({ page }) => {
    const campaign = makeCampaign('coupon', {
      offer: { coupon: 'CAMP10' },
      cta: { action: 'copy-coupon' },
      content: { en: { title: 'Ten percent off', body: 'Use {coupon} at checkout.', cta: 'Copy code' } },
    });
    await openTestPage(page, { config: makeConfig([campaign]), before: listen });
    await expect(dialog(page)).toContainText('Use CAMP10 at checkout.');
    await dialog(page).getByRole('button', { name: 'Copy code' }).click();
    await expect(dialog(page).getByRole('status')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('CAMP10');
    expect((await seen(page)).map((e: { event: string }) => e.event)).toEqual(['exposure', 'impression', 'click']);
  });
});

test('add-to-cart asks the shop with a segmint:add-to-cart event carrying the offered products', async ({ page }) => {
  const campaign = makeCampaign('cross', {
    offer: { from: 'crossSell', of: 'current' },
    cta: { action: 'add-to-cart' },
    content: { en: { title: 'Goes with the {product}', cta: 'Add them' } },
  });
  await openTestPage(page, {
    config: makeConfig([campaign], { catalog }),
    before: listen + " window.asked = []; addEventListener('segmint:add-to-cart', function (e) { asked.push(e.detail); }); segmint('track', 'view_item', { id: 'TENT' });",
  });
  await expect(dialog(page).getByRole('heading')).toHaveText('Goes with the Tent');
  await expect(dialog(page).locator('.sm-product')).toHaveText(['Mat$59.00', 'Lamp$29.00']);
  await dialog(page).getByRole('button', { name: 'Add them' }).click();
  expect(await page.evaluate(() => (window as any).asked)).toEqual([{ products: ['MAT', 'LAMP'], campaign: 'cross', variant: 'default' }]);
  await expect(dialog(page)).toHaveCount(0);
});

test('an offer with nothing left to offer does not show, and says why', async ({ page }) => {
  const campaign = makeCampaign('cross', { offer: { from: 'crossSell', of: 'current' }, content: { en: { title: 'x' } } });
  await openTestPage(page, {
    config: makeConfig([campaign], { catalog }),
    before: "segmint('track', 'view_item', { id: 'TENT' }); segmint('track', 'add_to_cart', { id: 'MAT' }); segmint('track', 'add_to_cart', { id: 'LAMP' });",
  });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(300);
  await expect(dialog(page)).toHaveCount(0);
  expect((await page.evaluate(() => (window as any).segmint.explain())).campaigns[0].reason).toBe('offer');
});

test('a purchase within attributionHours of a click is that campaign\'s conversion, with its revenue', async ({ page }) => {
  const campaign = makeCampaign('promo', { cta: { action: 'dismiss' }, content: { en: { title: 'Deal', cta: 'Got it' } } });
  await openTestPage(page, { config: makeConfig([campaign]), before: listen });
  await dialog(page).getByRole('button', { name: 'Got it' }).click();
  await page.evaluate(() => (window as any).segmint.track('purchase', { value: 120, currency: 'EUR', transactionId: 'T-1' }));
  await page.evaluate(() => (window as any).segmint.track('purchase', { value: 120, currency: 'EUR', transactionId: 'T-1' }));
  await expect.poll(async () => (await seen(page)).filter((e: { event: string }) => e.event === 'conversion')).toEqual([
    { event: 'conversion', campaign: 'promo', variant: 'default', locale: 'en', segments: [], value: 120, currency: 'EUR', transactionId: 'T-1' },
  ]);
  const profile = await page.evaluate(() => (window as any).segmint.profile());
  expect(profile.purchases).toBe(1);
  expect(profile.campaigns.promo.convertedAt).toBeGreaterThan(0);
});

test('a synthetic click on the call to action records no click', async ({ page }) => {
  const campaign = makeCampaign('promo', { cta: { action: 'dismiss' }, content: { en: { title: 'Deal', cta: 'Got it' } } });
  await openTestPage(page, { config: makeConfig([campaign]), before: listen });
  await expect(dialog(page)).toBeVisible();
  await page.evaluate(() => (document.querySelector('segmint-root')!.shadowRoot!.querySelector('.sm-cta') as HTMLElement).click());
  await page.waitForTimeout(200);
  await expect(dialog(page)).toBeVisible();
  expect((await seen(page)).map((e: { event: string }) => e.event)).toEqual(['exposure', 'impression']);
});

test('show() previews any campaign in a chosen variant and locale, bypassing audience and caps', async ({ page }) => {
  const campaign = makeCampaign('hidden', {
    audience: { 'traits.tier': 'platinum' },
    variants: [{ id: 'a' }, { id: 'b', content: { de: { title: 'Variante B' } } }],
  });
  await openTestPage(page, { config: makeConfig([campaign]), before: listen });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await expect(dialog(page)).toHaveCount(0);
  await page.evaluate(() => (window as any).segmint.show('hidden', { variant: 'b', locale: 'de' }));
  await expect(dialog(page)).toHaveAttribute('data-variant', 'b');
  await expect(dialog(page).getByRole('heading')).toHaveText('Variante B');
  // A preview is not an impression: it counts toward nothing.
  expect(await seen(page)).toEqual([]);
});

test('a held-out visitor sees nothing but is counted as exposed, in the locale they would have seen', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([makeCampaign('held', { holdout: 100 })]), before: listen, attributes: 'data-locale="de-AT"' });
  await expect.poll(() => seen(page)).toEqual([{ event: 'exposure', campaign: 'held', variant: 'holdout', locale: 'de', segments: [] }]);
  await expect(dialog(page)).toHaveCount(0);
});
