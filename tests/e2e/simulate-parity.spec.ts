import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, openTestPage } from './fixtures';
import { seedProfile } from './idb';
import { profileOf } from './visitor-profile';

// `segmint simulate` must say what the browser does. Every fixture visitor goes through the CLI
// (dist/cli.js) and through the script-tag build (dist/segmint.js) in Chromium, set up as the
// visitor file says: its languages, country, device, time zone and page (path, and the product
// as the page's schema.org data), its stored profile (behaviour, traits, campaign history) and the
// same moment. Both must pick the same campaign, variant and locale. The config's campaigns all
// show on page view, so the browser's one decision is simulate's "every trigger at once".

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = join(root, 'tests/fixtures/configs/valid/visitor-parity.json');
const VISITORS = join(root, 'tests/fixtures/visitors');
const AT = '2026-12-03T10:00:00Z';
const NOW = Date.parse(AT);

type Visitor = Record<string, any>;
interface Outcome {
  campaign: string | null;
  variant?: string;
  locale?: string;
}

/** What `segmint simulate --json` says shows. */
function simulate(file: string): { outcome: Outcome; signals: Record<string, unknown> } {
  const output = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'simulate', CONFIG, '--visitor', file, '--at', AT, '--json'], { encoding: 'utf8' });
  const result = JSON.parse(output);
  expect(result.problems, 'the visitor file is valid').toEqual([]);
  const winner = result.winner;
  return { outcome: winner ? { campaign: winner.id, variant: winner.variant, locale: winner.locale } : { campaign: null }, signals: result.signals };
}

const LISTEN = `window.__decisions = []; window.__exposures = [];
segmint('on', 'decision', function (p) { __decisions.push(p); });
segmint('on', 'exposure', function (p) { __exposures.push(p); });`;

/** What the browser decides on the page view, and the signals it decided with. */
async function decideInBrowser(page: Page, visitor: Visitor): Promise<{ outcome: Outcome; signals: Record<string, unknown> }> {
  await page.clock.setFixedTime(NOW);
  await seedProfile(page, profileOf(visitor, NOW));
  const languages: string[] = visitor.languages ?? [visitor.locale];
  await page.addInitScript((list) => {
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => list });
    Object.defineProperty(Navigator.prototype, 'language', { get: () => list[0] });
  }, languages);
  const product = visitor.product ? `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', sku: visitor.product, name: visitor.product })}</script>` : '';
  await openTestPage(page, {
    config: readFileSync(CONFIG, 'utf8'),
    path: visitor.path,
    attributes: visitor.country ? `data-country="${visitor.country}"` : '',
    before: LISTEN,
    body: `<main><h1>Store</h1></main>${product}`,
  });
  await expect.poll(() => page.evaluate(() => (window as any).__decisions.filter((d: { trigger: string }) => d.trigger === 'pageview').length), { timeout: 10_000 }).toBe(1);
  const decision = await page.evaluate(() => (window as any).__decisions[0]);
  let outcome: Outcome = { campaign: null };
  if (decision.campaign) {
    await expect.poll(() => page.evaluate(() => (window as any).__exposures.length), { timeout: 10_000 }).toBe(1);
    const exposure = await page.evaluate(() => (window as any).__exposures[0]);
    expect(exposure.campaign).toBe(decision.campaign);
    expect(exposure.variant).toBe(decision.variant);
    outcome = { campaign: exposure.campaign, variant: exposure.variant, locale: exposure.locale };
  }
  const signals = await page.evaluate(() => (window as any).segmint.explain().then((e: { signals: Record<string, unknown> }) => JSON.parse(JSON.stringify(e.signals))));
  return { outcome, signals };
}

const files = readdirSync(VISITORS).filter((file) => file.endsWith('.json')).sort();

test('the fixture visitors cover locale fallback, devices, holdout, variants, offers, caps, traits and pages', () => {
  expect(files.length).toBeGreaterThanOrEqual(10);
  const runs = files.map((file) => {
    const visitor: Visitor = JSON.parse(readFileSync(join(VISITORS, file), 'utf8'));
    const output = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'simulate', CONFIG, '--visitor', join(VISITORS, file), '--at', AT, '--json'], { encoding: 'utf8' });
    return { visitor, result: JSON.parse(output) };
  });
  const shown = (predicate: (run: (typeof runs)[number]) => boolean) => runs.filter(predicate).length > 0;
  const reasons = runs.flatMap(({ result }) => result.campaigns.map((c: { reason?: string }) => c.reason ?? ''));
  expect(shown(({ visitor, result }) => visitor.locale === 'de-CH' && result.winner?.locale === 'de'), 'de-CH falls back to de').toBe(true);
  expect(shown(({ visitor, result }) => !/^(en|de|fr)\b/.test(visitor.locale) && result.winner?.locale === 'en'), 'an unknown locale gets defaultLocale').toBe(true);
  expect(shown(({ visitor, result }) => visitor.device === 'mobile' && result.winner?.id === 'app-download'), 'mobile').toBe(true);
  expect(shown(({ visitor, result }) => visitor.device === 'desktop' && result.winner && result.winner.id !== 'app-download'), 'desktop').toBe(true);
  expect(shown(({ result }) => result.winner?.variant === 'holdout'), 'a held-out visitor').toBe(true);
  for (const id of ['gold-preview', 'app-download']) {
    const variants = new Set(runs.filter(({ result }) => result.winner?.id === id).map(({ result }) => result.winner.variant));
    expect(variants.size, `${id} in more than one variant bucket`).toBeGreaterThan(1);
  }
  expect(shown(({ visitor, result }) => !!visitor.traits && result.winner?.id === 'gold-preview'), 'traits').toBe(true);
  expect(shown(({ result }) => result.winner === null), 'nothing shows').toBe(true);
  expect(reasons).toContain('offer');
  expect(reasons.some((reason) => reason.startsWith('frequency'))).toBe(true);
  expect(reasons).toContain('pages');
});

for (const file of files) {
  test(`${file}: simulate and the browser show the same campaign, variant and locale`, async ({ browser }) => {
    const path = join(VISITORS, file);
    const visitor: Visitor = JSON.parse(readFileSync(path, 'utf8'));
    const simulated = simulate(path);
    const mobile = visitor.device === 'mobile';
    const context = await browser.newContext({
      locale: visitor.locale,
      timezoneId: visitor.timezone ?? 'UTC',
      ...(mobile ? { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } }),
    });
    try {
      const page = await context.newPage();
      const browserSide = await decideInBrowser(page, visitor);
      // The page was set up as the file says: each signal the file names reads the same in both.
      for (const [key, value] of Object.entries(visitor)) {
        if (['id', 'product', 'campaigns'].includes(key)) continue;
        const expected = key === 'lastPurchaseAt' ? Date.parse(value) : value;
        expect(browserSide.signals[key], `browser signal ${key}`).toEqual(expected);
        expect(simulated.signals[key], `simulated signal ${key}`).toEqual(expected);
      }
      // What simulate works out itself (language from locale, pageType from the config's pages) is what the browser detects.
      for (const key of ['locale', 'language', 'country', 'device', 'path', 'pageType', 'productViews', 'cartItems', 'purchases', 'traits']) {
        expect(simulated.signals[key], `signal ${key}`).toEqual(browserSide.signals[key]);
      }
      expect(browserSide.outcome).toEqual(simulated.outcome);
    } finally {
      await context.close();
    }
  });
}
