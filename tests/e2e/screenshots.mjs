// Screenshots of every popup layout at desktop and phone size, for the README.
//
//   npm run build && node tests/e2e/screenshots.mjs
//
// Writes demo/screenshots/<layout>-<desktop|mobile>.png, and inspector.png (the debug panel on
// the demo's product page, with the demo's own config). It serves the demo storefront with
// demo/serve.mjs (on a free port) and swaps its segmint.json for one campaign per layout, so each
// picture shows the real popup from dist/ over the real demo page. Chromium: SEGMINT_CHROMIUM,
// else Playwright's own, else the system's (as tests/e2e/find-browser.ts).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from './find-browser.mjs';
import { startServer } from '../../demo/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = `${ROOT}demo/screenshots`;

const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  mobile: { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true },
};

// The demo's own catalog, so product cards show its images, names and prices.
const { catalog } = JSON.parse(readFileSync(`${ROOT}demo/site/segmint.json`, 'utf8'));

const offer = {
  offer: { products: ['SKU-MAT', 'SKU-LAMP'], coupon: 'TRAIL10' },
  cta: { action: 'add-to-cart' },
  content: { en: { title: 'Complete your camp', body: 'Use {coupon} at checkout for 10% off both.', cta: 'Add both to cart', dismiss: 'No thanks' } },
};
const announcement = {
  offer: { coupon: 'SHIPFREE' },
  cta: { action: 'link', url: '/products/trail-tent-2p' },
  content: { en: { title: 'Free shipping over $75', body: 'Use {coupon} by Friday.', cta: 'Shop tents', dismiss: 'Not now' } },
};

const LAYOUTS = {
  modal: { layout: { type: 'modal' }, ...offer },
  'slide-in': { layout: { type: 'slide-in', position: 'bottom-right' }, ...offer },
  'bar-top': { layout: { type: 'bar', position: 'top' }, ...announcement },
  'bar-bottom': { layout: { type: 'bar', position: 'bottom' }, ...announcement },
  sheet: { layout: { type: 'sheet' }, ...offer },
};


if (!existsSync(`${ROOT}dist/segmint.js`) || !existsSync(`${ROOT}dist/segmint-popup.js`)) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

mkdirSync(OUT, { recursive: true });
const { url, server } = await startServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: CHROMIUM_ARGS,
});

let failed = false;
try {
  for (const [name, campaign] of Object.entries(LAYOUTS)) {
    for (const [size, options] of Object.entries(SIZES)) {
      const context = await browser.newContext({ ...options, locale: 'en-US', colorScheme: 'light', reducedMotion: 'reduce' });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const config = { version: 1, defaultLocale: 'en', currency: 'USD', catalog, campaigns: [{ id: name, ...campaign }] };
      await page.route('**/segmint.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }));
      await page.goto(url);
      const dialog = page.locator('segmint-root [role="dialog"]');
      await dialog.waitFor({ state: 'visible', timeout: 10_000 });
      // Everything final: animations done, product images decoded, fonts loaded.
      await page.evaluate(async () => {
        const shadow = document.querySelector('segmint-root').shadowRoot;
        await Promise.all(shadow.getAnimations().map((animation) => animation.finished));
        await Promise.all(Array.from(shadow.querySelectorAll('img'), (img) => img.decode().catch(() => {})));
        await document.fonts.ready;
      });
      const path = `${OUT}/${name}-${size}.png`;
      await page.screenshot({ path });
      if (errors.length) {
        failed = true;
        console.error(`${name}-${size}: page errors: ${errors.join('; ')}`);
      }
      console.log(`wrote ${path.slice(ROOT.length)}`);
      await context.close();
    }
  }
  failed = !(await shootInspector()) || failed;
} finally {
  await browser.close();
  server.close();
}
process.exitCode = failed ? 1 : 0;

/** The inspector over the demo's product page, with the demo's real config; true when it went well. */
async function shootInspector() {
  const context = await browser.newContext({ ...SIZES.desktop, locale: 'en-US', colorScheme: 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}products/sleeping-mat?segmint=debug`);
  const panel = page.locator('segmint-inspector [role="region"] li[data-campaign]').first();
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready);
  const path = `${OUT}/inspector.png`;
  await page.screenshot({ path });
  console.log(`wrote ${path.slice(ROOT.length)}`);
  await context.close();
  if (errors.length) console.error(`inspector: page errors: ${errors.join('; ')}`);
  return errors.length === 0;
}
