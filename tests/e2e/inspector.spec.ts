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

test.describe('the formats in the inspector', () => {
  const catalog = { 'SKU-LAMP': { name: { en: 'Camp Lamp' }, price: { USD: 29 } } };
  const strip = (id: string, extra: object = {}) => makeCampaign(id, { layout: { type: 'inline', slot: 'pdp-below-price' }, offer: { products: ['SKU-LAMP'] }, ...extra });
  const formats = makeConfig([
    strip('lamp-strip'),
    strip('gold-strip', { audience: { segment: 'gold' }, priority: 5 }),
    makeCampaign('cart-note', { layout: { type: 'inline', slot: 'cart-strip' } }),
    makeCampaign('orphan', { layout: { type: 'inline', slot: 'nowhere' } }),
    makeCampaign('coupon', {
      trigger: { on: 'click', selector: '[data-open]' },
      countdown: { minutes: 30 },
      teaser: { position: 'bottom-left' },
      content: { en: { title: 'Ten off', body: 'For {countdown}', dismiss: 'Later', teaser: 'Ten off' } },
    }),
    makeCampaign('brew', {
      kind: 'question',
      trigger: { on: 'click', selector: '[data-ask]' },
      question: { trait: 'brewMethod', options: [{ value: 'espresso', label: { en: 'Espresso' } }, { value: 'filter', label: { en: 'Filter' } }] },
      content: { en: { title: 'How do you brew your coffee?', thanks: 'Thanks!' } },
    }),
  ], { catalog, segments: { gold: { 'traits.tier': 'gold' } } });
  const slots = '<div data-segmint-slot="pdp-below-price" style="min-height:200px"><p>fallback</p></div><div data-segmint-slot="cart-strip" style="min-height:80px"><p>fallback</p></div><div data-segmint-slot="empty-slot"><p>fallback</p></div>';
  const slotRow = (page: Page, name: string) => inspector(page).locator(`li[data-slot="${name}"]`);

  test('lists the page\'s slots with what filled each, or the fallback and why, and each campaign\'s formats', async ({ page }) => {
    await openTestPage(page, { config: formats, query: '?segmint=debug', body: `<main>${slots}</main>` });
    await expect(page.locator('[data-segmint-slot="pdp-below-price"] [role="region"]')).toHaveAttribute('data-campaign', 'lamp-strip');
    await expect(page.locator('[data-segmint-slot="cart-strip"] [role="region"]')).toBeVisible();
    await inspector(page).getByRole('button', { name: 'Refresh' }).click();
    await expect(inspector(page).locator('summary', { hasText: 'Slots' })).toHaveText('Slots (3)');
    await expect(slotRow(page, 'pdp-below-price')).toHaveText('pdp-below-price filled: lamp-strip');
    await expect(slotRow(page, 'cart-strip')).toContainText('filled: cart-note');
    await expect(slotRow(page, 'empty-slot')).toHaveText('empty-slot fallback: none');
    await expect(campaignRow(page, 'gold-strip')).toContainText('not eligible: audience');
    await expect(campaignRow(page, 'gold-strip')).toContainText('slot pdp-below-price');
    await expect(campaignRow(page, 'orphan')).toContainText('not eligible: slot');
    await expect(campaignRow(page, 'coupon')).toContainText('click [data-open]; teaser; countdown 30 min');
    await expect(campaignRow(page, 'brew')).toContainText('asks traits.brewMethod');

  });

  test('a slot none of whose campaigns qualifies names each one\'s reason', async ({ page }) => {
    const noneFits = makeConfig([strip('gold-strip', { audience: { segment: 'gold' } }), strip('mobile-strip', { audience: { device: 'mobile' } })], { catalog, segments: { gold: { 'traits.tier': 'gold' } } });
    await openTestPage(page, { config: noneFits, query: '?segmint=debug', body: `<main>${slots}</main>` });
    await expect(slotRow(page, 'pdp-below-price')).toHaveText('pdp-below-price fallback: gold-strip: audience; mobile-strip: audience');
  });

  test('Preview shows the formats: the inline campaign in its slot, the countdown popup, the question with its options, counting nothing', async ({ page }) => {
    await openTestPage(page, { config: formats, query: '?segmint=debug', body: `<main>${slots}</main>`, before: "window.seen = []; ['impression', 'answer'].forEach(function (n) { segmint('on', n, function (e) { seen.push(n + ' ' + e.campaign); }); });" });
    await campaignRow(page, 'gold-strip').getByRole('button', { name: 'Preview' }).click();
    await expect(page.locator('[data-segmint-slot="pdp-below-price"] [role="region"]')).toHaveAttribute('data-campaign', 'gold-strip');

    await campaignRow(page, 'coupon').getByRole('button', { name: 'Preview' }).click();
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'coupon');
    await expect(dialog(page)).toContainText(/For (00:30:00|00:29:\d\d)/);
    await dialog(page).getByRole('button', { name: 'Later' }).click();
    await expect(page.locator('segmint-teaser [data-segmint-teaser="coupon"]')).toBeVisible();
    await page.locator('segmint-teaser .sm-teaser-close').click();

    await campaignRow(page, 'brew').getByRole('button', { name: 'Preview' }).click();
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'brew');
    await dialog(page).getByRole('button', { name: 'Espresso' }).click();
    await expect(dialog(page)).toContainText('Thanks!');
    // A preview stores no answer and counts nothing.
    expect(await page.evaluate(async () => (await (window as any).segmint.profile()).traits.brewMethod)).toBeUndefined();
    // (The page's own slot fills count as usual; the previewed campaigns count nothing.)
    const seen: string[] = await page.evaluate(() => (window as any).seen);
    expect(seen.filter((event) => / (gold-strip|coupon|brew)$/.test(event))).toEqual([]);
    expect(seen).toContain('impression lamp-strip');
    const results = await new AxeBuilder({ page }).include('segmint-inspector').analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
