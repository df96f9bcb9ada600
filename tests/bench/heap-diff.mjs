// What a script leaves in the page's JavaScript heap, by what holds it: loads the page-impact
// bench's storefront page (served by `page-impact.bench.mjs --serve`) with no script and with each
// variant named, each in a fresh browser context as the bench does, collects garbage twice, takes
// a V8 heap snapshot over CDP, and prints the largest differences to the no-script page:
//   - by constructor (DevTools' "Comparison" view): objects, shallow bytes, retained bytes;
//   - compiled code by the script it came from (SharedFunctionInfos, bytecode, feedback, scopes):
//     a module's code stays alive as long as anything of it does;
//   - the largest objects a variant adds, each with its retaining path from a GC root.
// Run `npm run build`, then `node tests/bench/heap-diff.mjs [--variants=segmint-no-popup,...]
// [--top=N] [--paths=N] [--functions=N] [--rate=1] [--save=DIR] [--base-dist=DIR] [--settle=S]` (variants: page-impact.bench.mjs's,
// with --base-dist also their `<name>@base` twins). One load
// per variant: a snapshot is exact, but which objects survive can vary from load to load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { inFreshVisit, serveBenchPage } from './bench-visit.mjs';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-browser.mjs';
import { byClass, className, codeByScript, readSnapshot, retainingPath } from './heap-snapshot.mjs';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const VARIANTS = String(args.get('variants') ?? 'segmint-no-popup,segmint-no-popup-repeat,growthbook').split(',');
const TOP = Number(args.get('top') ?? 25);
const PATHS = Number(args.get('paths') ?? 12);
const RATE = Number(args.get('rate') ?? 1);
const SAVE = args.get('save');
// `--functions=N`: under each script's row, its N functions whose compiled code retains the most.
const FUNCTIONS = Number(args.get('functions') ?? 0);
// `--base-dist=DIR`: page-impact's `<name>@base` variants too (segmint's script and chunks from DIR, another build).
const BASE_DIST = args.get('base-dist');
// `--settle=S`: after the load, S more seconds with a garbage collection every 5 s before the
// snapshot, to see what V8 lets go of later (bytecode of functions not run since is flushed once old).
const SETTLE = Number(args.get('settle') ?? 0);

/* ---------- the page, from the bench's own server ---------- */

const bench = await serveBenchPage(BASE_DIST ? [`--base-dist=${BASE_DIST}`] : []);
const { origin } = bench;

/** One load of `variant` in a fresh context, its heap after GC as a parsed snapshot. */
async function snapshot(browser, variant) {
  return inFreshVisit(browser, origin, variant, RATE, async (page, cdp) => {
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000 * Math.sqrt(RATE));
    await cdp.send('HeapProfiler.enable');
    for (let waited = 0; waited < SETTLE; waited += 5) {
      await page.waitForTimeout(5000);
      await cdp.send('HeapProfiler.collectGarbage');
    }
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const parts = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => parts.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    const text = parts.join('');
    if (SAVE) {
      mkdirSync(SAVE, { recursive: true });
      writeFileSync(`${SAVE}/${variant}.heapsnapshot`, text);
    }
    return { usedSize, heap: readSnapshot(JSON.parse(text)) };
  });
}

/* ---------- the run ---------- */

const kb = (bytes) => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(1)} KB`;
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  // A warm-up load, as the bench does: the first launch pays for the browser process.
  await snapshot(browser, 'none');
  const base = await snapshot(browser, 'none');
  const baseClasses = byClass(base.heap);
  const baseCode = codeByScript(base.heap);
  console.log(`no script: used heap ${(base.usedSize / 1024).toFixed(0)} KB; Chromium ${browser.version()}, CPU ${RATE}×`);
  for (const variant of VARIANTS) {
    const { usedSize, heap } = await snapshot(browser, variant);
    console.log(`\n## ${variant}: used heap ${kb(usedSize - base.usedSize)} over the no-script page\n`);
    const classes = byClass(heap);
    const rows = [...new Set([...classes.keys(), ...baseClasses.keys()])].map((key) => {
      const a = classes.get(key) ?? { count: 0, self: 0, retained: 0 };
      const b = baseClasses.get(key) ?? { count: 0, self: 0, retained: 0 };
      return { key, count: a.count - b.count, self: a.self - b.self, retained: a.retained - b.retained };
    }).sort((x, y) => Math.abs(y.self) - Math.abs(x.self));
    const total = rows.reduce((sum, r) => sum + r.self, 0);
    console.log(`shallow bytes over the no-script page: ${kb(total)}\n`);
    console.log('| class | Δ count | Δ shallow | Δ retained |\n|---|---:|---:|---:|');
    for (const r of rows.slice(0, TOP)) console.log(`| ${r.key} | ${r.count >= 0 ? '+' : ''}${r.count} | ${kb(r.self)} | ${kb(r.retained)} |`);

    const code = codeByScript(heap);
    console.log('\ncompiled code by script (functions, what their SharedFunctionInfos retain):\n');
    console.log('| script | functions | retained | no-script page |\n|---|---:|---:|---:|');
    for (const [script, s] of [...code].sort((x, y) => y[1].retained - x[1].retained).slice(0, TOP)) {
      const b = baseCode.get(script);
      console.log(`| ${script.slice(0, 70)} | ${s.functions} | ${kb(s.retained)} | ${b ? kb(b.retained) : '–'} |`);
    }
    if (FUNCTIONS) {
      for (const [script, s] of [...code].filter(([script]) => !baseCode.has(script))) {
        console.log(`\n${script}: the ${FUNCTIONS} functions retaining the most (build unminified for readable names):\n`);
        for (const f of s.each.sort((x, y) => y.retained - x.retained).slice(0, FUNCTIONS)) console.log(`- ${f.name.slice(0, 60)} ${kb(f.retained)}`);
      }
    }

    // The largest objects of classes that grew, each with how it is held.
    const grown = new Set(rows.filter((r) => r.self > 0).slice(0, TOP).map((r) => r.key));
    const candidates = [];
    for (let i = 1; i < heap.count; i++) {
      if (heap.reachable(i) && grown.has(className(heap, i))) {
        let d = heap.idom[i];
        while (d > 0 && className(heap, d) !== className(heap, i)) d = heap.idom[d];
        if (d <= 0) candidates.push(i);
      }
    }
    candidates.sort((x, y) => heap.retained[y] - heap.retained[x]);
    console.log(`\nthe ${PATHS} largest objects of those classes, with a retaining path:\n`);
    for (const i of candidates.slice(0, PATHS)) {
      const label = heap.type(i) === 'string' ? JSON.stringify(heap.name(i).slice(0, 40)) : heap.name(i).slice(0, 40);
      console.log(`- ${className(heap, i)} ${label} ${kb(heap.retained[i])}: ${retainingPath(heap, i)}`);
    }
  }
} finally {
  await browser.close();
  bench.stop();
}
