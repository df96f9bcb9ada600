import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

// Inline placements (SPEC §7 "Inline placements", §8 marks): slots filled in the page flow.

const catalog = {
  TENT: { name: { en: 'Trail Tent 2P' }, price: { USD: 249 }, image: '/img/tent.svg', url: '/t/tent', crossSell: ['MAT', 'LAMP'] },
  MAT: { name: { en: 'Sleeping Mat' }, price: { USD: 59 }, image: '/img/mat.svg', url: '/t/mat' },
  LAMP: { name: { en: 'Camp Lamp' }, price: { USD: 29 }, image: '/img/lamp.svg', url: '/t/lamp' },
};

const strip = (id: string, extra: object = {}) => makeCampaign(id, {
  layout: { type: 'inline', slot: 'pdp-below-price' },
  offer: { products: ['MAT', 'LAMP'] },
  cta: { action: 'add-to-cart' },
  content: { en: { title: `Goes well with it (${id})`, body: 'Campers also pack these.', cta: 'Add both' } },
  ...extra,
});

const FALLBACK = '<p id="fallback">Free shipping over $50</p>';
const slot = (name = 'pdp-below-price', style = 'min-height:240px') => `<div data-segmint-slot="${name}" style="${style}">${FALLBACK}</div>`;
const productPage = (slots = slot()) => `<main><h1>Trail Tent 2P</h1><p class="price">$249</p>${slots}<p id="below">Reviews</p></main>`;

/** The filled region, through the slot's open shadow root. */
const region = (page: Page, name = 'pdp-below-price') => page.locator(`[data-segmint-slot="${name}"] [role="region"]`);
const ready = async (page: Page) => {
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.explain());
};
/** Campaign events as the page's listeners see them. */
const listen = (page: Page) => page.evaluate(() => {
  (window as any).seen = [];
  for (const name of ['decision', 'exposure', 'impression', 'dismiss', 'click']) (window as any).segmint.on(name, (payload: any) => (window as any).seen.push([name, payload.campaign, payload.variant]));
});
const seen = (page: Page): Promise<[string, string, string][]> => page.evaluate(() => (window as any).seen);

test('fills the slot with the highest-priority inline campaign, as a named region with its marks, and no popup', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([strip('low', { priority: 1 }), strip('high', { priority: 5 }), strip('tie', { priority: 5 })], { catalog }), body: productPage() });
  await expect(region(page)).toHaveAttribute('data-campaign', 'high');
  await expect(region(page)).toHaveAttribute('data-variant', 'default');
  await expect(page.getByRole('region', { name: 'Goes well with it (high)' })).toBeVisible();
  await expect(region(page).locator('.sm-name')).toHaveText(['Sleeping Mat', 'Camp Lamp']);
  // The fallback is in the light DOM still, untouched, but not shown.
  await expect(page.locator('#fallback')).toBeHidden();
  expect(await page.locator('[data-segmint-slot]').evaluate((el) => el.innerHTML)).toBe(FALLBACK);
  await expect(dialog(page)).toHaveCount(0);
  expect(await page.locator('segmint-root').count()).toBe(0);
});

test('inline campaigns are not "the one popup": a popup shows beside a filled slot', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([strip('strip'), makeCampaign('welcome')], { catalog, limits: { maxPerSession: 1 } }), body: productPage() });
  await expect(region(page)).toHaveAttribute('data-campaign', 'strip');
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
});

test('shows the host\'s fallback when no campaign qualifies, and destroy() restores a filled slot', async ({ page }) => {
  await openTestPage(page, {
    config: makeConfig([strip('mobile-only', { audience: { device: 'mobile' } }), makeCampaign('other-slot', { layout: { type: 'inline', slot: 'cart-strip' } })], { catalog }),
    body: productPage(slot() + slot('cart-strip')),
  });
  await ready(page);
  await expect(region(page, 'cart-strip')).toBeVisible();
  // Nothing for this slot: its own children, as the host wrote them.
  await expect(page.locator('[data-segmint-slot="pdp-below-price"] #fallback')).toBeVisible();
  expect(await page.locator('[data-segmint-slot="pdp-below-price"]').evaluate((el) => el.shadowRoot)).toBeNull();

  await page.evaluate(() => (window as any).segmint.destroy());
  await expect(region(page, 'cart-strip')).toHaveCount(0);
  await expect(page.locator('[data-segmint-slot="cart-strip"] #fallback')).toBeVisible();
  expect(await page.locator('[data-segmint-slot="cart-strip"]').evaluate((el) => el.innerHTML)).toBe(FALLBACK);
});

