import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { generateEvents, WAREHOUSE_CONFIG } from '../unit/warehouse/generate-events';
import { referenceRows } from '../unit/warehouse/reference-rows';

// The HTML report (SPEC §11 --html) as a marketer opens it: written by the built CLI from stats
// rows, opened from disk in Chromium, with no network, passing axe, and laid out for print.

const dir = mkdtempSync(join(tmpdir(), 'segmint-report-html-'));
const page = join(dir, 'results.html');

test.beforeAll(() => {
  const rows = referenceRows(generateEvents(1500, 3), { 'kettle-upsell': ['holdout', 'a', 'b'], 'tent-cross-sell': ['red', 'blue'] }, { 'kettle-upsell': 24, 'tent-cross-sell': 48 }, 'EUR');
  writeFileSync(join(dir, 'rows.json'), JSON.stringify(rows));
  writeFileSync(join(dir, 'segmint.json'), JSON.stringify(WAREHOUSE_CONFIG));
  execFileSync(process.execPath, ['dist/cli.js', 'report', '--stats', join(dir, 'rows.json'), '--config', join(dir, 'segmint.json'), '--html', page, '--locale', 'de-DE'], { stdio: 'pipe' });
});

test('opens from disk without a single request besides itself', async ({ page: tab }) => {
  const requests: string[] = [];
  tab.on('request', (request) => requests.push(request.url()));
  await tab.goto(pathToFileURL(page).href);
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Campaign results');
  await expect(tab.getByRole('heading', { level: 2 })).toHaveText(['kettle-upsell', 'tent-cross-sell']);
  // Every chart is drawn: three per campaign, each with marks in it.
  await expect(tab.locator('figure svg')).toHaveCount(6);
  for (const svg of await tab.locator('figure svg').all()) expect(await svg.locator('path, line').count()).toBeGreaterThan(3);
  await expect(tab.locator('.srm').first()).toContainText('split as configured');
  // Numbers in the report's locale (de-DE: decimal comma).
  await expect(tab.locator('table').first()).toContainText(/\d+,\d+\u00a0%/);
  expect(requests).toEqual([pathToFileURL(page).href]);
});

test('passes axe', async ({ page: tab }) => {
  await tab.goto(pathToFileURL(page).href);
  const results = await new AxeBuilder({ page: tab }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('prints on A4 with each campaign on its own pages and nothing cut at the right edge', async ({ page: tab }) => {
  // A4 less 14 mm margins on each side is 182 mm, 688 CSS px.
  await tab.setViewportSize({ width: 688, height: 1000 });
  await tab.goto(pathToFileURL(page).href);
  await tab.emulateMedia({ media: 'print' });
  const layout = await tab.evaluate(() => ({
    widest: Math.max(...[...document.querySelectorAll('table, figure')].map((element) => element.getBoundingClientRect().right)),
    breaks: [...document.querySelectorAll('h2')].map((heading) => getComputedStyle(heading).breakBefore),
  }));
  expect(layout.widest).toBeLessThanOrEqual(688);
  expect(layout.breaks).toEqual(['auto', 'page']);
  const pdf = await tab.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
