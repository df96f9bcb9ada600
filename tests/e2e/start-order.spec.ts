import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog, watchDownloads } from './fixtures';

// The order of the start path's requests on a first visit (README, Architecture): each starts as
// soon as it is knowable, so none waits for one it does not need. Each test holds back one answer
// and checks what was asked for before it was let through. `log` is in the order Node saw it.

// Priced in two currencies: which one shows depends on the visitor's, which needs the tables.
const PRICED = { catalog: { 'SKU-1': { name: { en: 'Trail Tent' }, price: { USD: 199, EUR: 189 }, url: '/p/1' } } };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logs `asked <file>` for each segmint file the page requests, and holds back the answer of `held` by `ms` (logged `answered <file>` as it is let through). */
async function holdBack(page: Page, held: string, ms: number, beforeRelease?: () => Promise<void>): Promise<string[]> {
  const log: string[] = [];
  page.on('request', (request) => {
    const file = /\/(segmint[\w-]*\.js|slow-config\.json)$/.exec(new URL(request.url()).pathname)?.[1];
    if (file) log.push(`asked ${file}`);
  });
  await page.route(`**/dist/${held}?v=*`, async (route) => {
    await wait(ms);
    await beforeRelease?.();
    log.push(`answered ${held}`);
    await route.continue();
  });
  return log;
}

/** Serves `config` at /t/slow-config.json, answered after `ms`. */
async function slowConfig(page: Page, config: object, ms: number, log: string[]): Promise<void> {
  await page.route('**/t/slow-config.json', async (route) => {
    await wait(ms);
    log.push('answered slow-config.json');
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) });
  });
}

test('a first visit asks for the config checks with the config, not once IndexedDB says nothing is kept', async ({ page }) => {
  const log = await holdBack(page, 'segmint-check.js', 0);
  const config = makeConfig([makeCampaign('now')]);
  await slowConfig(page, config, 400, log);
  // IndexedDB slow to answer whether segmint's database exists (300 ms was measured at 4× CPU on a busy machine).
  const slowDatabases = 'const list = IDBFactory.prototype.databases; IDBFactory.prototype.databases = function () { return new Promise((resolve) => setTimeout(resolve, 1500)).then(() => list.call(this)); };';
  await openTestPage(page, { config, attributes: 'data-config="/t/slow-config.json"', before: slowDatabases });
  await expect(dialog(page)).toBeVisible();
  expect(log.indexOf('asked segmint-check.js')).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-check.js')).toBeLessThan(log.indexOf('answered slow-config.json'));
});

test('the signal tables are asked for while the config checks load, when the config text may need them', async ({ page }) => {
  const log = await holdBack(page, 'segmint-check.js', 800);
  await openTestPage(page, { config: makeConfig([makeCampaign('now')], PRICED) });
  await expect(dialog(page)).toBeVisible();
  expect(log.indexOf('asked segmint-tables.js')).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-tables.js')).toBeLessThan(log.indexOf('answered segmint-check.js'));
});

test('a popup shown at once to everyone on the page has its campaign code and renderer asked for before the decision, and the page view stored, beside the tables', async ({ page }) => {
  let storedBeforeTables: unknown;
  const log = await holdBack(page, 'segmint-tables.js', 800, async () => {
    storedBeforeTables = await page.evaluate(() => (window as any).pageViewStored);
  });
  // Notes when the first IndexedDB write (the page view) is done.
  const watchWrites = `const tx = IDBDatabase.prototype.transaction; IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
    const t = tx.call(this, names, mode, ...rest);
    if (mode === 'readwrite') t.addEventListener('complete', () => { window.pageViewStored = true; });
    return t;
  };`;
  await openTestPage(page, { config: makeConfig([makeCampaign('now')], PRICED), before: watchWrites });
  await expect(dialog(page)).toBeVisible();
  const answered = log.indexOf('answered segmint-tables.js');
  expect(answered).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-engage.js')).toBeLessThan(answered);
  expect(log.indexOf('asked segmint-popup.js')).toBeLessThan(answered);
  expect(log.indexOf('asked segmint-engage.js')).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-popup.js')).toBeGreaterThan(-1);
  expect(storedBeforeTables).toBe(true);
});

