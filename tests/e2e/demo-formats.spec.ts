import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { EXIT_INTENT } from '../../src/triggers/exit-intent';

// The demo storefront's formats, as a visitor meets them with the demo's own config
// (demo/site/segmint.json): the inline slot under the price, the coffee question opened by its
// button, the next page's slot changed by the answer, and the exit-intent coupon with its
// countdown and teaser tab. Axe on each; layout shift measured while the slot fills.

test.use({ locale: 'en-US', viewport: { width: 1280, height: 800 } });

const demo = JSON.parse(readFileSync(new URL('../../demo/site/segmint.json', import.meta.url), 'utf8'));
const slotRegion = (page: Page) => page.locator('[data-segmint-slot="pdp-below-price"] [role="region"]');
const tab = (page: Page) => page.locator('segmint-teaser [data-segmint-teaser]');

async function expectAxeClean(page: Page, include: string) {
  // Colours are judged as they end up, not halfway through the entrance animation.
  await page.locator(include).first().evaluate((host) => Promise.all((host.shadowRoot?.getAnimations() ?? []).map((a) => a.finished)));
  const results = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.passes.length, `axe looked inside ${include}`).toBeGreaterThan(0);
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)).toEqual([]);
}

async function expectCampaign(locator: Locator, id: string) {
  await expect(locator).toHaveAttribute('data-campaign', id);
}

test('the slot under the price fills with the cross-sell, shifting nothing, and is axe-clean', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) (window as any).shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/products/trail-tent-2p');
  const after = page.locator('main .product, main').first().locator('p:not(.price):not(.perks)').first();
  const before = await after.evaluate((el) => el.getBoundingClientRect().top);
  await expect(slotRegion(page)).toBeVisible();
  await expectCampaign(slotRegion(page), 'goes-well-with');
  await expect(slotRegion(page).getByRole('heading')).toHaveText('Goes well with the Trail Tent 2P');
  await expect(slotRegion(page).locator('.sm-product')).toHaveText(['Insulated Sleeping Mat$89.00', 'Camp Lamp$29.00']);
  await page.waitForTimeout(300);
  // The demo's CSS reserves the slot's space: the description under it stays where it was.
  expect(await after.evaluate((el) => el.getBoundingClientRect().top)).toBe(before);
  expect(await page.evaluate(() => (window as any).shifts.reduce((sum: number, v: number) => sum + v, 0))).toBe(0);
  await expectAxeClean(page, '[data-segmint-slot]');
});

test('the host\'s fallback stays when segmint does not run the slot', async ({ page }) => {
  await page.route('**/segmint.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...demo, campaigns: demo.campaigns.filter((c: { layout?: { type: string } }) => c.layout?.type !== 'inline') }) }));
  await page.goto('/products/trail-tent-2p');
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await expect(page.locator('[data-segmint-slot] .perks')).toBeVisible();
  expect(await page.locator('[data-segmint-slot]').evaluate((el) => el.shadowRoot)).toBeNull();
});

test('the coffee question opens from its button, stores the answer, and the next product page recommends for it', async ({ page }) => {
  await page.goto('/products/trail-tent-2p');
  await expect(slotRegion(page)).toBeVisible();
  await page.getByRole('button', { name: 'Coffee at camp?' }).click();
  const question = page.getByRole('dialog', { name: 'How do you brew your coffee?' });
  await expect(question).toBeVisible();
  await expectCampaign(question, 'brew-question');
  await expectAxeClean(page, 'segmint-root');
  // Keyboard: Tab to the second option, Enter answers.
  await question.getByRole('button', { name: 'Filter / pour-over' }).focus();
  await page.keyboard.press('Enter');
  await expect(question).toContainText('Thanks! Your next product page has a pick for the way you brew.');
  await expectAxeClean(page, 'segmint-root');
  await expect.poll(() => page.evaluate(async () => (await (window as any).segmint.profile()).traits.brewMethod)).toBe('filter');

  await page.goto('/products/camp-lamp');
  await expect(slotRegion(page)).toBeVisible();
  await expectCampaign(slotRegion(page), 'filter-pick');
  await expect(slotRegion(page).locator('.sm-product')).toHaveText(['Pour-Over Dripper$19.00']);
  const trace = await page.evaluate(() => (window as any).segmint.explain());
  const reasons = Object.fromEntries(trace.campaigns.map((c: { id: string; eligible: boolean; reason?: string }) => [c.id, c.eligible ? 'eligible' : c.reason]));
  expect(reasons).toMatchObject({ 'filter-pick': 'eligible', 'espresso-pick': 'audience', 'french-press-pick': 'audience', 'brew-question': 'frequency.afterConversionHours' });
  expect(trace.segments['filter-brewers'].match).toBe(true);

  // Answered: the button opens nothing now.
  await page.getByRole('button', { name: 'Coffee at camp?' }).click();
  await page.waitForTimeout(500);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('leaving a product page shows the coupon with its 30-minute countdown; dismissed it waits as a tab that follows to the next page', async ({ page }) => {
  await page.goto('/products/sleeping-mat');
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.waitForTimeout(EXIT_INTENT.armDelayMs + 300);
  const coupon = page.getByRole('dialog', { name: 'Leaving already?' });
  // The pointer heads for the address bar; the trigger arms its delay after the engage chunk loads, so on a busy machine again.
  await expect(async () => {
    await page.mouse.move(640, 300);
    await page.mouse.move(640, 5, { steps: 5 });
    await page.mouse.move(640, -20);
    await expect(coupon).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 12_000 });
  await expect(coupon).toBeVisible();
  await expectCampaign(coupon, 'leaving-coupon');
  // 30 minutes from this first impression, counting down.
  await expect(coupon).toContainText(/The code is yours for 00:(30:00|29:\d\d)/);
  await expect(coupon).toContainText(/00:29:\d\d/, { timeout: 3_000 });
  await expectAxeClean(page, 'segmint-root');
  const firstImpressionAt = await page.evaluate(async () => (await (window as any).segmint.profile()).campaigns['leaving-coupon'].firstImpressionAt);
  expect(firstImpressionAt).toBeGreaterThan(0);

  await coupon.getByRole('button', { name: 'Later' }).click();
  await expect(coupon).toHaveCount(0);
  await expect(tab(page)).toHaveAttribute('data-segmint-teaser', 'leaving-coupon');
  await expect(tab(page)).toHaveText(/^10% off · 00:29:\d\d/);
  await expectAxeClean(page, 'segmint-teaser');

  await page.goto('/products/camp-lamp');
  await expect(tab(page)).toHaveText(/^10% off · 00:2\d:\d\d/);
  await tab(page).click();
  await expect(page.getByRole('dialog', { name: 'Leaving already?' })).toBeVisible();
});
