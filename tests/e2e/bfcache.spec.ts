import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';
import { findChromium, CHROMIUM_ARGS } from './find-browser.mjs';

// RELIABILITY §40 (issue 12): a page restored from the back/forward cache. Playwright launches
// Chromium with the cache turned off (--disable-back-forward-cache); this file's browser has it on,
// so the restore is the browser's own, not an emulated pageshow.
test.use({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

type Win = Window & { segmint: any; __errors: string[]; __seen: string[] };

const COLLECT = `window.__errors = []; window.__seen = [];
segmint('on', 'error', function (e) { __errors.push(String(e && e.message)); });
['exposure', 'impression', 'dismiss', 'click'].forEach(function (n) { segmint('on', n, function (p) { __seen.push(n + ':' + p.campaign); }); });`;

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Win).segmint?._segmint);
  await page.evaluate(() => (window as unknown as Win).segmint.profile());
}

async function errorsOf(page: Page): Promise<string[]> {
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as Win).__errors);
}

test('a page restored from the back/forward cache shows no second popup and counts nothing twice; the page stays eligible', async ({ page }) => {
  await openTestPage(page, {
    config: makeConfig([makeCampaign('welcome')]),
    before: `${COLLECT} window.__persisted = []; addEventListener('pageshow', function (e) { __persisted.push(e.persisted); });`,
  });
  await expect(dialog(page)).toBeVisible();
  await settled(page);
  await page.route('**/t/next', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>next</title><p>elsewhere</p>' }));
  await page.goto('/t/next');
  // A restore fires pageshow, not load.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => (window as any).__persisted?.length === 2);
  expect(await page.evaluate(() => (window as any).__persisted), 'restored from the back/forward cache, not reloaded').toEqual([false, true]);
  await page.waitForTimeout(500);
  await expect(page.locator('segmint-root')).toHaveCount(1);
  await expect(dialog(page)).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as Win).__seen)).toEqual(['exposure:welcome', 'impression:welcome']);
  const profile = await page.evaluate(() => (window as unknown as Win).segmint.profile());
  expect(profile.pageViews).toBe(1);
  expect(profile.campaigns.welcome.impressions).toBe(1);
  expect(await errorsOf(page)).toEqual([]);
});
