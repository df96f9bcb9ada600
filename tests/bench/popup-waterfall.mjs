// Where the time to a visible popup goes: page-impact's storefront page with segmint showing its
// welcome modal on page view (a first visit, fresh context), and the same page without any
// script, loaded N times at each CPU rate, in page-impact's browser (every request kept on the
// machine by a refusing proxy, none slowed: "direct"), and also with every request routed through
// Playwright's `context.route`, as page-impact did before (`--route`). Prints,
// per phase, the median milliseconds after navigation start: the HTML, the end of parsing,
// segmint.js asked for, answered and running, the config and every chunk asked for and answered,
// IndexedDB asked and open, the decision, the popup built, in the page and visible; then what each
// request took from asked to answered, routed and not, and their paired difference (the cost of
// Playwright's `context.route` per request, which page-impact's popup column paid on every hop).
// Run `npm run build`, then `node tests/bench/popup-waterfall.mjs [--loads=N] [--rates=1,4]
// [--route=both|on|off] [--base-dist=DIR]` (DIR: another build, whose popup is measured beside
// this one's as `segmint-popup@base`). Definitions: tests/bench/README.md.
import { loadavg } from 'node:os';
import { inFreshVisit, launchBenchBrowser, serveBenchPage } from './bench-visit.mjs';
import { median, pairedDeltas } from './stats.mjs';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const LOADS = Number(args.get('loads') ?? 10);
const RATES = String(args.get('rates') ?? '1,4').split(',').map(Number);
const ROUTE = String(args.get('route') ?? 'both');
const BASE_DIST = args.get('base-dist');
if (!Number.isInteger(LOADS) || LOADS < 1) throw new Error(`--loads takes a positive integer, got ${args.get('loads')}`);
if (RATES.some((rate) => !(rate >= 1))) throw new Error(`--rates takes CPU slowdown factors ≥ 1, got ${args.get('rates')}`);
if (!['both', 'on', 'off'].includes(ROUTE)) throw new Error(`--route takes both, on or off, got ${ROUTE}`);
const MODES = ROUTE === 'both' ? ['routed', 'direct'] : [ROUTE === 'on' ? 'routed' : 'direct'];
const VARIANTS = ['none', 'segmint-popup', ...(BASE_DIST ? ['segmint-popup@base'] : [])];

// Installed before any page script. Marks, in performance.now() milliseconds (from navigation start):
// when segmint.js first runs (its loader reads document.currentScript), IndexedDB asked and open,
// its first write (a readwrite transaction: the page view) asked and done,
// segmint's own events (through the stub queue the page's snippet keeps), the popup's host given
// its shadow root (building starts), the last animation frame asked for before it is in the page
// (mount.ts builds it, then waits for that frame to put it in), in the page, and visible: the
// animation frame after, as page-impact's OBSERVERS define it.
const PROBES = `(() => {
  const w = (window.__waterfall = { marks: {} });
  const mark = (name, at = performance.now()) => { if (!(name in w.marks)) w.marks[name] = at; };
  const current = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript');
  Object.defineProperty(Document.prototype, 'currentScript', { ...current, get() {
    const script = current.get.call(this);
    if (script && /\\/segmint\\.js/.test(script.src)) mark('segmint.js runs');
    return script;
  } });
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...rest) {
    mark('IndexedDB open asked');
    const request = open.apply(this, rest);
    request.addEventListener('success', () => mark('IndexedDB open'), { once: true });
    return request;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
    const tx = transaction.call(this, names, mode, ...rest);
    if (mode === 'readwrite' && !('first IndexedDB write asked' in w.marks)) {
      mark('first IndexedDB write asked');
      tx.addEventListener('complete', () => mark('first IndexedDB write done'), { once: true });
    }
    return tx;
  };
  const databases = IDBFactory.prototype.databases;
  if (databases) IDBFactory.prototype.databases = function () {
    mark('indexedDB.databases() asked');
    return databases.call(this).then((list) => (mark('indexedDB.databases() answered'), list));
  };
  window.segmint = function () { (window.segmint.q = window.segmint.q || []).push(arguments); };
  for (const event of ['ready', 'decision', 'exposure', 'impression']) window.segmint('on', event, () => mark('event ' + event));
  let building = false;
  let lastFrameAsked;
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    if (this.localName === 'segmint-root') { building = true; mark('popup build starts'); }
    return attach.call(this, init);
  };
  const frame = window.requestAnimationFrame;
  window.requestAnimationFrame = function (callback) {
    if (building) lastFrameAsked = performance.now();
    return frame.call(this, callback);
  };
  const watcher = new MutationObserver(() => {
    const root = document.querySelector('segmint-root');
    if (!root || !root.shadowRoot || !root.shadowRoot.querySelector('[role=dialog], .sm-dialog')) return;
    watcher.disconnect();
    if (lastFrameAsked !== undefined) mark('popup built', lastFrameAsked);
    mark('popup in the page');
    frame.call(window, (t) => mark('popup visible', t));
  });
  watcher.observe(document, { childList: true, subtree: true });
})();`;

