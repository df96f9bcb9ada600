import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';
import { readStored, readStoredConfig, configKey, hasSegmintDatabase } from './idb';

// Several tabs of one site (SPEC §5, RELIABILITY §26, issue 3) and the cached config
// (RELIABILITY §45, §48).

type Win = Window & { segmint: any; __errors: string[] };

const COLLECT_ERRORS = "window.__errors = []; segmint('on', 'error', function (e) { __errors.push(String(e && e.message)); });";
const config = makeConfig([makeCampaign('welcome')]);

async function settled(page: Page): Promise<Record<string, any>> {
  await page.waitForFunction(() => (window as unknown as Win).segmint?._segmint);
  return page.evaluate(() => (window as unknown as Win).segmint.profile());
}

async function profileOf(page: Page): Promise<Record<string, any>> {
  return page.evaluate(() => (window as unknown as Win).segmint.profile());
}

async function errorsOf(page: Page): Promise<string[]> {
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as Win).__errors);
}

/** Two tabs of the same page in one browser context, both started. */
async function openTwoTabs(page: Page, options: { config?: object; attributes?: string } = {}): Promise<[Page, Page]> {
  const other = await page.context().newPage();
  for (const tab of [page, other]) {
    await openTestPage(tab, { config: options.config ?? config, attributes: options.attributes, before: COLLECT_ERRORS });
    await expect(dialog(tab)).toBeVisible();
    await settled(tab);
  }
  return [page, other];
}

test.describe('two tabs at once', () => {
  for (const times of [50, 200]) {
    test(`each tab tracks the same event ${times} times at once: the stored count is exactly ${2 * times}`, async ({ page }) => {
      const tabs = await openTwoTabs(page);
      // Fire every call without awaiting, in both tabs at the same time.
      await Promise.all(tabs.map((tab) => tab.evaluate((n) => {
        const segmint = (window as unknown as Win).segmint;
        for (let i = 0; i < n; i++) segmint.track('same_event');
      }, times)));
      // profile() runs after everything queued before it: both tabs are done writing.
      await Promise.all(tabs.map((tab) => profileOf(tab)));

      const stored = (await readStored(page)) as Record<string, any>;
      expect(stored.events).toEqual({ same_event: 2 * times });
      expect(stored.pageViews).toBe(2);
      // And both tabs end up seeing the same total.
      for (const tab of tabs) {
        await expect.poll(async () => (await profileOf(tab)).events.same_event, { timeout: 3000 }).toBe(2 * times);
      }
      for (const tab of tabs) expect(await errorsOf(tab)).toEqual([]);
    });
  }

  test('open tabs see each other\'s changes without a reload', async ({ page }) => {
    const [a, b] = await openTwoTabs(page);
    expect((await profileOf(b)).events).toEqual({});

    await a.evaluate(() => (window as unknown as Win).segmint.track('from_a'));
    await expect.poll(async () => (await profileOf(b)).events, { timeout: 1500 }).toEqual({ from_a: 1 });

    await b.evaluate(() => (window as unknown as Win).segmint.identify({ tier: 'gold' }));
    await expect.poll(async () => (await profileOf(a)).traits, { timeout: 1500 }).toEqual({ tier: 'gold' });
    await expect.poll(async () => (await profileOf(a)).events, { timeout: 1500 }).toEqual({ from_a: 1 });
    expect((await profileOf(a)).pageViews).toBe(2);
    for (const tab of [a, b]) expect(await errorsOf(tab)).toEqual([]);
  });

  test('consent withdrawn in one tab: the database is deleted even with another tab open, and stays deleted', async ({ page }) => {
    const [a, b] = await openTwoTabs(page, { attributes: 'data-consent="required"' });
    for (const tab of [a, b]) await tab.evaluate(() => (window as unknown as Win).segmint.consent(true));
    await Promise.all([a, b].map((tab) => profileOf(tab)));
    await b.evaluate(() => (window as unknown as Win).segmint.track('in_b'));
    await profileOf(b);
    expect(((await readStored(a)) as Record<string, any>).events).toEqual({ in_b: 1 });

    await a.evaluate(() => (window as unknown as Win).segmint.consent(false));
    await expect.poll(() => hasSegmintDatabase(a), { timeout: 5000 }).toBe(false);
    // The other tab must not recreate what was erased.
    await b.evaluate(() => (window as unknown as Win).segmint.track('in_b'));
    await profileOf(b);
    await page.waitForTimeout(500);
    expect(await hasSegmintDatabase(a)).toBe(false);
    for (const tab of [a, b]) expect(await errorsOf(tab)).toEqual([]);
  });
});

const FAILURES = {
  'HTTP 500': { fulfill: { status: 500, contentType: 'text/plain', body: 'Internal Server Error' }, message: /500/ },
  'an HTML error page': {
    fulfill: { status: 200, contentType: 'text/html', body: '<!doctype html><html><head><title>Oops</title></head><body><h1>Something went wrong</h1></body></html>' },
    message: /HTML|not valid JSON/,
  },
};

test.describe('the last valid config is cached and used when fetching fails', () => {
  for (const [failure, { fulfill, message }] of Object.entries(FAILURES)) {
    test(`config URL answers ${failure}: the cached config runs; success next time uses the new config`, async ({ page }) => {
      const first = makeConfig([makeCampaign('cached')]);
      await openTestPage(page, { config: first, before: COLLECT_ERRORS });
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'cached');
      await settled(page);
      const key = configKey(page);
      await expect.poll(() => readStoredConfig(page, key)).toEqual(first);

      // The config URL fails: the cached config is used, with one clear error.
      await page.route('**/t/config.json', (route) => route.fulfill(fulfill));
      await page.reload();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'cached');
      await settled(page);
      let errors = await errorsOf(page);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      // The failure did not touch the cache.
      expect(await readStoredConfig(page, key)).toEqual(first);

      // The config URL works again, with a new config: it is used (the failure is not sticky) and cached.
      const second = makeConfig([makeCampaign('fresh')]);
      await page.route('**/t/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(second) }));
      await page.reload();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'fresh');
      await settled(page);
      expect(await errorsOf(page)).toEqual([]);
      await expect.poll(() => readStoredConfig(page, key)).toEqual(second);

      // Failing again now falls back to the newer config.
      await page.route('**/t/config.json', (route) => route.fulfill(fulfill));
      await page.reload();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'fresh');
      await settled(page);
      errors = await errorsOf(page);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    });
  }
});
