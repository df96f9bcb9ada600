import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog, watchDownloads } from './fixtures';
import { hasSegmintDatabase, readStored, listDatabases } from './idb';

// Consent (SPEC §5, RELIABILITY §30–31, issue 3): with consent required nothing is written to any
// storage until consent(true); consent(false) and forget() erase what was stored.

type Win = Window & { segmint: any; __errors: string[] };

const COLLECT_ERRORS = "window.__errors = []; segmint('on', 'error', function (e) { __errors.push(String(e && e.message)); });";

async function settled(page: Page): Promise<Record<string, any>> {
  await page.waitForFunction(() => (window as unknown as Win).segmint?._segmint);
  return page.evaluate(() => (window as unknown as Win).segmint.profile());
}

async function call(page: Page, method: string, ...args: unknown[]): Promise<Record<string, any>> {
  return page.evaluate(({ method, args }) => {
    const segmint = (window as unknown as Win).segmint;
    segmint[method](...args);
    return segmint.profile();
  }, { method, args });
}

async function track(page: Page, name: string, times = 1): Promise<Record<string, any>> {
  return page.evaluate(({ name, times }) => {
    const segmint = (window as unknown as Win).segmint;
    for (let i = 0; i < times; i++) segmint.track(name);
    return segmint.profile();
  }, { name, times });
}

/** Nothing in IndexedDB, localStorage, sessionStorage or cookies (RELIABILITY §30). */
async function expectNothingStored(page: Page): Promise<void> {
  expect(await listDatabases(page), 'indexedDB.databases()').not.toContain('segmint');
  expect(await page.evaluate(() => localStorage.length), 'localStorage.length').toBe(0);
  expect(await page.evaluate(() => sessionStorage.length), 'sessionStorage.length').toBe(0);
  expect(await page.evaluate(() => document.cookie), 'document.cookie').toBe('');
  expect(await page.context().cookies(), 'cookies of the context').toEqual([]);
}

const WAYS = {
  'data-consent="required" on the script tag': { extra: {}, attributes: 'data-consent="required"' },
  'config "consent": "required"': { extra: { consent: 'required' }, attributes: undefined },
};