test('nothing is fetched ahead for a popup its audience, its page or its caps hold back', async ({ page }) => {
  const downloads = watchDownloads(page);
  const config = makeConfig([
    makeCampaign('gold', { audience: { 'traits.tier': 'gold' } }),
    makeCampaign('elsewhere', { pages: { include: ['/cart'] } }),
    makeCampaign('welcome', { frequency: { afterDismissHours: 168 }, priority: -1 }),
  ], PRICED);
  await openTestPage(page, { config });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
  await page.locator('segmint-root .sm-close').click();
  await expect(dialog(page)).toHaveCount(0);
  await page.waitForTimeout(300);

  // The next page view: the welcome popup was dismissed, so nothing may show at once.
  downloads.length = 0;
  await page.reload();
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(1500);
  expect(downloads.sort()).toEqual(['segmint-tables.js', 'segmint.js']);
});

test('a first visit asks for a popup\'s campaign code and renderer from the config text, and opens IndexedDB, while the config checks are still on their way', async ({ page }) => {
  let openedBeforeChecks: unknown;
  const log = await holdBack(page, 'segmint-check.js', 800, async () => {
    openedBeforeChecks = await page.evaluate(() => (window as any).opened);
  });
  const watchOpens = 'const open = IDBFactory.prototype.open; window.opened = []; IDBFactory.prototype.open = function (name, ...rest) { window.opened.push(name); return open.call(this, name, ...rest); };';
  await openTestPage(page, { config: makeConfig([makeCampaign('now')]), before: watchOpens });
  await expect(dialog(page)).toBeVisible();
  const answered = log.indexOf('answered segmint-check.js');
  expect(answered).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-engage.js')).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-popup.js')).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-engage.js'), 'the campaign code before the checks answered').toBeLessThan(answered);
  expect(log.indexOf('asked segmint-popup.js'), 'the renderer before the checks answered').toBeLessThan(answered);
  expect(openedBeforeChecks, 'the profile\'s database opened before the checks answered').toContain('segmint');
});

test('a page that requires consent, not given (yet) on it, asks for the checks with the config and reads no IndexedDB before consent', async ({ page }) => {
  const config = makeConfig([makeCampaign('now')]);
  // The first page view gets consent: segmint's database exists from then on.
  await openTestPage(page, { config, attributes: 'data-consent="required"', before: "segmint('consent', true);" });
  await expect(dialog(page)).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toContain('segmint');

  // The next one has no consent (yet): the config answers slowly, and every IndexedDB call is noted.
  await page.addInitScript(() => {
    const w = window as unknown as { idb: string[] };
    w.idb = [];
    for (const method of ['open', 'databases', 'deleteDatabase'] as const) {
      const original = IDBFactory.prototype[method] as (...args: unknown[]) => unknown;
      if (original) (IDBFactory.prototype as any)[method] = function (...args: unknown[]) {
        w.idb.push(method);
        return original.apply(this, args);
      };
    }
  });
  const log = await holdBack(page, 'segmint-check.js', 0);
  await slowConfig(page, config, 400, log);
  await openTestPage(page, { config, attributes: 'data-config="/t/slow-config.json" data-consent="required"' });
  await expect(dialog(page)).toBeVisible();
  expect(log.indexOf('asked segmint-check.js')).toBeGreaterThan(-1);
  expect(log.indexOf('asked segmint-check.js'), 'the checks before the config answered').toBeLessThan(log.indexOf('answered slow-config.json'));
  expect(await page.evaluate(() => (window as unknown as { idb: string[] }).idb)).toEqual([]);
});
