import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, openTestPage } from './fixtures';
import { seedProfile } from './idb';
import { profileOf } from './visitor-profile';

// `segmint simulate` must say what the browser does with the formats too (as
// simulate-parity.spec.ts for the rest). Each fixture visitor in tests/fixtures/visitors-formats
// goes through the CLI and through dist/segmint.js in Chromium, on a page with the slots the file
// lists, its stored history (countdown starts, a question's answer as its trait, conversions),
// at the same moment. Both must agree on: what fills each slot (campaign, variant, locale; a
// holdout keeps the fallback), every campaign's eligibility and reason (explain() against
// simulate: `slot`, `countdown`, `frequency.afterConversionHours`…), and the popup that shows
// when the visitor clicks the button every popup of the config is triggered by.

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = join(root, 'tests/fixtures/configs/valid/formats-parity.json');
const VISITORS = join(root, 'tests/fixtures/visitors-formats');
const AT = '2026-12-03T10:00:00Z';
const NOW = Date.parse(AT);

type Visitor = Record<string, any>;
interface Shown {
  campaign: string | null;
  variant?: string;
  locale?: string;
}
interface Outcome {
  popup: Shown;
  slots: Record<string, Shown>;
  reasons: Record<string, string>;
}

const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
const slotOf = new Map<string, string>(config.campaigns.filter((c: any) => c.layout?.type === 'inline').map((c: any) => [c.id, c.layout.slot]));
const traitOf = (id: string) => config.campaigns.find((c: any) => c.id === id)?.question?.trait;
const reasonsOf = (campaigns: { id: string; eligible: boolean; reason?: string }[]) => Object.fromEntries(campaigns.map((c) => [c.id, c.eligible ? 'eligible' : c.reason ?? '']));

function runSimulate(file: string): any {
  const output = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'simulate', CONFIG, '--visitor', file, '--at', AT, '--json'], { encoding: 'utf8' });
  return JSON.parse(output);
}

/** What `segmint simulate --json` says. */
function simulate(file: string): Outcome {
  const result = runSimulate(file);
  expect(result.problems, 'the visitor file is valid').toEqual([]);
  const shown = (c: any): Shown => (c ? { campaign: c.id, variant: c.variant, locale: c.locale } : { campaign: null });
  return {
    popup: shown(result.winner),
    slots: Object.fromEntries(Object.entries(result.slots).map(([slot, c]) => [slot, shown(c)])),
    reasons: reasonsOf(result.campaigns),
  };
}

const LISTEN = `window.__decisions = []; window.__exposures = [];
segmint('on', 'decision', function (p) { __decisions.push(p); });
segmint('on', 'exposure', function (p) { __exposures.push(p); });`;

const read = (page: Page, name: '__decisions' | '__exposures') => page.evaluate((key) => (window as any)[key], name) as Promise<any[]>;

