// Main-thread impact of segmint on a page, in real Chromium with the CPU slowed 4× (RELIABILITY §8:
// no long task over 50 ms). Run `npm run build`, then `node tests/bench/long-tasks.bench.mjs`
// (`--campaigns=N` to change the workload, `--campaigns=10,5000` for several). For each config size it loads a page that includes
// dist/segmint.js by script tag, waits until segmint is ready plus 6 s (one re-check of waiting
// campaigns), and records every long task (a PerformanceObserver `longtask` installed by
// addInitScript before any page script) and how long start() took; a first visit, then a repeat
// visit in the same browser context; `--runs=N` times each (default 3). `--inline` puts the config in
// the page (`<script type="application/json" id="segmint-config">`) instead of fetching it. Prints the median and the
// worst longest task per size and visit. Writes tests/bench/results/long-tasks.json.
// `--base-dist=DIR` also loads each run with another build's segmint.js and chunks (DIR, a build's
// dist/; the two builds alternate which goes first from run to run, each in its own fresh context,
// after one unmeasured warm-up visit)
// and prints this build against it as the median of the paired differences per run. Each visit
// also records the main thread's script time (CDP `Performance.getMetrics` `ScriptDuration`,
// compiling included, over the visit's load and its 6 s: the page's own scripts too).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-browser.mjs';
import { startServer } from '../../demo/serve.mjs';
import { median, pairedDeltas } from './stats.mjs';
import { evaluateInPage, openBenchPage, waitForReady } from './large-config-page.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sizeArg = process.argv.find((arg) => arg.startsWith('--campaigns='));
// -1: the same page without segmint, the baseline every other row is compared with.
// `--campaigns=10,5000`: several sizes in one run, to tell what a large config adds from what any page view costs.
const SIZES = sizeArg ? sizeArg.split('=')[1].split(',').map(Number) : [-1, 0, 10, 500, 5000];
const SLOWDOWN = 4;
const runsArg = process.argv.find((arg) => arg.startsWith('--runs='));
const RUNS = runsArg ? Number(runsArg.split('=')[1]) : 3;

const INLINE = process.argv.includes('--inline');
const BASE_DIST = process.argv.find((arg) => arg.startsWith('--base-dist='))?.split('=')[1];
const BUILDS = BASE_DIST ? ['this', 'base'] : ['this'];

/** `ScriptDuration` of the tab's document so far, in ms. */
async function scriptMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * metrics.find((m) => m.name === 'ScriptDuration').value;
}

