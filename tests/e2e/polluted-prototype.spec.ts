import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

// RELIABILITY §36 (issue 12, defect 1): old libraries add enumerable properties to
// Object.prototype. segmint must start fully on such a page: `ready`, the popup, the dataLayer
// push, the beacon and the GA4 bridge, as on a clean page.

type Win = Window & { segmint: any; dataLayer: any[]; seen: string[]; warnings: string[]; beacons: string[] };

const POLLUTERS: [string, () => void][] = [
  ['a number (Object.prototype.foo = 1)', () => {
    (Object.prototype as any).foo = 1;
  }],
  ['a function and an object (Prototype.js style)', () => {
    (Object.prototype as any).extend = function () { return this; };
    (Object.prototype as any).meta = { split: 1 };
  }],
];

/** Records warnings, `ready`, campaign events, and the page's own sendBeacon calls. */
const LISTEN = `window.seen = []; window.warnings = []; window.beacons = [];
  var warn = console.warn; console.warn = function () { warnings.push([].join.call(arguments, ' ')); return warn.apply(console, arguments); };
  var send = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = function (url, data) { beacons.push(String(url)); return send(url, data); };
  ['ready', 'exposure', 'impression', 'error'].forEach(function (name) { segmint('on', name, function () { seen.push(name); }); });
  window.dataLayer = window.dataLayer || []; dataLayer.push({ event: 'gtm.js' });`;

const win = (page: Page) => page.evaluate(() => {
  const w = window as unknown as Win;
  return { seen: w.seen, warnings: w.warnings, beacons: w.beacons, layer: w.dataLayer.map((e) => e?.event) };
});

for (const [what, pollute] of POLLUTERS) {
  test(`starts fully on a page whose Object.prototype has an enumerable ${what}`, async ({ page }) => {
    await page.addInitScript(pollute);
    const posts: string[] = [];
    await page.route('**/collect', (route) => {
      posts.push(route.request().postData() ?? '');
      return route.fulfill({ status: 204 });
    });
    const config = makeConfig(
      [makeCampaign('after-add', { trigger: { on: 'event', event: 'add_to_cart' }, frequency: { maxImpressions: 1 } })],
      { segments: { shoppers: { cartAdds: { gte: 1 } } }, analytics: { dataLayer: true, beacon: '/collect' } },
    );
    await openTestPage(page, { config, before: LISTEN });
    await expect.poll(async () => (await win(page)).seen).toEqual(['ready']);

    // A GA4 event pushed by the shop's tag manager is read as if tracked, and triggers the campaign.
    await page.evaluate(() => (window as unknown as Win).dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 55, items: [{ item_id: 'SKU-MAT', price: 55, quantity: 1 }] } }));
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'after-add');
    const profile = await page.evaluate(() => (window as unknown as Win).segmint.profile());
    expect(profile).toMatchObject({ cartAdds: 1, cartItems: ['SKU-MAT'] });

    await expect.poll(async () => (await win(page)).layer).toEqual(['gtm.js', 'add_to_cart', 'segmint_exposure', 'segmint_impression']);
    const pushed = await page.evaluate(() => (window as unknown as Win).dataLayer.filter((e) => e.event === 'segmint_impression')[0].segmint);
    expect(pushed).toEqual({ campaign: 'after-add', variant: 'default', locale: 'en', segments: ['shoppers'] });

    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
    await expect.poll(() => posts.length).toBe(1);
    expect(JSON.parse(posts[0]).events.map((e: { event: string }) => e.event)).toEqual(['exposure', 'impression']);
    const state = await win(page);
    expect(state.beacons).toHaveLength(1);
    expect(state.seen).toEqual(['ready', 'exposure', 'impression']);
    expect(state.warnings.filter((w) => w.includes('[segmint]'))).toEqual([]);

    // The frequency cap still holds on the next page.
    await page.reload();
    await expect.poll(async () => (await win(page)).seen).toEqual(['ready']);
    await page.evaluate(() => (window as unknown as Win).segmint.track('add_to_cart', { id: 'SKU-LAMP' }));
    await page.evaluate(() => (window as unknown as Win).segmint.profile());
    await expect(dialog(page)).toHaveCount(0);
    expect((await win(page)).warnings.filter((w) => w.includes('[segmint]'))).toEqual([]);
  });
}
