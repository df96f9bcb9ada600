// Main-thread impact of segmint on a page, in real Chromium with the CPU slowed 4× (RELIABILITY §8:
// no long task over 50 ms). Run `npm run build`, then `node tests/bench/long-tasks.bench.mjs`
// (`--campaigns=N` to change the workload). For each config size it loads a page that includes
// dist/segmint.js by script tag, waits until segmint is ready plus 6 s (one re-check of waiting
// campaigns), and records every long task (a PerformanceObserver `longtask` installed by
// addInitScript before any page script) and how long start() took; a first visit, then a repeat
// visit in the same browser context; `--runs=N` times each (default 3). `--inline` puts the config in
// the page (`<script type="application/json" id="segmint-config">`) instead of fetching it. Prints the median and the
// worst longest task per size and visit. Writes tests/bench/results/long-tasks.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-browser.mjs';
import { startServer } from '../../demo/serve.mjs';
import { median } from './stats.mjs';
import { openBenchPage } from './large-config-page.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sizeArg = process.argv.find((arg) => arg.startsWith('--campaigns='));
// -1: the same page without segmint, the baseline every other row is compared with.
const SIZES = sizeArg ? [Number(sizeArg.split('=')[1])] : [-1, 0, 10, 500, 5000];
const SLOWDOWN = 4;
const runsArg = process.argv.find((arg) => arg.startsWith('--runs='));
const RUNS = runsArg ? Number(runsArg.split('=')[1]) : 3;

const INLINE = process.argv.includes('--inline');

const { url, server } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const results = [];
try {
  for (const n of SIZES) {
    for (let run = 0; run < RUNS; run++) {
      // A first visit (nothing kept: the checks chunk runs), then a repeat visit in the same
      // context (the checked config kept, the chunks in the HTTP cache).
      const { context, page, cdp } = await openBenchPage(browser, n, { inline: INLINE, rate: SLOWDOWN });
      for (const visit of ['first', 'repeat']) {
        await page.goto(`${url}t/page`);
        await page.waitForFunction(() => window.__ready !== undefined || window.__errors, null, { timeout: 120_000 });
        const errors = await page.evaluate(() => window.__errors);
        if (errors) throw new Error(`segmint reported: ${errors.join('; ')}`);
        await page.waitForTimeout(6000);
        const { long, ready } = await page.evaluate(() => ({ long: window.__long, ready: Math.round(window.__ready) }));
        const row = { campaigns: n, config: INLINE ? 'inline' : 'fetched', visit, run, cpuSlowdown: SLOWDOWN, readyMs: ready, longTasks: long.length, longestTaskMs: Math.max(0, ...long), longTaskMs: long };
        results.push(row);
        console.log(JSON.stringify(row));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
// Per size and visit: the median and the worst of each load's longest task, over the runs.
const summary = [];
for (const n of SIZES) {
  for (const visit of ['first', 'repeat']) {
    const rows = results.filter((row) => row.campaigns === n && row.visit === visit);
    summary.push({
      campaigns: n, visit, runs: rows.length,
      readyMs: median(rows.map((row) => row.readyMs)),
      longTasks: median(rows.map((row) => row.longTasks)),
      longestTaskMs: median(rows.map((row) => row.longestTaskMs)),
      worstTaskMs: Math.max(...rows.map((row) => row.longestTaskMs)),
    });
  }
}
console.log(`\n| campaigns | visit | ready after (median) | long tasks (median) | longest (median) | longest (worst) |\n|---:|---|---:|---:|---:|---:|`);
for (const row of summary) console.log(`| ${row.campaigns < 0 ? 'none (no segmint)' : row.campaigns.toLocaleString('en')} | ${row.visit} | ${row.campaigns < 0 ? '–' : `${row.readyMs.toLocaleString('en')} ms`} | ${row.longTasks} | ${row.longestTaskMs} ms | ${row.worstTaskMs} ms |`);
console.log(`\n${INLINE ? 'inline config, ' : ''}${RUNS} runs per size, ${SLOWDOWN}× CPU, Chromium ${browser.version()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
mkdirSync(`${ROOT}tests/bench/results`, { recursive: true });
writeFileSync(`${ROOT}tests/bench/results/long-tasks${INLINE ? '-inline' : ''}.json`, JSON.stringify({ date: new Date().toISOString(), chromium: browser.version(), loadAverage: loadavg(), summary, results }, null, 2));
