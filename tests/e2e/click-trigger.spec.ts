import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';
import { SELECTOR_CASES } from '../../src/lib/css-selector.cases';

// The click trigger (SPEC §7 `trigger.on: "click"`): a visitor's click on a matching element opens the campaign.

const coupon = makeCampaign('coupon', { trigger: { on: 'click', selector: '[data-segmint-open="coupon"]' } });
const ready = async (page: Page) => {
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.explain());
};

test('a visitor\'s click on an element added later opens the campaign, and the link still does what it does', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([coupon]), body: '<main id="app"><h1>Shop</h1></main><div style="height:2000px"></div><h2 id="deals">Deals</h2>' });
  await ready(page);
  await page.waitForTimeout(300);
  await expect(dialog(page)).toHaveCount(0);
  await page.evaluate(() => document.getElementById('app')!.insertAdjacentHTML('beforeend', '<a href="#deals" data-segmint-open="coupon"><span>Get <b>10% off</b></span></a>'));
  await page.locator('[data-segmint-open] b').click();
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'coupon');
  // The link's own navigation happened: the hash changed and the page scrolled to the target.
  expect(await page.evaluate(() => location.hash)).toBe('#deals');
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
});

test('a link to another page is followed as usual', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([coupon]), body: '<a id="go" href="/t/next" data-segmint-open="coupon">Next page</a>' });
  await page.route('**/t/next', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>next</title><h1>Next</h1>' }));
  await ready(page);
  await Promise.all([page.waitForURL('**/t/next'), page.locator('#go').click()]);
  await expect(page.locator('h1')).toHaveText('Next');
});

test('a click a script dispatches is ignored', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([coupon]), body: '<button data-segmint-open="coupon">Coupon</button><button id="other">Other</button>' });
  await ready(page);
  await page.evaluate(() => {
    const button = document.querySelector<HTMLElement>('[data-segmint-open]')!;
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
  await page.locator('#other').click();
  await page.waitForTimeout(500);
  await expect(dialog(page)).toHaveCount(0);
  await page.locator('[data-segmint-open]').click();
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'coupon');
});

test('an invalid selector is a config error with its pointer; the rest of the config runs', async ({ page }) => {
  const broken = makeCampaign('broken', { trigger: { on: 'click', selector: 'button >> [data-open]' } });
  await openTestPage(page, { config: makeConfig([broken, coupon]), body: '<button data-segmint-open="coupon">Coupon</button>', before: 'window.errors = []; segmint("on", "error", (e) => window.errors.push(e))' });
  await ready(page);
  await expect.poll(() => page.evaluate(() => (window as any).errors.map((e: any) => e.pointer))).toEqual(['/campaigns/0/trigger/selector']);
  await page.locator('[data-segmint-open]').click();
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'coupon');
});

test('the pure selector checker agrees with Chromium on its table (but for the unclosed brackets it reports)', async ({ page }) => {
  await page.setContent('<p>x</p>');
  const chromium = await page.evaluate((selectors) => selectors.map((selector) => {
    try {
      document.createDocumentFragment().querySelector(selector);
      return true;
    } catch {
      return false;
    }
  }), SELECTOR_CASES.map(([selector]) => selector));
  expect(SELECTOR_CASES.map(([selector], i) => [selector, chromium[i]])).toEqual(SELECTOR_CASES.map(([selector, isValid, chromiumAccepts]) => [selector, chromiumAccepts ?? isValid]));
});
