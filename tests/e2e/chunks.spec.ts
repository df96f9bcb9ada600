import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog, watchDownloads } from './fixtures';

const REPORT_ERRORS = "window.reported = []; segmint('on', 'error', function (e) { reported.push({ message: e.message, pointer: e.pointer }); });";

test('a visitor who qualifies for nothing downloads only the core (and, the first time, the config checks)', async ({ page }) => {
  const downloads = watchDownloads(page);
  const config = makeConfig([
    makeCampaign('gold', { audience: { 'traits.tier': 'gold' } }),
    makeCampaign('gold-exit', { audience: { 'traits.tier': 'gold' }, trigger: { on: 'exit-intent' } }),
    makeCampaign('gold-scroll', { audience: { 'traits.tier': 'gold' }, trigger: { on: 'scroll', percent: 10 } }),
  ]);
  await openTestPage(page, { config, body: '<div style="height:4000px">long page</div>' });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(2500);
  expect(downloads).toEqual(['segmint.js', 'segmint-check.js']);

  // The next page view compiles the kept checked config: the checks are not fetched again.
  downloads.length = 0;
  await page.reload();
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(1000);
  expect(downloads).toEqual(['segmint.js']);
});

test('a returning visitor with an unchanged config gets the popup without the config checks; a changed config is checked again', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config: makeConfig([makeCampaign('first', { frequency: { maxImpressions: 1 } }), makeCampaign('second', { priority: -1 })]) });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'first');
  expect(downloads).toContain('segmint-check.js');
  await page.waitForTimeout(300);

  downloads.length = 0;
  await page.reload();
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
  expect(downloads.sort()).toEqual(['segmint-engage.js', 'segmint-popup.js', 'segmint.js']);

  downloads.length = 0;
  await page.unrouteAll();
  await openTestPage(page, { config: makeConfig([makeCampaign('third')]) });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'third');
  expect(downloads).toContain('segmint-check.js');
});

test('the signal tables are fetched only for a config that needs country, currency or referrer type, and then decide', async ({ page }) => {
  const downloads = watchDownloads(page);
  await page.emulateMedia({});
  await openTestPage(page, { config: makeConfig([makeCampaign('from-search', { audience: { referrerType: 'search' } }), makeCampaign('fallback', { priority: -1 })]), before: "Object.defineProperty(document, 'referrer', { get: () => 'https://www.google.de/search?q=shoes' });" });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'from-search');
  expect(downloads).toContain('segmint-tables.js');

  downloads.length = 0;
  await page.unrouteAll();
  await openTestPage(page, { config: makeConfig([makeCampaign('mobile-only', { audience: { device: 'desktop' } })]) });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'mobile-only');
  expect(downloads).not.toContain('segmint-tables.js');

  // A catalog priced in the config's currency alone shows the same price whatever the visitor pays in.
  const catalog = (price: object) => ({ catalog: { 'SKU-1': { name: { en: 'Trail Tent' }, price, url: '/p/1' } } });
  downloads.length = 0;
  await openTestPage(page, { config: makeConfig([makeCampaign('one-currency')], catalog({ USD: 199 })) });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'one-currency');
  expect(downloads).not.toContain('segmint-tables.js');
  downloads.length = 0;
  await openTestPage(page, { config: makeConfig([makeCampaign('two-currencies')], catalog({ USD: 199, EUR: 189 })) });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'two-currencies');
  expect(downloads).toContain('segmint-tables.js');
});

test('a config that needs no tables fetches no tables on a page view; explain() still says the page\'s currency and the referrer type', async ({ page }) => {
  const downloads = watchDownloads(page);
  const body = '<script type="application/ld+json">{"@type":"Product","offers":{"priceCurrency":"GBP"}}</script><main><h1>Tent</h1></main>';
  await openTestPage(page, { config: makeConfig([makeCampaign('desktop', { audience: { device: 'desktop' } })]), body, before: "Object.defineProperty(document, 'referrer', { get: () => location.origin + '/products' });" });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'desktop');
  expect(downloads).not.toContain('segmint-tables.js');
  const { signals } = await page.evaluate(() => (window as any).segmint.explain());
  expect(signals).toMatchObject({ currency: 'GBP', referrerType: 'internal' });
  expect(downloads).toContain('segmint-tables.js');
});

/** Records the length of every text `JSON.parse` is given, to tell one parse of the whole config from parsing it in slices. */
const WATCH_PARSE = "window.parsed = []; const parse = JSON.parse; JSON.parse = function (text) { parsed.push(String(text).length); return parse.apply(this, arguments); };";

/** A config over 64 KB: hundreds of campaigns for gold-tier visitors, and one for everyone. */
function largeConfig(): { config: object; length: number } {
  const config = makeConfig([...Array.from({ length: 400 }, (_, i) => makeCampaign(`gold-${i}`, { audience: { 'traits.tier': 'gold' } })), makeCampaign('everyone', { priority: -1 })]);
  return { config, length: JSON.stringify(config).length };
}

