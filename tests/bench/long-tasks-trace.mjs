// What is inside each long task of a large config's first and repeat visit (README "Large
// configs"): the page of long-tasks.bench.mjs, traced in Chromium at 4× CPU (CDP `Tracing` with the
// DevTools timeline, V8 execution, GC, IndexedDB and sampling-profiler categories). For every
// main-thread task over 50 ms it prints the events inside it (script evaluation, function calls,
// compiling, GC with the heap before and after, IndexedDB, structured clone) and the functions the
// profiler sampled most in it, by self time and by time including callees. A task with few
// samples for its length was mostly not JavaScript: the renderer waiting (on a busy machine, not
// scheduled at all) or the browser's own work, as at the old document's `visibilitychange`.
//
//   npm run build && node tests/bench/long-tasks-trace.mjs [--campaigns=5000] [--inline] [--runs=1] [--out=trace]
//
// `--variant=NAME` traces page-impact's storefront instead (`segmint-popup`: the welcome modal shown
// on page view), each run one first visit in a fresh context as page-impact loads it, traced for 8 s.
//
// `--out=trace` also writes trace-first.json / trace-repeat.json, which DevTools' Performance panel
// opens. Function names are the build's: for readable ones, build the chunks unminified.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-browser.mjs';
import { startServer } from '../../demo/serve.mjs';
import { evaluateInPage, openBenchPage, waitForReady, LONG_TASK_OBSERVER } from './large-config-page.mjs';
import { serveBenchPage, inFreshVisit } from './bench-visit.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const N = Number(arg('campaigns', 5000));
const RUNS = Number(arg('runs', 1));
const OUT = arg('out', undefined);
const INLINE = process.argv.includes('--inline');
const VARIANT = arg('variant', undefined);
const SLOWDOWN = 4;
// `--over=MS`: print tasks longer than this (default 50 ms, a long task), to see the ones just under it too.
const LONG_US = Number(arg('over', 50)) * 1000;
const CATEGORIES = [
  '-*', 'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.compile',
  'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.gc', 'devtools.timeline.async', 'IndexedDB', 'blink', 'loading', 'blink.user_timing',
];
/** Events worth naming inside a task: anything else shows only through its children. */
const NAMED = /^(EvaluateScript|v8\.evaluateModule|FunctionCall|V8\.Execute|v8\.compile|v8\.compileModule|V8\.CompileCode|MajorGC|MinorGC|V8\.GC_.*(FINALIZE|MARK_COMPACTOR|SCAVENGER)$|BlinkGC.*|ParseHTML|TimerFire|FireAnimationFrame|RunMicrotasks|v8\.run|Layout|UpdateLayoutTree|.*IndexedDB.*|IDB.*|.*StructuredClone.*|.*Serializ.*|ResourceReceivedData|ResourceFinish|XHRLoad|EventDispatch|HandlePostMessage|ScheduleStyleRecalculation|v8\.parseOnBackground|ParseAuthorStyleSheet)/;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
if (VARIANT) {
  const bench = await serveBenchPage();
  try {
    for (let run = 0; run < RUNS; run++) {
      await inFreshVisit(browser, bench.origin, VARIANT, SLOWDOWN, async (page, cdp) => {
        await page.addInitScript(LONG_TASK_OBSERVER);
        const events = await traced(cdp, async () => {
          await page.goto(`${bench.origin}/`);
          // Only waiting: a Playwright selector or evaluate would run its own scripts in the traced tab.
          await page.waitForTimeout(8000);
        });
        const long = await evaluateInPage(cdp, 'window.__long');
        if (OUT) writeFileSync(`${OUT}-${VARIANT}${RUNS > 1 ? `-${run}` : ''}.json`, JSON.stringify({ traceEvents: events }));
        console.log(`\n## page-impact's ${VARIANT}, first visit${RUNS > 1 ? `, run ${run + 1}` : ''}: long tasks seen by the page ${JSON.stringify(long)} ms`);
        printLongTasks(events);
      });
    }
  } finally {
    await browser.close();
    bench.stop();
  }
  console.log(`\n${SLOWDOWN}× CPU, Chromium ${browser.version()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  process.exit(0);
}
const { url, server } = await startServer({ port: 0 });
try {
  for (let run = 0; run < RUNS; run++) {
    const { context, page, cdp } = await openBenchPage(browser, N, { inline: INLINE, rate: SLOWDOWN });
    for (const visit of ['first', 'repeat']) {
      const events = await traced(cdp, async () => {
        await page.goto(`${url}t/page`);
        // A bare CDP poll: Playwright's waitForFunction would compile its injected script in the traced page.
        await waitForReady(cdp);
        await page.waitForTimeout(6000);
      });
      const { long, errors } = await evaluateInPage(cdp, '({ long: window.__long, errors: window.__errors })');
      if (errors) throw new Error(`segmint reported: ${errors.join('; ')}`);
      if (OUT) writeFileSync(`${OUT}-${visit}${RUNS > 1 ? `-${run}` : ''}.json`, JSON.stringify({ traceEvents: events }));
      console.log(`\n## ${N.toLocaleString('en')} campaigns, ${INLINE ? 'inline' : 'fetched'} config, ${visit} visit${RUNS > 1 ? `, run ${run + 1}` : ''}: long tasks seen by the page ${JSON.stringify(long)} ms`);
      printLongTasks(events);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`\n${SLOWDOWN}× CPU, Chromium ${browser.version()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

/** The trace events of what `visit` does in the tab of `cdp`. */
async function traced(cdp, visit) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordContinuously' } });
  await visit();
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/** Prints every task over `LONG_US` (50 ms unless `--over`) on a renderer's main thread, with what ran inside it. */
function printLongTasks(events) {
  // The page's renderer: the one that ran segmint (the browser's own pages have renderers too).
  const pagePids = new Set(events.filter((e) => /\/dist\/segmint/.test(e.args?.data?.url ?? '')).map((e) => e.pid));
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pagePids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => mainThreads.has(`${e.pid}:${e.tid}`);
  const complete = toCompleteEvents(events.filter(onMain));
  const tasks = complete.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > LONG_US);
  // Nested RunTasks (a task run inside another) count once, as the outer one.
  const outer = tasks.filter((t) => !tasks.some((o) => o !== t && o.pid === t.pid && o.tid === t.tid && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && o.dur > t.dur));
  const samples = readSamples(events);
  const firstTs = Math.min(...complete.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').map((e) => e.ts));
  if (!outer.length) console.log(`no task over ${LONG_US / 1000} ms on the main thread`);
  for (const task of outer) {
    // The thread's own time (the trace's `tdur`, throttling included): on a busy machine the wall
    // time also counts the renderer waiting to be scheduled, so this is nearer what a quiet one sees.
    const cpu = typeof task.tdur === 'number' ? ` (thread time ${ms(task.tdur)})` : '';
    console.log(`\n- task of ${ms(task.dur)}${cpu} at ${ms(task.ts - firstTs)} after the first traced task`);
    const inside = complete.filter((e) => e !== task && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && NAMED.test(e.name) && e.dur >= 1000);
    printTree(inside, task, 1);
    const window = samples.filter((s) => s.key === `${task.pid}:${task.tid}` && s.ts >= task.ts && s.ts <= task.ts + task.dur);
    if (window.length) printProfile(window);
  }
}

/** Events as `ph: 'X'` with a `dur`: B/E pairs matched per thread. */
function toCompleteEvents(events) {
  const out = [];
  const open = new Map();
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && typeof e.dur === 'number') out.push(e);
    else if (e.ph === 'B') {
      const key = `${e.pid}:${e.tid}`;
      if (!open.has(key)) open.set(key, []);
      open.get(key).push(e);
    } else if (e.ph === 'E') {
      const begin = open.get(`${e.pid}:${e.tid}`)?.pop();
      if (begin) out.push({ ...begin, ph: 'X', dur: e.ts - begin.ts, ...(typeof begin.tts === 'number' && typeof e.tts === 'number' && { tdur: e.tts - begin.tts }), args: { ...begin.args, ...e.args } });
    }
  }
  return out;
}

/** The events in `parent` whose own parent (among `events`) it is, biggest first, down to `depth` 4. */
function printTree(events, parent, depth) {
  const children = events.filter((e) => e.ts >= parent.ts && e.ts + e.dur <= parent.ts + parent.dur && e !== parent
    && !events.some((o) => o !== e && o !== parent && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur && o.ts >= parent.ts && o.ts + o.dur <= parent.ts + parent.dur));
  for (const child of children) {
    console.log(`${'  '.repeat(depth + 1)}${ms(child.dur)} ${describe(child)}`);
    if (depth < 4) printTree(events.filter((e) => e !== child), child, depth + 1);
  }
}

function describe(e) {
  const data = e.args?.data ?? e.args?.beginData ?? {};
  const where = data.url ? ` ${data.url.replace(/^.*\//, '')}${data.lineNumber ? `:${data.lineNumber}` : ''}` : '';
  const fn = data.functionName ? ` ${data.functionName}` : '';
  const heap = e.args?.usedHeapSizeBefore ? ` heap ${kb(e.args.usedHeapSizeBefore)} → ${kb(e.args.usedHeapSizeAfter)}` : '';
  const type = data.type ? ` (${data.type})` : '';
  return `${e.name}${type}${fn}${where}${heap}`;
}

/** The sampling profiler's samples, each with its time, thread and stack of call frames. */
function readSamples(events) {
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { key: `${e.pid}:${e.tid}`, ts: e.args.data.startTime, nodes: new Map(), samples: [] });
    if (e.name !== 'ProfileChunk') continue;
    const profile = profiles.get(`${e.pid}:${e.id}`);
    if (!profile) continue;
    const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
    for (const node of cpuProfile.nodes ?? []) profile.nodes.set(node.id, node);
    (cpuProfile.samples ?? []).forEach((id, i) => {
      profile.ts += timeDeltas[i] ?? 0;
      profile.samples.push({ key: profile.key, ts: profile.ts, id });
    });
  }
  const out = [];
  for (const profile of profiles.values()) {
    for (const sample of profile.samples) {
      const stack = [];
      for (let node = profile.nodes.get(sample.id); node; node = profile.nodes.get(node.parent)) stack.push(node.callFrame);
      out.push({ ...sample, stack });
    }
  }
  return out;
}

/** The functions most sampled in one task: by self time, and including what they called. */
function printProfile(samples) {
  const name = (f) => `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\/|\?.*$/g, '')}:${f.lineNumber + 1}` : ''}`.trim();
  const self = new Map();
  const total = new Map();
  for (const { stack } of samples) {
    const top = stack[0];
    if (top) self.set(name(top), (self.get(name(top)) ?? 0) + 1);
    for (const frame of new Set(stack.map(name))) total.set(frame, (total.get(frame) ?? 0) + 1);
  }
  const top = (map) => [...map].filter(([n]) => !/^\(root\)|^\(program\)$/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, 10)
    .map(([n, count]) => `${Math.round((100 * count) / samples.length)}% ${n}`);
  console.log(`    sampled (${samples.length} samples), self: ${top(self).join(' · ')}`);
  console.log(`    including callees: ${top(total).join(' · ')}`);
}

function ms(us) {
  return `${(us / 1000).toFixed(1)} ms`;
}

function kb(bytes) {
  return `${Math.round(bytes / 1024).toLocaleString('en')} KB`;
}
