// The README's picture of the HTML report (README "HTML report"), written by the built CLI and
// photographed in Chromium.
//
//   npm run build && node tests/e2e/report-screenshot.mjs [events.ndjson] [segmint.json]
//
// Without arguments it reads the demo's simulated visitors (npm run demo:simulate) and the demo's
// config. Writes demo/screenshots/report.png: the first campaign, 1200 px wide.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from './find-browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const [events = `${ROOT}demo/events/simulated.ndjson`, config = `${ROOT}demo/site/segmint.json`] = process.argv.slice(2);
const html = join(mkdtempSync(join(tmpdir(), 'segmint-report-')), 'results.html');

for (const [file, hint] of [[`${ROOT}dist/cli.js`, 'run `npm run build` first'], [events, 'simulate the demo visitors first (npm run demo:simulate), or name an events file']]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: ${hint}.`);
    process.exit(1);
  }
}
try {
  execFileSync(process.execPath, [`${ROOT}dist/cli.js`, 'report', events, '--config', config, '--html', html], { stdio: ['ignore', 'ignore', 'inherit'] });
} catch (error) {
  // Exit 1 is an SRM warning: the page is written all the same.
  if (error.status !== 1) throw error;
}

mkdirSync(`${ROOT}demo/screenshots`, { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(html).href);
  // The page down to the end of the first campaign's lifts table.
  const bottom = await page.evaluate(() => {
    const tables = document.querySelectorAll('section')[0].querySelectorAll('.table-wrap');
    return Math.ceil((tables[1] ?? tables[0]).getBoundingClientRect().bottom + 16);
  });
  await page.screenshot({ path: `${ROOT}demo/screenshots/report.png`, fullPage: true, clip: { x: 0, y: 0, width: 1200, height: bottom } });
  console.log(`wrote demo/screenshots/report.png from ${events}`);
} finally {
  await browser.close();
}
