import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

const ready = (page: import('@playwright/test').Page) => page.waitForFunction(() => (window as any).segmint?.explain);
const profile = (page: import('@playwright/test').Page) => page.evaluate(() => (window as any).segmint.profile());

test('pushState, replaceState to a new path and popstate are page views; the History API keeps working', async ({ page }) => {
  const config = makeConfig([makeCampaign('checkout-help', { pages: { include: ['/t/checkout'] } })]);
  await openTestPage(page, { config, path: '/t/shop' });
  await ready(page);
  expect((await profile(page)).pageViews).toBe(1);
  await expect(dialog(page)).toHaveCount(0);

  const returned = await page.evaluate(() => {
    const result = history.pushState({ step: 1 }, '', '/t/checkout');
    return { result: result === undefined ? 'undefined' : result, state: history.state };
  });
  expect(returned).toEqual({ result: 'undefined', state: { step: 1 } });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'checkout-help');
  expect((await profile(page)).pageViews).toBe(2);
  const { signals } = await page.evaluate(() => (window as any).segmint.explain());
  expect(signals.path).toBe('/t/checkout');

  await page.evaluate(() => history.replaceState(null, '', '/t/checkout?step=2'));
  await page.waitForTimeout(200);
  expect((await profile(page)).pageViews).toBe(2);

  await page.goBack();
  await expect.poll(async () => (await profile(page)).pageViews).toBe(3);
});

test('GA4 e-commerce events in window.dataLayer are read once each, pushed before or after segmint loads', async ({ page }) => {
  const config = makeConfig([makeCampaign('after-add', { trigger: { on: 'event', event: 'add_to_cart' } })]);
  await openTestPage(page, {
    config,
    before: `window.dataLayer = window.dataLayer || [];
      dataLayer.push({ event: 'view_item', ecommerce: { currency: 'EUR', items: [{ item_id: 'SKU-TENT', item_name: 'Tent', item_category: 'Tents', price: 229 }] } });
      dataLayer.push({ event: 'gtm.js' });`,
  });
  await ready(page);
  await expect.poll(async () => (await profile(page)).productViews).toBe(1);
  await expect(dialog(page)).toHaveCount(0);

  const pushed = await page.evaluate(() => (window as any).dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 55, items: [{ item_id: 'SKU-MAT', price: 55, quantity: 1 }] } }));
  expect(pushed).toBe(3);
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'after-add');
  const after = await profile(page);
  expect(after).toMatchObject({ productViews: 1, cartAdds: 1, cartItems: ['SKU-MAT'], viewedProducts: ['SKU-TENT'], viewedCategories: ['Tents'] });
});
