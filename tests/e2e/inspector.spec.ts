import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog, watchDownloads } from './fixtures';

// SPEC §9: `?segmint=debug` (or data-debug) opens the inspector, loaded only when asked for;
// `?segmint=preview:<id>` shows one campaign directly. RELIABILITY §55: the query never changes the config.

const config = makeConfig([
  makeCampaign('gold-only', { audience: { segment: 'gold' } }),
  makeCampaign('on-exit', {
    trigger: { on: 'exit-intent' },
    variants: [{ id: 'plain', weight: 1 }, { id: 'bold', weight: 1, content: { de: { title: 'Fett und deutsch' } } }],
  }),
], { segments: { gold: { 'traits.tier': 'gold' } } });

const inspector = (page: Page) => page.locator('segmint-inspector [role="region"]');
const campaignRow = (page: Page, id: string) => inspector(page).locator(`li[data-campaign="${id}"]`);

test('?segmint=debug opens the inspector: campaigns with their reasons, segments with the failing pointer, signals', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config, query: '?segmint=debug' });
  await expect(inspector(page)).toBeVisible();
  await expect(inspector(page)).toHaveAttribute('aria-label', 'segmint inspector');
  await expect(campaignRow(page, 'gold-only')).toContainText('not eligible: audience');
  await expect(campaignRow(page, 'gold-only')).toContainText('at /segments/gold/traits.tier');
  await expect(campaignRow(page, 'on-exit')).toContainText('eligible');
  await expect(inspector(page).locator('li', { hasText: 'gold does not match' })).toContainText('/segments/gold/traits.tier');
  await inspector(page).locator('summary', { hasText: 'Signals' }).click();
  await expect(inspector(page).getByRole('row', { name: 'pageViews 1', exact: true })).toBeVisible();
  await expect(inspector(page).getByRole('row', { name: 'locale "en-US"', exact: true })).toBeVisible();
  expect(downloads).toContain('segmint-inspect.js');
});

test('the trace follows the visitor: after identify and Refresh, the segment matches', async ({ page }) => {
  await openTestPage(page, { config, query: '?segmint=debug' });
  await expect(campaignRow(page, 'gold-only')).toContainText('not eligible');
  await page.evaluate(() => (window as any).segmint.identify({ tier: 'gold' }));
  await inspector(page).getByRole('button', { name: 'Refresh' }).click();
  await expect(inspector(page).locator('li', { hasText: 'gold matches' })).toBeVisible();
});

test('Preview shows any campaign in the chosen variant and locale, counting nothing', async ({ page }) => {
  await openTestPage(page, { config, query: '?segmint=debug', before: "window.seen = []; segmint('on', 'impression', function (e) { seen.push(e); });" });
  const row = campaignRow(page, 'on-exit');
  await row.getByLabel('Variant').selectOption('bold');
  await row.getByLabel('Locale').selectOption('de');
  await row.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'on-exit');
  await expect(dialog(page)).toHaveAttribute('data-variant', 'bold');
  await expect(dialog(page)).toContainText('Fett und deutsch');
  await expect(dialog(page)).toHaveAttribute('lang', 'de');
  expect(await page.evaluate(() => (window as any).seen)).toEqual([]);
});

test('data-debug opens it too; Close removes it and the page is as before', async ({ page }) => {
  await openTestPage(page, { config, attributes: 'data-debug' });
  await expect(inspector(page)).toBeVisible();
  await inspector(page).getByRole('button', { name: 'Close the inspector' }).click();
  await expect(page.locator('segmint-inspector')).toHaveCount(0);
});

test('without ?segmint=debug the inspector is never downloaded', async ({ page }) => {
  const downloads = watchDownloads(page);
  await openTestPage(page, { config, query: '?segmint=nonsense' });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(1000);
  expect(downloads).not.toContain('segmint-inspect.js');
  await expect(page.locator('segmint-inspector')).toHaveCount(0);
});

test('?segmint=preview:<id> shows that campaign at once, bypassing its audience', async ({ page }) => {
  await openTestPage(page, { config, query: '?segmint=preview:gold-only' });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'gold-only');
});

test('?segmint=preview: of a campaign the config does not have shows nothing and says so', async ({ page }) => {
  await openTestPage(page, {
    config,
    query: '?segmint=preview:%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E',
    before: "window.reported = []; segmint('on', 'error', function (e) { reported.push(e.message); });",
  });
  await page.waitForFunction(() => (window as any).reported.length > 0);
  expect(await page.evaluate(() => (window as any).reported)).toEqual([expect.stringContaining('no valid campaign "<img src=x onerror=window.__xss=1>"')]);
  await expect(page.locator('segmint-root')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('campaign ids and values are text: markup in a trait shows literally in the signals', async ({ page }) => {
  await openTestPage(page, { config, query: '?segmint=debug', before: "segmint('identify', { tier: '<img src=x onerror=\"window.__xss=1\">' });" });
  await expect(campaignRow(page, 'gold-only')).toContainText('<img src=x onerror=\\"window.__xss=1\\">');
  await expect(inspector(page).locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('the inspector has no serious or critical accessibility violations', async ({ page }) => {
  await openTestPage(page, { config, query: '?segmint=debug' });
  await expect(campaignRow(page, 'on-exit')).toBeVisible();
  const results = await new AxeBuilder({ page }).include('segmint-inspector').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.passes.find((rule) => rule.id === 'button-name')?.nodes.length ?? 0).toBeGreaterThan(0);
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});
