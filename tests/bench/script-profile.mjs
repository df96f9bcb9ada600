// Where a script's main-thread time goes on the page-impact bench's storefront page (served by
// `page-impact.bench.mjs --serve`): each variant named is loaded `--loads` times, each in a fresh
// browser context as the bench does, with V8's sampling profiler on (CDP `Profiler`, one sample
// every `--interval` µs, default 100) from before navigation to a second after the network went
// quiet. Prints, per variant, the median over the loads of the time sampled in each script's own
// functions, then the functions with the most self time summed over all loads (name, script,
// line:column of the built file, samples), and the engine's own buckets (`(program)`, `(garbage
// collector)`), which are no one script's. Run `npm run build`, then
// `node tests/bench/script-profile.mjs [--variants=segmint-no-popup,...] [--loads=5] [--rate=1]
// [--top=25] [--base-dist=DIR]`. Sampling adds its own overhead: compare the variants with each other, not with
// page-impact's figures.
import { chromium } from 'playwright-core';
import { inFreshVisit, serveBenchPage } from './bench-visit.mjs';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-browser.mjs';
import { median, selfTimes } from './stats.mjs';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const VARIANTS = String(args.get('variants') ?? 'segmint-no-popup,segmint-no-popup-repeat,growthbook').split(',');
const LOADS = Number(args.get('loads') ?? 5);
const RATE = Number(args.get('rate') ?? 1);
const TOP = Number(args.get('top') ?? 25);
const INTERVAL = Number(args.get('interval') ?? 100);

// `--base-dist=DIR`: page-impact's `<name>@base` variants, their script and chunks from DIR (another build).
const bench = await serveBenchPage(args.has('base-dist') ? [`--base-dist=${args.get('base-dist')}`] : []);
const { origin } = bench;

/** One profiled load of `variant` in a fresh context: self time (ms) per function key. */
async function profileLoad(browser, variant) {
  return inFreshVisit(browser, origin, variant, RATE, async (page, cdp) => {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL });
    await cdp.send('Profiler.start');
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000 * Math.sqrt(RATE));
    const { profile } = await cdp.send('Profiler.stop');
    return selfTimes(profile);
  });
}

const scriptOf = (key) => (key.includes('\t') ? key.split('\t')[1] : key);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  await profileLoad(browser, 'none');
  for (const variant of ['none', ...VARIANTS.filter((v) => v !== 'none')]) {
    const loads = [];
    for (let i = 0; i < LOADS; i++) loads.push(await profileLoad(browser, variant));
    const perScript = new Map();
    loads.forEach((times, i) => {
      for (const [key, ms] of times) {
        const script = scriptOf(key);
        const row = perScript.get(script) ?? Array(LOADS).fill(0);
        row[i] += ms;
        perScript.set(script, row);
      }
    });
    console.log(`\n## ${variant}, CPU ${RATE}×, ${LOADS} loads, sampled every ${INTERVAL} µs\n`);
    console.log('| script (self time) | median ms |\n|---|---:|');
    for (const [script, row] of [...perScript].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 12)) console.log(`| ${script} | ${median(row).toFixed(2)} |`);
    const total = new Map();
    for (const times of loads) for (const [key, ms] of times) total.set(key, (total.get(key) ?? 0) + ms);
    console.log(`\n| function (in a script; summed over the loads) | ms per load |\n|---|---:|`);
    for (const [key, ms] of [...total].filter(([key]) => key.includes('\t')).sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`| ${key.replaceAll('\t', ' ')} | ${(ms / LOADS).toFixed(2)} |`);
  }
} finally {
  await browser.close();
  bench.stop();
}