test('a usual config is parsed at once, without the large-config parser; one over 64 KB, fetched or inline, fetches it and is parsed in slices', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config: makeConfig([makeCampaign('small')]), before: WATCH_PARSE });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'small');
  expect(downloads).not.toContain('segmint-parse.js');

  const { config, length } = largeConfig();
  expect(length).toBeGreaterThan(65_536);
  for (const inline of [false, true]) {
    downloads.length = 0;
    await page.unrouteAll();
    await openTestPage(page, { config, inline, before: WATCH_PARSE });
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'everyone');
    expect(downloads).toContain('segmint-parse.js');
    // In slices: its campaigns one at a time, never the whole text in one JSON.parse.
    const parsed: number[] = await page.evaluate(() => (window as any).parsed);
    expect(parsed.length).toBeGreaterThan(400);
    expect(Math.max(...parsed)).toBeLessThan(length / 10);
  }
});

test('if the large-config parser cannot be loaded, a large config is parsed at once and still runs', async ({ page }) => {
  await page.route('**/dist/segmint-parse.js?v=*', (route) => route.abort('failed'));
  const { config, length } = largeConfig();
  await openTestPage(page, { config, before: WATCH_PARSE });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'everyone');
  expect(await page.evaluate(() => (window as any).parsed)).toContain(length);
});

test('a page that cannot hash natively (http: no crypto.subtle) fingerprints the config with its own chunk, and the next page view still skips the checks', async ({ page }) => {
  const downloads = watchDownloads(page);
  const config = makeConfig([makeCampaign('first', { frequency: { maxImpressions: 1 } }), makeCampaign('second', { priority: -1 })]);
  const insecure = "Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true });";
  await openTestPage(page, { config, before: insecure });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'first');
  expect(downloads).toEqual(expect.arrayContaining(['segmint-check.js', 'segmint-fingerprint.js']));
  await page.waitForTimeout(300);

  downloads.length = 0;
  await page.reload();
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
  expect(downloads.sort()).toEqual(['segmint-engage.js', 'segmint-fingerprint.js', 'segmint-popup.js', 'segmint.js']);

  // Where the browser hashes (a secure context, as 127.0.0.1 is), the chunk is never fetched.
  downloads.length = 0;
  await page.unrouteAll();
  await openTestPage(page, { config: makeConfig([makeCampaign('third')]) });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'third');
  expect(downloads).not.toContain('segmint-fingerprint.js');
});

test('if the config checks cannot be loaded, the config is not run unchecked: one error, no popup', async ({ page }) => {
  await page.route('**/dist/segmint-check.js?v=*', (route) => route.abort('failed'));
  await openTestPage(page, { config: makeConfig([makeCampaign('now')]), before: REPORT_ERRORS });
  await page.waitForFunction(() => (window as any).reported.length > 0);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([{ message: expect.stringContaining('check chunk could not be loaded') }]);
  await expect(page.locator('segmint-root')).toHaveCount(0);
});

test('when a popup is about to show, its campaign code and the renderer are fetched together', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config: makeConfig([makeCampaign('now')]) });
  await expect(dialog(page)).toBeVisible();
  expect(downloads.sort()).toEqual(['segmint-check.js', 'segmint-engage.js', 'segmint-popup.js', 'segmint.js']);
});

test('a campaign that qualifies but waits for its trigger gets its trigger code at once and the renderer while idle', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config: makeConfig([makeCampaign('on-exit', { trigger: { on: 'exit-intent' } })]) });
  await expect.poll(() => downloads, { timeout: 8000 }).toEqual(['segmint.js', 'segmint-check.js', 'segmint-engage.js', 'segmint-popup.js']);
  await expect(dialog(page)).toHaveCount(0);
});

test('a visitor who comes to qualify during the page (a tracked event) gets the waiting trigger armed then', async ({ page }) => {
  const downloads = watchDownloads(page);
  const config = makeConfig([makeCampaign('quiz-scroll', { audience: { 'events.quiz_done': { gte: 1 } }, trigger: { on: 'scroll', percent: 20 } })]);
  await openTestPage(page, { config, body: '<div style="height:4000px">long page</div>' });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.mouse.wheel(0, 3000);
  await page.waitForTimeout(500);
  expect(downloads).toEqual(['segmint.js', 'segmint-check.js']);
  await expect(dialog(page)).toHaveCount(0);

  await page.evaluate(() => (window as any).segmint.track('quiz_done'));
  await expect.poll(() => downloads).toContain('segmint-engage.js');
  await page.mouse.wheel(0, -3000);
  await page.mouse.wheel(0, 3000);
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'quiz-scroll');
});