test('fills a slot added to the page later, and stops watching after destroy()', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([strip('strip')], { catalog }), body: '<main id="app"><h1>Loading…</h1></main>' });
  await ready(page);
  await page.evaluate((html) => document.getElementById('app')!.insertAdjacentHTML('beforeend', html), productPage());
  await expect(region(page)).toHaveAttribute('data-campaign', 'strip');

  await page.evaluate(() => (window as any).segmint.destroy());
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), slot('pdp-below-price'));
  await page.waitForTimeout(300);
  await expect(page.locator('[data-segmint-slot] [role="region"]')).toHaveCount(0);
});

test('decides again on SPA navigation: the new page\'s audience and slots', async ({ page }) => {
  await openTestPage(page, {
    config: makeConfig([strip('tents-only', { pages: { include: ['/t/page'] } }), strip('elsewhere', { pages: { include: ['/t/other'] } })], { catalog }),
    body: productPage(),
  });
  await expect(region(page)).toHaveAttribute('data-campaign', 'tents-only');
  await page.evaluate(() => history.pushState(null, '', '/t/other'));
  await expect(region(page)).toHaveAttribute('data-campaign', 'elsewhere');
  await page.evaluate(() => history.pushState(null, '', '/t/nothing-here'));
  await expect(region(page)).toHaveCount(0);
  await expect(page.locator('#fallback')).toBeVisible();
});

test('counts the impression only once half of it has been in view', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await openTestPage(page, {
    config: makeConfig([strip('strip')], { catalog }),
    body: `<main><h1>Trail Tent 2P</h1><div style="height:1600px"></div>${slot('pdp-below-price', 'min-height:240px')}<div style="height:1600px"></div></main>`,
    before: 'segmint("on", "exposure", () => {})',
  });
  await ready(page);
  await listen(page);
  await expect(region(page)).toHaveAttribute('data-campaign', 'strip');
  await page.waitForTimeout(400);
  expect((await seen(page)).filter(([name]) => name === 'impression')).toEqual([]);
  const profileImpressions = () => page.evaluate(() => (window as any).segmint.profile().then((p: any) => p.campaigns.strip?.impressions ?? 0));
  expect(await profileImpressions()).toBe(0);

  // A sliver in view is not seen.
  const top = await region(page).evaluate((el) => el.getBoundingClientRect().top + scrollY);
  const height = await region(page).evaluate((el) => el.getBoundingClientRect().height);
  await page.evaluate((y) => scrollTo(0, y), top - 700 + height * 0.3);
  await page.waitForTimeout(400);
  expect((await seen(page)).filter(([name]) => name === 'impression')).toEqual([]);

  await page.evaluate((y) => scrollTo(0, y), top - 700 + height * 0.7);
  await expect.poll(async () => (await seen(page)).filter(([name]) => name === 'impression')).toEqual([['impression', 'strip', 'default']]);
  expect(await profileImpressions()).toBe(1);
  // Scrolling away and back is the same impression.
  await page.evaluate(() => scrollTo(0, 0));
  await page.evaluate((y) => scrollTo(0, y), top - 200);
  await page.waitForTimeout(300);
  expect((await seen(page)).filter(([name]) => name === 'impression')).toHaveLength(1);
});

test('filling a slot whose space the host reserved shifts nothing (CLS = 0)', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) (window as any).shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await openTestPage(page, { config: makeConfig([strip('strip')], { catalog }), body: productPage(slot('pdp-below-price', 'min-height:260px;display:block')) });
  const below = page.locator('#below');
  const before = await below.evaluate((el) => el.getBoundingClientRect().top);
  await expect(region(page)).toBeVisible();
  await page.waitForTimeout(500);
  expect(await below.evaluate((el) => el.getBoundingClientRect().top)).toBe(before);
  expect(await page.evaluate(() => (window as any).shifts.reduce((sum: number, v: number) => sum + v, 0))).toBe(0);
  // The observer works here: a slot without reserved space does shift the page, and is measured.
  await page.evaluate(() => {
    document.querySelector('[data-segmint-slot]')!.setAttribute('style', 'min-height:0');
  });
  await expect.poll(() => page.evaluate(() => (window as any).shifts.reduce((sum: number, v: number) => sum + v, 0))).toBeGreaterThan(0);
});