for (const [way, { extra, attributes }] of Object.entries(WAYS)) {
  const config = makeConfig([makeCampaign('welcome')], extra);
  test.describe(`consent required by ${way}`, () => {
    test('nothing is stored before consent; consent(true) stores what was tracked once; consent(false) erases', async ({ page }) => {
      await openTestPage(page, { config, attributes, before: COLLECT_ERRORS });
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
      await settled(page);
      const before = await track(page, 'wishlist_add', 2);
      // The profile works in memory for the page.
      expect(before.events).toEqual({ wishlist_add: 2 });
      expect(before.pageViews).toBe(1);
      await page.waitForTimeout(300);
      await expectNothingStored(page);

      // Consent granted: the database now exists and holds what was tracked before, once each.
      const granted = await call(page, 'consent', true);
      expect(granted.id).toBe(before.id);
      expect(await hasSegmintDatabase(page)).toBe(true);
      const stored = (await readStored(page)) as Record<string, any>;
      expect(stored.id).toBe(before.id);
      expect(stored.pageViews).toBe(1);
      expect(stored.events).toEqual({ wishlist_add: 2 });
      expect(stored.campaigns.welcome.impressions).toBe(1);
      // Further events are stored as they happen.
      await track(page, 'wishlist_add');
      expect(((await readStored(page)) as Record<string, any>).events).toEqual({ wishlist_add: 3 });

      // Consent withdrawn: the whole database is deleted, and nothing is written after.
      await call(page, 'consent', false);
      await expect.poll(() => hasSegmintDatabase(page), { timeout: 5000 }).toBe(false);
      const after = await track(page, 'after_withdrawal', 2);
      expect(after.events.after_withdrawal).toBe(2);
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await page.waitForTimeout(500);
      await expectNothingStored(page);
      expect(await page.evaluate(() => (window as unknown as Win).__errors)).toEqual([]);

      // Next page: consent is still required, so still nothing is written.
      await page.reload();
      await expect(dialog(page)).toBeVisible();
      await settled(page);
      await track(page, 'wishlist_add');
      await page.waitForTimeout(300);
      await expectNothingStored(page);
    });

    test('consent(true) called before the config arrives counts from the start: a popup its caps hold back is not fetched ahead', async ({ page }) => {
      const downloads = watchDownloads(page);
      const capped = makeConfig([makeCampaign('once', { frequency: { maxImpressions: 1 } })], extra);
      const open = async () => {
        downloads.length = 0;
        await page.unrouteAll();
        await openTestPage(page, { config: capped, attributes, before: COLLECT_ERRORS + "segmint('consent', true);" });
      };
      await open();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'once');
      await settled(page);
      await expect.poll(async () => ((await readStored(page)) as Record<string, any> | undefined)?.campaigns?.once?.impressions).toBe(1);

      // The stored profile, not a blank one in memory, says what may show at once: nothing here.
      await open();
      const second = await settled(page);
      expect(second.pageViews).toBe(2);
      expect(second.campaigns.once.impressions).toBe(1);
      await page.waitForTimeout(300);
      await expect(dialog(page)).toHaveCount(0);
      expect(downloads).not.toContain('segmint-popup.js');
      expect(downloads).not.toContain('segmint-engage.js');
      expect(((await readStored(page)) as Record<string, any>).pageViews).toBe(2);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => !key.startsWith('segmint:wal1:')))).toEqual(['segmint:wal:kept']);
      expect(await page.evaluate(() => (window as unknown as Win).__errors)).toEqual([]);
    });

    test('once consent was given, a later page view with the same config compiles its kept checked form (no checks fetched); caps, journalling and erasing as before', async ({ page }) => {
      const downloads = watchDownloads(page);
      const capped = makeConfig([makeCampaign('first', { frequency: { maxImpressions: 1 } }), makeCampaign('second', { priority: -1 })], extra);
      const open = async (before = '') => {
        downloads.length = 0;
        await page.unrouteAll();
        await openTestPage(page, { config: capped, attributes, before: COLLECT_ERRORS + before });
      };
      const marks = () => page.evaluate(() => Object.keys(localStorage).filter((key) => !key.startsWith('segmint:wal1:')).sort());
      const checkedKey = () => `checked:${new URL('/t/config.json', page.url()).href}`;

      // A first visit: the visitor accepts in the consent banner once the page has started.
      await open();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'first');
      await settled(page);
      expect(downloads).toContain('segmint-check.js');
      await expectNothingStored(page);
      await call(page, 'consent', true);
      // The config checked before consent is kept once it is given, as a page needing none keeps it at its start.
      await expect.poll(() => readStored(page, checkedKey())).toBeDefined();
      expect(await marks(), 'kept, and never "journal before the config" on a site that requires consent').toEqual(['segmint:wal:kept']);

      // A later page: the consent tool says yes at once. The kept checked form is compiled; no checks.
      await open("segmint('consent', true);");
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
      const second = await settled(page);
      expect(second.pageViews).toBe(2);
      expect(second.campaigns.first.impressions).toBe(1);
      expect(second.campaigns.second.impressions).toBe(1);
      await page.waitForTimeout(300);
      expect(downloads).not.toContain('segmint-check.js');
      expect(await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.includes('segmint-check')))).toEqual([]);
      expect(((await readStored(page)) as Record<string, any>).pageViews).toBe(2);
      expect(await marks()).toEqual(['segmint:wal:kept']);

      // A page before its consent (yet): as before, the profile is the page's own, in memory, and nothing more is written.
      await open();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'first');
      const unconsented = await settled(page);
      expect(unconsented.pageViews).toBe(1);
      await page.waitForTimeout(300);
      // Where the host requires consent, IndexedDB is not read for the kept form before it; where only the
      // config does, the kept form is read (before the config says so, as before) and compiled: read, nothing written.
      if (attributes) expect(downloads).toContain('segmint-check.js');
      else expect(downloads).not.toContain('segmint-check.js');
      expect(((await readStored(page)) as Record<string, any>).pageViews).toBe(2);
      expect(await marks()).toEqual(['segmint:wal:kept']);
      expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(1);

      // Withdrawn: both marks and the database go; the next page is a first visit again.
      await call(page, 'consent', false);
      await expect.poll(() => hasSegmintDatabase(page), { timeout: 5000 }).toBe(false);
      await expectNothingStored(page);
      await open();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'first');
      await settled(page);
      expect(downloads).toContain('segmint-check.js');
      await expectNothingStored(page);
      expect(await page.evaluate(() => (window as unknown as Win).__errors)).toEqual([]);
    });
  });
}

test('forget() erases the stored profile and starts a new anonymous one', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([makeCampaign('welcome')]), before: COLLECT_ERRORS });
  await expect(dialog(page)).toBeVisible();
  await settled(page);
  const first = await track(page, 'wishlist_add', 2);
  const stored = (await readStored(page)) as Record<string, any>;
  expect(stored.id).toBe(first.id);
  expect(stored.events).toEqual({ wishlist_add: 2 });

  const forgotten = await call(page, 'forget');
  expect(forgotten.id).not.toBe(first.id);
  expect(forgotten.events).toEqual({});
  expect(forgotten.pageViews).toBe(0);
  expect(forgotten.campaigns).toEqual({});
  // The old profile is gone from storage: either no record yet, or the new visitor's.
  const afterForget = (await readStored(page)) as Record<string, any> | undefined;
  expect(afterForget?.id ?? forgotten.id).toBe(forgotten.id);
  expect(afterForget?.events ?? {}).toEqual({});

  const next = await track(page, 'after_forget');
  expect(next.id).toBe(forgotten.id);
  const restored = (await readStored(page)) as Record<string, any>;
  expect(restored.id).toBe(forgotten.id);
  expect(restored.events).toEqual({ after_forget: 1 });
  expect(restored.campaigns).toEqual({});

  await page.reload();
  await expect(dialog(page)).toBeVisible();
  const reloaded = await settled(page);
  expect(reloaded.id).toBe(forgotten.id);
  expect(reloaded.events).toEqual({ after_forget: 1 });
  expect(await page.evaluate(() => (window as unknown as Win).__errors)).toEqual([]);
});
