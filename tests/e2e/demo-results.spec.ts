import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, dialog } from './fixtures';

// The demo server runs `segmint collect` behind its POST /collect (demo/serve.mjs --collect, as
// `npm start` does); playwright.config.ts points it at this folder.
const EVENTS = process.env.SEGMINT_E2E_EVENTS!;
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CONFIG = fileURLToPath(new URL('../../demo/site/segmint.json', import.meta.url));

type Line = Record<string, unknown> & { event: string; visitor: string };

/** Every line the demo's collector has written so far (other tests' visitors too). */
function readLines(): Line[] {
  if (!existsSync(EVENTS)) return [];
  return readdirSync(EVENTS).filter((name) => name.endsWith('.ndjson'))
    .flatMap((name) => readFileSync(join(EVENTS, name), 'utf8').split('\n').filter(Boolean).map((text) => JSON.parse(text) as Line));
}

async function readVisitor(page: Page): Promise<string> {
  await page.waitForFunction(() => typeof (window as any).segmint?.profile === 'function');
  return page.evaluate(async () => (await (window as any).segmint.profile()).id);
}

test('clicking through the demo storefront sends §10 events to its collector, and segmint report reads them', async ({ page }) => {
  await page.goto('/');
  const visitor = await readVisitor(page);
  await expect(dialog(page).getByRole('heading')).toHaveText('Free shipping over $75');
  await dialog(page).getByRole('button', { name: 'Got it' }).click();
  await expect.poll(() => page.evaluate(async () => (await (window as any).segmint.profile()).campaigns['free-shipping-bar']?.dismissedAt)).toBeGreaterThan(0);

  for (const [path, views] of [['/products/trail-tent-2p', 1], ['/products/sleeping-mat', 2]] as const) {
    await page.goto(path);
    await page.waitForFunction(() => (window as any).segmint?.explain);
    await expect.poll(() => page.evaluate(async () => (await (window as any).segmint.profile()).productViews)).toBe(views);
  }
  const crossSell = page.getByRole('dialog', { name: 'Complete your setup' });
  await expect(crossSell).toHaveAttribute('data-campaign', 'gear-cross-sell');
  await crossSell.getByRole('button', { name: 'Add both to cart' }).click();
  await expect.poll(() => page.evaluate(async () => (await (window as any).segmint.profile()).campaigns['gear-cross-sell']?.clickedAt)).toBeGreaterThan(0);
  // Leaving the page sends what is still batched.
  await page.goto('/cart');
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you');
  // Leaving the thank-you page at once loses nothing (SPEC §10).
  await page.goto('/');

  const mine = () => readLines().filter((line) => line.visitor === visitor);
  const has = (event: string, campaign: string) => mine().some((line) => line.event === event && line.campaign === campaign);
  await expect.poll(() => has('exposure', 'free-shipping-bar') && has('dismiss', 'free-shipping-bar'), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => has('exposure', 'gear-cross-sell') && has('click', 'gear-cross-sell'), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => mine().some((line) => line.event === 'purchase') && has('conversion', 'gear-cross-sell'), { timeout: 10_000 }).toBe(true);
  const purchase = mine().find((line) => line.event === 'purchase')!;
  expect(purchase).toMatchObject({ currency: 'USD', path: '/cart', transactionId: expect.stringMatching(/^demo-/) });
  expect(purchase.value).toBeGreaterThan(0);
  expect(mine().find((line) => line.event === 'conversion')).toMatchObject({ campaign: 'gear-cross-sell', value: purchase.value, transactionId: purchase.transactionId });
  expect(mine().filter((line) => line.event === 'purchase')).toHaveLength(1);

  const lines = mine();
  expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);
  for (const line of lines) {
    expect(line.id).toEqual(expect.any(String));
    expect(line.visitor).toMatch(/^[0-9a-f]{24}$/);
    expect(line.time).toEqual(expect.any(Number));
    expect(Math.abs(Date.now() - (line.time as number))).toBeLessThan(5 * 60_000);
    expect(line.path).toMatch(/^\/(products\/[a-z0-9-]+|cart)?$/);
  }
  expect(lines.find((line) => line.event === 'click')).toMatchObject({ campaign: 'gear-cross-sell', path: '/products/sleeping-mat' });

  // The report of this visitor's events against the demo's config, as `npm run demo:results` runs it.
  const file = join(mkdtempSync(join(tmpdir(), 'segmint-demo-results-')), 'events.ndjson');
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const table = spawnSync(process.execPath, [CLI, 'report', file, '--config', CONFIG], { encoding: 'utf8' });
  expect(table.stderr).toBe('');
  expect(table.status).toBe(0);
  expect(table.stdout).toContain('gear-cross-sell');
  const json = spawnSync(process.execPath, [CLI, 'report', file, '--config', CONFIG, '--json'], { encoding: 'utf8' });
  expect(json.status).toBe(0);
  const report = JSON.parse(json.stdout) as { events: number; campaigns: { campaign: string; arms: { variant: string; visitors: number; impressions: number; clickers: number; purchasers: number }[] }[] };
  expect(report.events).toBe(lines.length);
  expect(report.campaigns.find((row) => row.campaign === 'gear-cross-sell')?.arms).toEqual([
    expect.objectContaining({ variant: 'default', visitors: 1, impressions: 1, clickers: 1, purchasers: 1 }),
  ]);
  expect(report.campaigns.find((row) => row.campaign === 'free-shipping-bar')?.arms).toEqual([
    expect.objectContaining({ variant: 'default', visitors: 1, clickers: 0 }),
  ]);
});
