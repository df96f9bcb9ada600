// Which of segmint's functions V8 compiles lazily during a first visit — on the main thread, the
// first time each one runs — and how long each took (README "Large configs", compile hints).
// Chromium runs with V8's function-event log (`--js-flags=--log-function-events`, one browser per
// visit so that one log holds one visit); for each segmint script the page loaded it prints how
// many functions V8 saw, how many it compiled with the script (eagerly: on the streaming thread
// for an async script) and how many lazily, their summed parse + bytecode time, and the `--top=N`
// slowest with their character range in the built file and their name as the build names them
// (`SEGMINT_READABLE=1` builds keep names).
//
//   npm run build && node tests/bench/lazy-compiles.mjs [--campaigns=5000] [--inline] [--variant=NAME]
//     [--base-dist=DIR] [--runs=1] [--rate=4] [--top=15] [--save=DIR]
//
// The page is long-tasks.bench.mjs's (`--campaigns`, `--inline`), or with `--variant=NAME`
// page-impact's storefront as that bench loads it (`segmint-no-popup`, `segmint-popup`, ...).
// `--base-dist=DIR` measures another build's dist/ the same way, after this one. V8 times what it
// logs in the throttled renderer: compare builds and functions with each other, not with a task's ms.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-browser.mjs';
import { startServer } from '../../demo/serve.mjs';
import { openBenchPage, waitForReady } from './large-config-page.mjs';
import { inFreshVisit, serveBenchPage } from './bench-visit.mjs';
import { lazyCompiles } from './function-events.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const N = Number(arg('campaigns', 5000));
const INLINE = process.argv.includes('--inline');
const VARIANT = arg('variant', undefined);
const BASE_DIST = arg('base-dist', undefined);
const RUNS = Number(arg('runs', 1));
const RATE = Number(arg('rate', 4));
const TOP = Number(arg('top', 15));
// `--save=DIR`: keeps each visit's log there (`<build>-<run>.log`), for a closer look.
const SAVE = arg('save', undefined);

/** One first visit in a browser of its own that logs V8's function events; resolves to the log's lines. */
async function loggedVisit(visit, name) {
  const dir = mkdtempSync(join(tmpdir(), 'segmint-v8-log-'));
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, `--js-flags=--log-function-events --logfile=${join(dir, 'v8-%p.log')} --no-logfile-per-isolate`],
  });
  try {
    await visit(browser);
  } finally {
    await browser.close();
  }
  // Every process logs; the page's renderer is the one whose log names segmint's scripts.
  const logs = readdirSync(dir).map((file) => readFileSync(join(dir, file), 'utf8')).filter((text) => /^script-details,\d+,[^,\n]*\/segmint/m.test(text));
  rmSync(dir, { recursive: true, force: true });
  if (SAVE) {
    mkdirSync(SAVE, { recursive: true });
    writeFileSync(join(SAVE, `${name}.log`), logs.join('\n'));
  }
  return logs.join('\n').split('\n');
}

/** A first visit of long-tasks' page, or page-impact's `variant`, with this build or (`base`) the other. */
function visitOf(base) {
  if (VARIANT) {
    return async (browser) => {
      const bench = await serveBenchPage(BASE_DIST ? [`--base-dist=${BASE_DIST}`] : []);
      try {
        await inFreshVisit(browser, bench.origin, base ? `${VARIANT}@base` : VARIANT, RATE, async (page) => {
          await page.goto(`${bench.origin}/`, { waitUntil: 'networkidle' });
          await page.waitForTimeout(1000 * Math.sqrt(RATE));
        });
      } finally {
        bench.stop();
      }
    };
  }
  return async (browser) => {
    const { url, server } = await startServer({ port: 0 });
    try {
      const { context, page, cdp } = await openBenchPage(browser, N, { inline: INLINE, rate: RATE, baseDist: base ? BASE_DIST : undefined });
      await page.goto(`${url}t/page`);
      await waitForReady(cdp);
      await page.waitForTimeout(3000);
      await context.close();
    } finally {
      server.close();
    }
  };
}

const builds = BASE_DIST ? [false, true] : [false];
for (let run = 0; run < RUNS; run++) {
  for (const base of builds) {
    const scripts = lazyCompiles(await loggedVisit(visitOf(base), `${base ? 'base' : 'this'}-${run}`));
    const page = VARIANT ? `page-impact's ${VARIANT}` : `${N.toLocaleString('en')} campaigns, ${INLINE ? 'inline' : 'fetched'} config`;
    console.log(`\n## ${base ? BASE_DIST : 'this build'}: ${page}, first visit at ${RATE}× CPU${RUNS > 1 ? `, run ${run + 1}` : ''}\n`);
    console.log('| script | functions seen | compiled with the script | compiled lazily | their parse + bytecode |\n|---|---:|---:|---:|---:|');
    for (const [script, s] of [...scripts].sort()) {
      console.log(`| ${script} | ${s.functions} | ${s.eager} | ${s.lazy.length} | ${s.lazy.reduce((sum, f) => sum + f.ms, 0).toFixed(1)} ms |`);
    }
    for (const [script, s] of [...scripts].sort()) {
      if (!TOP || !s.lazy.length) continue;
      console.log(`\n${script}, the ${Math.min(TOP, s.lazy.length)} slowest lazy compiles: ${s.lazy.sort((a, b) => b.ms - a.ms).slice(0, TOP).map((f) => `${f.name} ${f.start}–${f.end} ${f.ms.toFixed(2)} ms`).join(' · ')}`);
    }
  }
}
console.log(`\nChromium, V8's --log-function-events, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
