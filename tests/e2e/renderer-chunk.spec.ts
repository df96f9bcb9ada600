import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

/** Records which of segmint's files the page downloads. */
function watchDownloads(page: import('@playwright/test').Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const match = /\/dist\/(segmint[\w-]*\.js)$/.exec(new URL(request.url()).pathname);
    if (match) files.push(match[1]);
  });
  return files;
}

test('a visitor who qualifies for nothing downloads only the core', async ({ page }) => {
  const downloads = watchDownloads(page);
  const config = makeConfig([
    makeCampaign('gold', { audience: { 'traits.tier': 'gold' } }),
    makeCampaign('gold-exit', { audience: { 'traits.tier': 'gold' }, trigger: { on: 'exit-intent' } }),
  ]);
  await openTestPage(page, { config });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(2500);
  expect(downloads).toEqual(['segmint.js']);
});

test('the popup chunk is fetched when a popup is about to show', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config: makeConfig([makeCampaign('now')]) });
  await expect(dialog(page)).toBeVisible();
  expect(downloads).toEqual(['segmint.js', 'segmint-popup.js']);
});

test('a campaign that qualifies but waits for its trigger has the chunk prefetched while idle', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config: makeConfig([makeCampaign('on-exit', { trigger: { on: 'exit-intent' } })]) });
  await expect.poll(() => downloads, { timeout: 8000 }).toEqual(['segmint.js', 'segmint-popup.js']);
  await expect(dialog(page)).toHaveCount(0);
});

test('if the chunk fails to load, one error event and nothing else; the next popup tries again', async ({ page }) => {
  let fail = true;
  await page.route('**/dist/segmint-popup.js', (route) => (fail ? route.abort('failed') : route.fallback()));
  const config = makeConfig([makeCampaign('first'), makeCampaign('second', { trigger: { on: 'event', event: 'again' } })]);
  await openTestPage(page, { config, before: "window.reported = []; segmint('on', 'error', function (e) { reported.push(e.message); });" });
  await page.waitForFunction(() => (window as any).reported.length > 0);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([expect.stringContaining('popup renderer could not be loaded')]);
  await expect(page.locator('segmint-root')).toHaveCount(0);

  fail = false;
  await page.evaluate(() => (window as any).segmint.track('again'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
});