/** What the page says once the load is over: the navigation's timing, each segmint file's, the marks. */
const READ = `(() => {
  const [nav] = performance.getEntriesByType('navigation');
  const out = { ...window.__waterfall.marks,
    'HTML response starts': nav.responseStart, 'HTML response ends': nav.responseEnd,
    'parsing ends (domInteractive)': nav.domInteractive, 'DOMContentLoaded': nav.domContentLoadedEventStart, 'load event': nav.loadEventStart };
  const hops = {};
  for (const entry of performance.getEntriesByType('resource')) {
    const file = new URL(entry.name).pathname.split('/').pop();
    if (!/^segmint/.test(file)) continue;
    const name = file.endsWith('.json') ? 'config' : file;
    out[name + ' asked'] = entry.startTime;
    out[name + ' answered'] = entry.responseEnd;
    hops[name] = entry.responseEnd - entry.startTime;
  }
  return { marks: out, hops };
})()`;

/** Routes every request through Playwright, as page-impact did for a first visit: only this origin, the rest aborted. */
async function routeAll(context, origin) {
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.fallback() : route.abort('blockedbyclient')));
}

async function measure(browser, origin, variant, rate, mode) {
  return inFreshVisit(browser, origin, variant, rate, async (page, cdp) => {
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    const until = Date.now() + 15_000 * rate;
    const done = variant === 'none' ? 'true' : `'popup visible' in window.__waterfall.marks`;
    while (!(await cdp.send('Runtime.evaluate', { expression: done, returnByValue: true })).result.value) {
      if (Date.now() > until) throw new Error(`${variant}: no popup within ${15 * rate} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (await cdp.send('Runtime.evaluate', { expression: READ, returnByValue: true })).result.value;
  }, async (context) => {
    if (mode === 'routed') await routeAll(context, origin);
    await context.addInitScript(PROBES);
  });
}

const server = await serveBenchPage(BASE_DIST ? [`--base-dist=${BASE_DIST}`] : []);
const { origin } = server;
// The browser page-impact measures with: nothing leaves the machine, nothing is slowed ("direct").
const { browser, close } = await launchBenchBrowser();
const columns = VARIANTS.flatMap((variant) => MODES.map((mode) => ({ variant, mode, key: `${variant} ${mode}` })));
try {
  for (const { variant, mode } of columns) await measure(browser, origin, variant, 1, mode);
  for (const rate of RATES) {
    const runs = Object.fromEntries(columns.map(({ key }) => [key, []]));
    for (let round = 0; round < LOADS; round++) {
      // Interleaved, in an order that rotates, as page-impact does: a busy moment touches every column alike.
      const order = columns.map((_, i) => columns[(i + round) % columns.length]);
      for (const { variant, mode, key } of order) runs[key][round] = await measure(browser, origin, variant, rate, mode);
      process.stderr.write(`\r${rate}× CPU: round ${round + 1}/${LOADS}`);
    }
    process.stderr.write('\n');
    print(rate, runs);
  }
} finally {
  await close();
  server.stop();
}
console.log(`\nChromium ${browser.version()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

function print(rate, runs) {
  const keys = columns.map(({ key }) => key);
  const phases = new Map();
  for (const key of keys) for (const run of runs[key]) for (const phase of Object.keys(run.marks)) phases.set(phase, []);
  const at = (key, phase) => median(runs[key].map((run) => run.marks[phase]).filter(Number.isFinite));
  // In the order they happen on this build's page, routed when measured so.
  const order = keys.find((key) => key.startsWith('segmint-popup ')) ?? keys[0];
  const sorted = [...phases.keys()].sort((a, b) => (at(order, a) || Infinity) - (at(order, b) || Infinity));
  const cell = (value) => (Number.isFinite(value) ? `${Math.round(value)}` : '–');
  console.log(`\n### ${rate}× CPU: ms after navigation start, median of ${LOADS} loads\n`);
  console.log(`| phase | ${keys.join(' | ')} |\n|---|${keys.map(() => '---:').join('|')}|`);
  for (const phase of sorted) console.log(`| ${phase} | ${keys.map((key) => cell(at(key, phase))).join(' | ')} |`);
  // With --base-dist: this build's popup against the other's, load for load within the round.
  if (BASE_DIST) {
    for (const mode of MODES) {
      const paired = pairedDeltas(runs[`segmint-popup ${mode}`].map((run) => run.marks['popup visible']), runs[`segmint-popup@base ${mode}`].map((run) => run.marks['popup visible']));
      console.log(`\npopup visible, this build − ${BASE_DIST}, ${mode}: median of the paired differences ${cell(median(paired))} ms (${paired.length} pairs)`);
    }
  }
  if (MODES.length < 2) return;
  // What one request costs through context.route: the same file's asked → answered, routed minus direct, paired within the round.
  console.log(`\nasked → answered per request (ms, median): routed, direct, and the paired difference\n`);
  console.log(`| request | ${VARIANTS.filter((v) => v !== 'none').map((v) => `${v} routed | direct | Δ`).join(' | ')} |\n|---|${VARIANTS.filter((v) => v !== 'none').map(() => '---:|---:|---:').join('|')}|`);
  const files = new Set(keys.flatMap((key) => runs[key].flatMap((run) => Object.keys(run.hops))));
  for (const file of files) {
    const cells = VARIANTS.filter((v) => v !== 'none').map((variant) => {
      const routed = runs[`${variant} routed`].map((run) => run.hops[file]);
      const direct = runs[`${variant} direct`].map((run) => run.hops[file]);
      return [median(routed.filter(Number.isFinite)), median(direct.filter(Number.isFinite)), median(pairedDeltas(routed, direct))].map(cell).join(' | ');
    });
    console.log(`| ${file} | ${cells.join(' | ')} |`);
  }
}