test('a visitor who comes to qualify with time alone (sessionSeconds) gets the waiting trigger armed then', async ({ page }) => {
  const downloads = watchDownloads(page);
  const config = makeConfig([makeCampaign('lingering', { audience: { sessionSeconds: { gte: 3 } }, trigger: { on: 'scroll', percent: 20 } })]);
  await openTestPage(page, { config, body: '<div style="height:4000px">long page</div>' });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.mouse.wheel(0, 3000);
  await page.waitForTimeout(300);
  expect(downloads).toEqual(['segmint.js', 'segmint-check.js']);
  // Asked again every 5 s: once 3 s have passed, the trigger is armed and finds the page scrolled.
  await expect.poll(() => downloads, { timeout: 9000 }).toContain('segmint-engage.js');
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'lingering');
});

test('if the renderer fails to load, one error event and nothing else; the next popup tries again', async ({ page }) => {
  let fail = true;
  await page.route('**/dist/segmint-popup.js?v=*', (route) => (fail ? route.abort('failed') : route.fallback()));
  const config = makeConfig([makeCampaign('first'), makeCampaign('second', { trigger: { on: 'event', event: 'again' } })]);
  await openTestPage(page, { config, before: REPORT_ERRORS });
  await page.waitForFunction(() => (window as any).reported.length > 0);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([{ message: expect.stringContaining('popup chunk could not be loaded') }]);
  await expect(page.locator('segmint-root')).toHaveCount(0);

  fail = false;
  await page.evaluate(() => (window as any).segmint.track('again'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
});

test('if the campaign code fails to load, one error event and no popup; the next need tries again', async ({ page }) => {
  let fail = true;
  await page.route('**/dist/segmint-engage.js?v=*', (route) => (fail ? route.abort('failed') : route.fallback()));
  const config = makeConfig([makeCampaign('first'), makeCampaign('second', { trigger: { on: 'event', event: 'again' } })]);
  await openTestPage(page, { config, before: REPORT_ERRORS });
  await page.waitForFunction(() => (window as any).reported.length > 0);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([{ message: expect.stringContaining('engage chunk could not be loaded') }]);
  await expect(page.locator('segmint-root')).toHaveCount(0);

  fail = false;
  await page.evaluate(() => (window as any).segmint.track('again'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
});

test('a config with errors fetches the diagnostics to describe them, while its valid campaigns run', async ({ page }) => {
  const downloads = watchDownloads(page);
  const config = makeConfig([makeCampaign('typo', { audiance: {} }), makeCampaign('fine')]);
  await openTestPage(page, { config, before: REPORT_ERRORS });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'fine');
  await page.waitForFunction(() => (window as any).reported.length > 0);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([
    { pointer: '/campaigns/0/audiance', message: expect.stringMatching(/did you mean "audience"\?.*\(at \/campaigns\/0\/audiance\)$/) },
  ]);
  expect(downloads).toContain('segmint-diagnose.js');
});

test('when the diagnostics cannot be loaded, each config error still says where it is', async ({ page }) => {
  await page.route('**/dist/segmint-diagnose.js?v=*', (route) => route.abort('failed'));
  const config = makeConfig([makeCampaign('typo', { audiance: {} }), makeCampaign('fine')]);
  await openTestPage(page, { config, before: REPORT_ERRORS });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'fine');
  await page.waitForFunction(() => (window as any).reported.length > 0);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([
    { pointer: '/campaigns/0/audiance', message: expect.stringMatching(/^invalid config: unknown-field \(the details are not available: the diagnose chunk could not be loaded from .*segmint-diagnose\.js\?v=\d+\.\d+\.\d+\S*\) \(at \/campaigns\/0\/audiance\)$/) },
  ]);
});

test('a waiting trigger that throws while arming (a hostile host) is reported, never thrown into the page', async ({ page }) => {
  const hostile = "var add = Document.prototype.addEventListener; Document.prototype.addEventListener = function (type) { if (type === 'mouseout') throw new Error('host refuses mouseout'); return add.apply(this, arguments); };";
  const config = makeConfig([makeCampaign('on-exit', { trigger: { on: 'exit-intent' } })]);
  await openTestPage(page, { config, before: `${hostile} ${REPORT_ERRORS}` });
  await page.waitForFunction(() => (window as any).reported.length > 0);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([{ message: expect.stringContaining('host refuses mouseout') }]);
});

test('destroy() while the campaign code is loading: nothing is armed and nothing shows', async ({ page }) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/dist/segmint-engage.js?v=*', async (route) => {
    await held;
    await route.fallback();
  });
  const config = makeConfig([makeCampaign('scrolled', { trigger: { on: 'scroll', percent: 0 } }), makeCampaign('now')]);
  await openTestPage(page, { config });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.destroy());
  release();
  await page.waitForTimeout(1000);
  await expect(page.locator('segmint-root')).toHaveCount(0);
});