test('the region is axe-clean', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([strip('strip', { offer: { products: ['MAT', 'LAMP'], coupon: 'CAMP10' }, content: { en: { title: 'Goes well with it', body: 'Use {coupon}.', cta: 'Add both', dismiss: 'Not now' } } })], { catalog }), body: productPage() });
  await expect(region(page)).toBeVisible();
  const results = await new AxeBuilder({ page }).include('[data-segmint-slot]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a coupon code is set in the region\'s own font, as in the popup: no other font is looked up to show it', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([strip('strip', { offer: { products: ['MAT', 'LAMP'], coupon: 'CAMP10' }, content: { en: { title: 'Goes well with it', body: 'Use {coupon}.', cta: 'Add both', dismiss: 'Not now' } } })], { catalog }), body: productPage() });
  const code = region(page).locator('code', { hasText: 'CAMP10' });
  await expect(code).toBeVisible();
  const [codeFont, regionFont] = await Promise.all([code, region(page)].map((locator) => locator.evaluate((element) => getComputedStyle(element).fontFamily)));
  expect(codeFont).toBe(regionFont);
  expect(codeFont).not.toMatch(/mono/i);
});

test('dismiss gives the slot its fallback back and is counted; the CTA counts a click and asks the shop to add to cart', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([strip('strip', { content: { en: { title: 'Goes well', cta: 'Add both', dismiss: 'Not now' } } })], { catalog }), body: productPage() });
  await ready(page);
  await listen(page);
  await page.evaluate(() => addEventListener('segmint:add-to-cart', (event: any) => ((window as any).added = event.detail.products)));
  await region(page).getByRole('button', { name: 'Add both' }).click();
  expect(await page.evaluate(() => (window as any).added)).toEqual(['MAT', 'LAMP']);
  await expect(region(page)).toBeVisible();
  await region(page).getByRole('button', { name: 'Not now' }).click();
  await expect(region(page)).toHaveCount(0);
  await expect(page.locator('#fallback')).toBeVisible();
  expect((await seen(page)).filter(([name]) => name === 'click' || name === 'dismiss')).toEqual([['click', 'strip', 'default'], ['dismiss', 'strip', 'default']]);
});

test('a holdout visitor keeps the fallback and is exposed as "holdout"', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([strip('strip', { holdout: 100 })], { catalog }), body: productPage(), before: 'segmint("on", "exposure", (p) => (window.exposed = p.variant))' });
  await expect.poll(() => page.evaluate(() => (window as any).exposed)).toBe('holdout');
  await expect(region(page)).toHaveCount(0);
  await expect(page.locator('#fallback')).toBeVisible();
});

test('explain() says when an inline campaign\'s slot is not on the page; show() previews into the slot, else in a frame', async ({ page }) => {
  const elsewhere = makeCampaign('cart-strip', { layout: { type: 'inline', slot: 'cart-strip' } });
  await openTestPage(page, { config: makeConfig([strip('strip', { audience: { device: 'mobile' } }), elsewhere], { catalog }), body: '<main id="app"></main>' });
  await ready(page);
  const traces = await page.evaluate(() => (window as any).segmint.explain().then((e: any) => e.campaigns));
  expect(traces).toEqual([
    { id: 'strip', eligible: false, reason: 'audience', pointer: expect.any(String), actual: 'desktop', slot: 'pdp-below-price' },
    { id: 'cart-strip', eligible: false, reason: 'slot', slot: 'cart-strip' },
  ]);
  await page.evaluate(() => (window as any).segmint.show('strip'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'strip');
  await page.keyboard.press('Escape');
  await page.evaluate((html) => document.getElementById('app')!.innerHTML = html, productPage());
  await page.evaluate(() => (window as any).segmint.show('strip'));
  await expect(region(page)).toHaveAttribute('data-campaign', 'strip');
});
