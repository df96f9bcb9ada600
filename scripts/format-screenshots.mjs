// Screenshots of the campaign formats for the README, taken by driving the demo storefront as a
// visitor would (its own demo/site/segmint.json, the real dist/ build, nothing swapped):
//
//   npm run build && node scripts/format-screenshots.mjs      (or: npm run screenshots)
//
// Writes demo/screenshots/format-*.png:
//   format-inline.png            the cross-sell slot under the price of a product page
//   format-question.png          "How do you brew your coffee?", opened by its button (click trigger)
//   format-question-thanks.png   the thanks text after answering
//   format-inline-answered.png   the next product page's slot, now the pick for that answer
//   format-countdown.png         the exit-intent coupon with its 30-minute countdown
//   format-teaser.png            the same coupon dismissed: the tab in the corner, still counting
// Each step waits for what it pictures and fails (exit code 1) when it does not appear, so a
// picture never shows something other than its name says. Chromium: SEGMINT_CHROMIUM, else
// Playwright's own, else /usr/bin/chromium (tests/e2e/find-browser.mjs).
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../tests/e2e/find-browser.mjs';
import { startServer } from '../demo/serve.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}demo/screenshots`;
/** The exit-intent trigger ignores the pointer leaving in the first seconds after load (src/triggers/exit-intent.ts). */
const EXIT_ARM_DELAY_MS = 3000;

if (!existsSync(`${ROOT}dist/segmint.js`)) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });

const { url, server } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const errors = [];
try {
  await shootQuestionJourney();
  await shootCoupon();
} catch (error) {
  errors.push(error.message);
} finally {
  await browser.close();
  server.close();
}
if (errors.length) console.error(`format screenshots failed:\n${errors.join('\n')}`);
process.exitCode = errors.length ? 1 : 0;

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return page;
}

/** Everything final inside segmint's shadow roots: animations done, images decoded, fonts loaded. */
async function settle(page) {
  await page.evaluate(async () => {
    const roots = [...document.querySelectorAll('segmint-root, segmint-teaser, [data-segmint-slot]')].map((el) => el.shadowRoot).filter(Boolean);
    await Promise.all(roots.flatMap((root) => root.getAnimations().map((animation) => animation.finished)));
    await Promise.all(roots.flatMap((root) => Array.from(root.querySelectorAll('img'), (img) => img.decode().catch(() => {}))));
    await document.fonts.ready;
  });
}

async function shoot(page, name, target = page) {
  await settle(page);
  const path = `${OUT}/${name}.png`;
  await target.screenshot({ path });
  console.log(`wrote ${path.slice(ROOT.length)}`);
}

/** A first product page (the default cross-sell in the slot), the question and its thanks, then the next product page's pick. */
async function shootQuestionJourney() {
  const page = await newPage();
  await page.goto(`${url}products/trail-tent-2p`);
  const slot = page.locator('[data-segmint-slot="pdp-below-price"] [role="region"]');
  await slot.waitFor({ state: 'visible', timeout: 10_000 });
  await expectCampaign(slot, 'goes-well-with');
  await shoot(page, 'format-inline', page.locator('main'));

  await page.getByRole('button', { name: 'Coffee at camp?' }).click();
  const dialog = page.getByRole('dialog', { name: 'How do you brew your coffee?' });
  await dialog.waitFor({ state: 'visible', timeout: 10_000 });
  await shoot(page, 'format-question');
  await dialog.getByRole('button', { name: 'Espresso (moka pot)' }).click();
  await dialog.getByText('Thanks! Your next product page').waitFor({ state: 'visible', timeout: 5_000 });
  await shoot(page, 'format-question-thanks');
  // Stored before leaving, as for a visitor who reads the thanks for a moment.
  await page.waitForFunction(async () => (await window.segmint.profile()).traits.brewMethod === 'espresso', null, { timeout: 5_000 });

  await page.goto(`${url}products/camp-lamp`);
  await slot.waitFor({ state: 'visible', timeout: 10_000 });
  await expectCampaign(slot, 'espresso-pick');
  await shoot(page, 'format-inline-answered', page.locator('main'));
  await page.context().close();
}

/** The exit-intent coupon on a product page: the popup with its countdown, then its teaser tab. */
async function shootCoupon() {
  const page = await newPage();
  await page.goto(`${url}products/sleeping-mat`);
  await page.waitForFunction(() => window.segmint?.explain);
  await page.waitForTimeout(EXIT_ARM_DELAY_MS + 300);
  const dialog = page.getByRole('dialog', { name: 'Leaving already?' });
  // The pointer heads for the address bar; on a busy machine the trigger may arm a little later, so again until it shows.
  for (let attempt = 0; attempt < 5 && !(await dialog.isVisible()); attempt++) {
    await page.mouse.move(640, 300);
    await page.mouse.move(640, 5, { steps: 5 });
    await page.mouse.move(640, -20);
    await dialog.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
  }
  await dialog.waitFor({ state: 'visible', timeout: 5_000 });
  await page.mouse.move(640, 400);
  await expectCampaign(dialog, 'leaving-coupon');
  await shoot(page, 'format-countdown');
  await dialog.getByRole('button', { name: 'Later' }).click();
  const tab = page.locator('[data-segmint-teaser="leaving-coupon"]');
  await tab.waitFor({ state: 'visible', timeout: 5_000 });
  // A few seconds on, so the picture shows the tab still counting down.
  await page.waitForTimeout(3_000);
  await shoot(page, 'format-teaser');
  await page.context().close();
}

async function expectCampaign(locator, id) {
  const shown = await locator.getAttribute('data-campaign');
  if (shown !== id) throw new Error(`expected campaign "${id}" on the page, found "${shown}"`);
}