test('explain() fetches its own chunk only when called, answers from it, and after a failed load (reported, empty answer) tries again', async ({ page }) => {
  const downloads = watchDownloads(page);
  let fail = true;
  await page.route('**/dist/segmint-explain.js?v=*', (route) => (fail ? route.abort('failed') : route.fallback()));
  await openTestPage(page, { config: makeConfig([makeCampaign('gold', { audience: { 'traits.tier': 'gold' } })]), before: REPORT_ERRORS });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(1000);
  expect(downloads, 'no page view needs it').not.toContain('segmint-explain.js');

  expect(await page.evaluate(() => (window as any).segmint.explain())).toEqual({ signals: {}, segments: {}, campaigns: [] });
  expect(await page.evaluate(() => (window as any).reported)).toEqual([{ message: expect.stringContaining('explain chunk could not be loaded') }]);

  fail = false;
  const trace = await page.evaluate(() => (window as any).segmint.explain());
  expect(trace.campaigns).toEqual([{ id: 'gold', eligible: false, reason: 'audience', pointer: '/campaigns/0/audience/traits.tier', actual: null }]);
  expect(trace.signals.pageViews).toBe(1);
  expect(downloads.filter((file) => file === 'segmint-explain.js')).toHaveLength(2);
});

/** `config` as `segmint validate --checked` writes it, by the built CLI. */
function checkedByCli(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmint-e2e-'));
  writeFileSync(join(dir, 'in.json'), JSON.stringify(config));
  execFileSync(process.execPath, ['dist/cli.js', 'validate', join(dir, 'in.json'), '--checked', join(dir, 'out.json')]);
  return readFileSync(join(dir, 'out.json'), 'utf8');
}

test('a first visit to a config stamped by segmint validate --checked, with data-config-checked, shows the popup without loading the checks; an edited one is checked', async ({ page }) => {
  const checked = checkedByCli(makeConfig([makeCampaign('welcome', { audience: { device: 'desktop' } })]));
  const downloads = watchDownloads(page);
  const attributes = 'data-config="/t/config.json" data-config-checked';
  await openTestPage(page, { config: checked, attributes });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
  await page.waitForTimeout(300);
  expect(downloads.sort()).toEqual(['segmint-engage.js', 'segmint-popup.js', 'segmint.js']);

  // Inline, the same text (kept apart from the fetched one's).
  const inline = await page.context().newPage();
  const inlineDownloads = watchDownloads(inline);
  await openTestPage(inline, { config: checked, inline: true, attributes: 'data-config-checked' });
  await expect(dialog(inline)).toHaveAttribute('data-campaign', 'welcome');
  expect(inlineDownloads).not.toContain('segmint-check.js');
  await inline.close();

  // Edited after stamping (an audience no desktop visitor is in): not the kept text nor the stamped one, so checked, and the edit holds.
  const edited = await page.context().newPage();
  const editedDownloads = watchDownloads(edited);
  await openTestPage(edited, { config: checked.replace('"desktop"', '"mobile"'), attributes });
  await expect.poll(() => editedDownloads).toContain('segmint-check.js');
  await edited.waitForFunction(() => (window as any).segmint?.explain);
  await edited.waitForTimeout(500);
  expect(await dialog(edited).count()).toBe(0);
  await edited.close();
});

test('without data-config-checked a stamped config needs no checks either: it shows its popup when they cannot be loaded, and an unstamped one does not', async ({ page }) => {
  await page.route('**/dist/segmint-check.js?v=*', (route) => route.abort('failed'));
  const config = makeConfig([makeCampaign('welcome')]);
  await openTestPage(page, { config: checkedByCli(config), before: REPORT_ERRORS });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
  expect(await page.evaluate(() => (window as any).reported)).toEqual([]);

  const plain = await page.context().newPage();
  await plain.route('**/dist/segmint-check.js?v=*', (route) => route.abort('failed'));
  await openTestPage(plain, { config: JSON.stringify(config), before: REPORT_ERRORS, path: '/t/other' });
  await expect.poll(() => plain.evaluate(() => (window as any).reported)).toEqual([{ message: expect.stringContaining('check chunk could not be loaded') }]);
  expect(await dialog(plain).count()).toBe(0);
  await plain.close();
});

test('show() previews with the same chunk: fetched at the first call, the popup shown whoever the visitor is, counting nothing', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config: makeConfig([makeCampaign('gold', { audience: { 'traits.tier': 'gold' } })]) });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(500);
  expect(downloads).not.toContain('segmint-explain.js');
  await page.evaluate(() => (window as any).segmint('show', 'gold'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'gold');
  expect(downloads).toContain('segmint-explain.js');
  const profile = await page.evaluate(() => (window as any).segmint.profile());
  expect(profile.campaigns.gold).toBeUndefined();
});