async function decideInBrowser(page: Page, visitor: Visitor): Promise<Outcome> {
  await page.clock.setFixedTime(NOW);
  await seedProfile(page, profileOf(visitor, NOW, traitOf));
  const slots: string[] = visitor.slots ?? [];
  const product = visitor.product ? `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', sku: visitor.product, name: visitor.product })}</script>` : '';
  await openTestPage(page, {
    config: readFileSync(CONFIG, 'utf8'),
    path: visitor.path,
    before: LISTEN,
    body: `<main><h1>Store</h1>${slots.map((slot) => `<div data-segmint-slot="${slot}" style="min-height:240px"><p>fallback</p></div>`).join('')}<button type="button" data-segmint-open>Offers</button></main>${product}`,
  });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  // Every slot of the page is decided on the page view, apart from the popups (which wait for the click).
  await expect.poll(async () => (await read(page, '__decisions')).filter((d) => d.trigger === 'pageview').length, { timeout: 10_000 }).toBe(slots.length);
  const slotDecisions = (await read(page, '__decisions')).filter((d) => d.trigger === 'pageview' && d.campaign);
  const filled: Record<string, Shown> = Object.fromEntries(slots.map((slot) => [slot, { campaign: null }]));
  for (const decision of slotDecisions) {
    const slot = slotOf.get(decision.campaign)!;
    await expect.poll(async () => (await read(page, '__exposures')).some((e) => e.campaign === decision.campaign), { timeout: 10_000 }).toBe(true);
    const exposure = (await read(page, '__exposures')).find((e) => e.campaign === decision.campaign);
    expect(exposure.variant).toBe(decision.variant);
    filled[slot] = { campaign: decision.campaign, variant: decision.variant, locale: exposure.locale };
    // A holdout keeps the host's fallback; anything else is in the slot, marked.
    const region = page.locator(`[data-segmint-slot="${slot}"] [role="region"]`);
    if (decision.variant === 'holdout') await expect(page.locator(`[data-segmint-slot="${slot}"] p`)).toHaveText('fallback');
    else await expect(region).toHaveAttribute('data-campaign', decision.campaign);
  }
  const trace = await page.evaluate(() => (window as any).segmint.explain());

  await page.getByRole('button', { name: 'Offers' }).click();
  await expect.poll(async () => (await read(page, '__decisions')).filter((d) => d.trigger === 'click').length, { timeout: 10_000 }).toBe(1);
  const decision = (await read(page, '__decisions')).find((d) => d.trigger === 'click');
  let popup: Shown = { campaign: null };
  if (decision.campaign) {
    await expect.poll(async () => (await read(page, '__exposures')).some((e) => e.campaign === decision.campaign), { timeout: 10_000 }).toBe(true);
    const exposure = (await read(page, '__exposures')).find((e) => e.campaign === decision.campaign);
    expect(exposure.variant).toBe(decision.variant);
    popup = { campaign: exposure.campaign, variant: exposure.variant, locale: exposure.locale };
  }
  return { popup, slots: filled, reasons: reasonsOf(trace.campaigns) };
}

const files = readdirSync(VISITORS).filter((file) => file.endsWith('.json')).sort();

test('the format visitors cover slots present and absent, a slot holdout, variants, countdowns running and over, answers new and old', () => {
  const runs = files.map((file) => runSimulate(join(VISITORS, file)));
  const reasons = runs.flatMap((result) => result.campaigns.map((c: { reason?: string }) => c.reason ?? ''));
  for (const reason of ['slot', 'countdown', 'frequency.afterConversionHours', 'offer', 'audience']) expect(reasons, reason).toContain(reason);
  const fills = runs.flatMap((result) => Object.values(result.slots) as any[]);
  expect(fills.some((c) => c === null), 'a slot keeps its fallback').toBe(true);
  expect(fills.some((c) => c?.variant === 'holdout'), 'a slot held out').toBe(true);
  expect(new Set(fills.filter((c) => c?.id === 'goes-well-with' && c.shows).map((c) => c.variant)).size, 'both variants in a slot').toBe(2);
  expect(fills.some((c) => c?.id === 'espresso-pick'), 'the answer chooses the slot').toBe(true);
  expect(fills.some((c) => c?.locale === 'de'), 'a slot in German').toBe(true);
  expect(new Set(runs.map((result) => result.winner?.id ?? null)), 'the popup: coupon, question, nothing').toEqual(new Set(['coupon', 'brew-question', null]));
  expect(runs.some((result) => result.campaigns.find((c: any) => c.id === 'coupon').eligible && result.campaigns.find((c: any) => c.id === 'coupon').countdownEndsAt !== new Date(NOW + 30 * 60_000).toISOString()), 'a countdown already running').toBe(true);
});

for (const file of files) {
  test(`${file}: simulate and the browser fill the same slots, give the same reasons and show the same popup`, async ({ browser }) => {
    const path = join(VISITORS, file);
    const visitor: Visitor = JSON.parse(readFileSync(path, 'utf8'));
    const simulated = simulate(path);
    const context = await browser.newContext({ locale: visitor.locale, timezoneId: 'UTC', viewport: { width: 1280, height: 800 } });
    try {
      const browserSide = await decideInBrowser(await context.newPage(), visitor);
      expect(browserSide.slots, 'slots').toEqual(simulated.slots);
      expect(browserSide.reasons, 'eligibility and reasons').toEqual(simulated.reasons);
      expect(browserSide.popup, 'popup').toEqual(simulated.popup);
    } finally {
      await context.close();
    }
  });
}