const { url, server } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const results = [];
try {
  if (BASE_DIST) {
    // An unmeasured warm-up visit: the browser's first page pays for its processes, which would
    // fall on whichever build goes first.
    const { context, page, cdp } = await openBenchPage(browser, SIZES.at(-1), { inline: INLINE, rate: SLOWDOWN });
    await page.goto(`${url}t/page`);
    await waitForReady(cdp);
    await context.close();
  }
  // The sizes interleaved run by run, as the builds are: a machine's load drifting falls on each alike.
  for (let run = 0; run < RUNS; run++) {
    for (const n of SIZES) {
      for (const build of run % 2 ? [...BUILDS].reverse() : BUILDS) {
        // A first visit (nothing kept: the checks chunk runs), then a repeat visit in the same
        // context (the checked config kept, the chunks in the HTTP cache).
        const { context, page, cdp } = await openBenchPage(browser, n, { inline: INLINE, rate: SLOWDOWN, baseDist: build === 'base' ? BASE_DIST : undefined });
        await cdp.send('Performance.enable');
        for (const visit of ['first', 'repeat']) {
          await page.goto(`${url}t/page`);
          // Polled and read with bare CDP evaluations: Playwright's would add a long task of their own (waitForReady).
          await waitForReady(cdp);
          const errors = await evaluateInPage(cdp, 'window.__errors');
          if (errors) throw new Error(`segmint reported: ${errors.join('; ')}`);
          await page.waitForTimeout(6000);
          const { long, ready } = await evaluateInPage(cdp, '({ long: window.__long, ready: Math.round(window.__ready) })');
          // The metric starts again at 0 with each document (the visit's own).
          const script = Math.round(await scriptMs(cdp));
          const row = { campaigns: n, config: INLINE ? 'inline' : 'fetched', build, visit, run, cpuSlowdown: SLOWDOWN, readyMs: ready, scriptMs: script, longTasks: long.length, longestTaskMs: Math.max(0, ...long), longTaskMs: long };
          results.push(row);
          console.log(JSON.stringify(row));
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
// Per size, build and visit: the median and the worst of each load's longest task, over the runs.
const summary = [];
for (const n of SIZES) {
  for (const build of BUILDS) {
    for (const visit of ['first', 'repeat']) {
      const rows = results.filter((row) => row.campaigns === n && row.build === build && row.visit === visit);
      summary.push({
        campaigns: n, build, visit, runs: rows.length,
        readyMs: median(rows.map((row) => row.readyMs)),
        scriptMs: median(rows.map((row) => row.scriptMs)),
        longTasks: median(rows.map((row) => row.longTasks)),
        longestTaskMs: median(rows.map((row) => row.longestTaskMs)),
        worstTaskMs: Math.max(...rows.map((row) => row.longestTaskMs)),
      });
    }
  }
}
const buildColumn = BASE_DIST ? ' build |' : '';
console.log(`\n| campaigns |${buildColumn} visit | ready after (median) | script time (median) | long tasks (median) | longest (median) | longest (worst) |\n|---:|${BASE_DIST ? '---|' : ''}---|---:|---:|---:|---:|---:|`);
for (const row of summary) console.log(`| ${row.campaigns < 0 ? 'none (no segmint)' : row.campaigns.toLocaleString('en')} |${BASE_DIST ? ` ${row.build === 'base' ? BASE_DIST : 'this'} |` : ''} ${row.visit} | ${row.campaigns < 0 ? '–' : `${row.readyMs.toLocaleString('en')} ms`} | ${row.scriptMs} ms | ${row.longTasks} | ${row.longestTaskMs} ms | ${row.worstTaskMs} ms |`);
// With --base-dist: this build minus the base, paired within each run (same size, visit and run).
const paired = [];
if (BASE_DIST) {
  console.log(`\nthis build − ${BASE_DIST}, median of the paired differences per run:\n\n| campaigns | visit | ready after | script time | long tasks | longest |\n|---:|---|---:|---:|---:|---:|`);
  for (const n of SIZES) {
    for (const visit of ['first', 'repeat']) {
      const pick = (build) => results.filter((row) => row.campaigns === n && row.build === build && row.visit === visit).sort((a, b) => a.run - b.run);
      const diff = (key) => median(pairedDeltas(pick('this').map((row) => row[key]), pick('base').map((row) => row[key])));
      const row = { campaigns: n, visit, readyMs: diff('readyMs'), scriptMs: diff('scriptMs'), longTasks: diff('longTasks'), longestTaskMs: diff('longestTaskMs') };
      paired.push(row);
      const signed = (x, unit = '') => `${x >= 0 ? '+' : ''}${x}${unit}`;
      console.log(`| ${n < 0 ? 'none' : n.toLocaleString('en')} | ${visit} | ${signed(row.readyMs, ' ms')} | ${signed(row.scriptMs, ' ms')} | ${signed(row.longTasks)} | ${signed(row.longestTaskMs, ' ms')} |`);
    }
  }
}
console.log(`\n${INLINE ? 'inline config, ' : ''}${RUNS} runs per size, ${SLOWDOWN}× CPU, Chromium ${browser.version()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
mkdirSync(`${ROOT}tests/bench/results`, { recursive: true });
writeFileSync(`${ROOT}tests/bench/results/long-tasks${INLINE ? '-inline' : ''}.json`, JSON.stringify({ date: new Date().toISOString(), chromium: browser.version(), loadAverage: loadavg(), baseDist: BASE_DIST, summary, paired, results }, null, 2));
