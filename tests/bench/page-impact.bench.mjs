// What a script costs the page it runs in: a 24-product storefront page from 127.0.0.1, loaded
// without any script, with GrowthBook's script-tag bundle, with PostHog's array.js, with segmint
// when the visitor qualifies for nothing, and with segmint showing a modal on page view. Run
// `npm run build`, then `node tests/bench/page-impact.bench.mjs [--loads=N] [--rates=1,4]`
// (about eight minutes with the defaults). Every load is a fresh browser context (an empty cache
// and profile, a first visit); the variants are interleaved, one load of each per round in an
// order that rotates, so a busy moment on the machine touches every variant alike; each figure is
// the median over the rounds. Nothing leaves the machine: both vendors are pointed at this
// server, and any request elsewhere goes to a local proxy that refuses it, and is counted
// (bench-visit.mjs `launchBenchBrowser`; no request is routed through Playwright). Each load
// starts once the browser is idle after opening its tab (`waitForBrowserIdle`). Writes
// tests/bench/results/page-impact.json. Definitions of every column: tests/bench/README.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { cumulativeLayoutShift, median, pairedDeltas } from './stats.mjs';
import { launchBenchBrowser, waitForBrowserIdle } from './bench-visit.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const LOADS = Number(args.get('loads') ?? 15);
const RATES = String(args.get('rates') ?? '1,4').split(',').map(Number);
const PORT = Number(args.get('port') ?? 0);
if (!Number.isInteger(LOADS) || LOADS < 1) throw new Error(`--loads takes a positive integer, got ${args.get('loads')}`);
if (RATES.some((rate) => !(rate >= 1))) throw new Error(`--rates takes CPU slowdown factors ≥ 1, got ${args.get('rates')}`);

/* ---------- the page ---------- */

const PRODUCTS = Array.from({ length: 24 }, (_, i) => ({
  id: `SKU-${100 + i}`,
  name: ['Trail Tent', 'Sleeping Mat', 'Camp Lamp', 'Rain Shell', 'Day Pack', 'Water Filter'][i % 6] + ` ${Math.floor(i / 6) + 1}`,
  price: 19 + ((i * 37) % 230),
  slug: `p${i}`,
}));

const SHOP_CSS = `:root{--green:#0a7d4f;--ink:#1c1f23;--muted:#5b626b;--line:#e3e6e9;font-family:system-ui,sans-serif;color:var(--ink)}
body{margin:0;background:#fafaf7}a{color:var(--green)}
header{display:flex;align-items:center;gap:24px;padding:16px 32px;background:#fff;border-bottom:1px solid var(--line)}
header nav{display:flex;gap:18px;flex:1}header nav a{color:var(--ink);text-decoration:none}
main{max-width:1040px;margin:0 auto;padding:32px}
.hero{background:linear-gradient(120deg,#0a7d4f,#2f5d50);color:#fff;border-radius:16px;padding:48px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:20px;margin-top:32px}
.card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:16px}
.card img{display:block;width:100%;height:auto;aspect-ratio:4/3;border-radius:8px}
.card button{background:var(--green);color:#fff;border:0;border-radius:8px;padding:10px 16px;font:inherit;cursor:pointer}
footer{padding:32px;color:var(--muted);border-top:1px solid var(--line);margin-top:48px}`;

// The shop's own script: add-to-cart buttons and a cart counter, the same in every variant.
const SHOP_JS = `document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-sku]');
  if (!button) return;
  var cart = JSON.parse(localStorage.getItem('cart') || '[]');
  cart.push(button.dataset.sku);
  localStorage.setItem('cart', JSON.stringify(cart));
  document.getElementById('cart-count').textContent = String(cart.length);
});
document.getElementById('cart-count').textContent = String(JSON.parse(localStorage.getItem('cart') || '[]').length);`;

const productImage = (i) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><rect width="400" height="300" fill="hsl(${(i * 47) % 360} 40% 80%)"/><circle cx="200" cy="150" r="${60 + (i % 5) * 10}" fill="hsl(${(i * 47) % 360} 45% 45%)"/></svg>`;

const GROWTHBOOK_CLIENT_KEY = 'sdk-bench';
const POSTHOG_TOKEN = 'phc_bench';

/** What each variant puts in the page's head. `origin` is this server's. */
const VARIANTS = {
  none: () => '',
  growthbook: (origin) => `<script async src="/vendor/growthbook/auto.min.js" data-api-host="${origin}/gb" data-client-key="${GROWTHBOOK_CLIENT_KEY}" data-no-streaming="1"></script>`,
  // PostHog's documented snippet does no more than this: a queue under window.posthog naming the
  // token and config, then array.js from the api host's /static/.
  posthog: (origin) => `<script>window.posthog=[];posthog._i=[[${JSON.stringify(POSTHOG_TOKEN)},{api_host:${JSON.stringify(`${origin}/ph`)},person_profiles:"identified_only"},"posthog"]];posthog.__SV=1;
(function(){var s=document.createElement("script");s.async=true;s.src=${JSON.stringify(`${origin}/ph/static/array.js`)};document.head.appendChild(s)})();</script>`,
  'segmint-no-popup': () => `<script>window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)}</script>
<script async src="/dist/segmint.js" data-config="/segmint-quiet.json"></script>`,
  'segmint-popup': () => `<script>window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)}</script>
<script async src="/dist/segmint.js" data-config="/segmint-popup.json"></script>`,
};
// The same page as segmint-no-popup, measured on a second visit in the same browser context: the
// script, its chunks and the config from the HTTP cache, the checked config kept in IndexedDB.
VARIANTS['segmint-no-popup-repeat'] = VARIANTS['segmint-no-popup'];
// That repeat visit on a site that requires consent (data-consent="required"), which the visitor gave
// on the first visit: the host's consent tool says so at once on each page, before the script loads.
VARIANTS['segmint-no-popup-consent-repeat'] = (origin) => VARIANTS['segmint-no-popup'](origin)
  .replace('<script async', "<script>segmint('consent', true)</script>\n<script async").replace(' data-config=', ' data-consent="required" data-config=');
// The same two first visits with the config in the form `segmint validate --checked` writes (the
// same campaigns, stamped by this build's CLI) and the script tag's data-config-checked: the check chunk is never loaded.
VARIANTS['segmint-no-popup-checked'] = (origin) => VARIANTS['segmint-no-popup'](origin).replace('.json"', '.checked.json" data-config-checked');
VARIANTS['segmint-popup-checked'] = (origin) => VARIANTS['segmint-popup'](origin).replace('.json"', '.checked.json" data-config-checked');
const REPEAT_VISITS = new Set(['segmint-no-popup-repeat', 'segmint-no-popup-consent-repeat']);
const LABELS = { none: 'no script', growthbook: 'GrowthBook `auto.min.js`', posthog: 'PostHog `array.js`', 'segmint-no-popup': 'segmint, no popup', 'segmint-no-popup-repeat': 'segmint, no popup, repeat visit', 'segmint-no-popup-consent-repeat': 'segmint, no popup, repeat visit, consent required and given', 'segmint-popup': 'segmint, popup shown',
  'segmint-no-popup-checked': 'segmint, no popup, checked config', 'segmint-popup-checked': 'segmint, popup shown, checked config' };
/** What a variant does, whatever build and config form it runs with. */
const roleOf = (variant) => variant.replace(/@base$/, '').replace(/-checked$/, '');
// `--base-dist=DIR`: every segmint variant also as `<name>@base`, its script and chunks from DIR (a
// build of another commit) under /base-dist/, to compare two builds in one run, load for load.
const BASE_DIST = args.get('base-dist');
if (BASE_DIST) {
  for (const name of Object.keys(VARIANTS).filter((name) => name.startsWith('segmint-'))) {
    // A base build may not read a checked config: its twin gets the config as written, what that build's users serve.
    VARIANTS[`${name}@base`] = (origin) => VARIANTS[name](origin).replace('/dist/segmint.js', '/base-dist/segmint.js').replace('.checked.json" data-config-checked', '.json"');
    LABELS[`${name}@base`] = `${LABELS[name].replace(', checked config', '')} (${BASE_DIST})`;
    if (REPEAT_VISITS.has(name)) REPEAT_VISITS.add(`${name}@base`);
  }
}
// `--variants=none,segmint, popup`: a subset, for a quicker look (the no-script load always runs).
const NAMES = args.has('variants') ? ['none', ...args.get('variants').split(',').filter((name) => name !== 'none')] : Object.keys(VARIANTS);
const unknown = NAMES.filter((name) => !VARIANTS[name]);
if (unknown.length) throw new Error(`--variants: no variant ${unknown.join(', ')}; there are ${Object.keys(VARIANTS).join(', ')}`);

function pageHtml(variant, origin) {
  const cards = PRODUCTS.map((p, i) => `<article class="card" itemscope itemtype="https://schema.org/Product">
<a href="/products/${p.slug}"><img src="/img/${p.slug}.svg" alt="" width="400" height="300" loading="${i < 8 ? 'eager' : 'lazy'}"></a>
<h3 itemprop="name">${p.name}</h3><p>$${p.price}.00</p><button type="button" data-sku="${p.id}">Add to cart</button></article>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trailhead Outfitters</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/shop.css">
${VARIANTS[variant](origin)}
</head><body>
<header><a class="logo" href="/">Trailhead</a><nav><a href="/c/tents">Tents</a><a href="/c/sleeping">Sleeping</a><a href="/c/lights">Lights</a><a href="/c/packs">Packs</a></nav><a href="/cart">Cart (<span id="cart-count">0</span>)</a></header>
<main><section class="hero"><h1>Gear for the long way round</h1><p>Tents, mats and lights tested on real trails.</p></section>
<div class="grid">${cards}</div></main>
<footer><p>Trailhead Outfitters · Free returns within 30 days · <a href="/help">Help</a></p></footer>
<script src="/shop.js"></script>
</body></html>`;
}

/* ---------- the configs ---------- */

const catalog = Object.fromEntries(PRODUCTS.map((p, i) => [p.id, {
  name: { en: p.name }, price: { USD: p.price }, image: `/img/${p.slug}.svg`, url: `/products/${p.slug}`,
  crossSell: [PRODUCTS[(i + 1) % 24].id, PRODUCTS[(i + 7) % 24].id], category: ['tents', 'sleeping', 'lights', 'shells', 'packs', 'water'][i % 6],
}]));

/** A shop's everyday campaigns, none of which a first visitor on the home page qualifies for. */
const QUIET_CAMPAIGNS = [
  { id: 'cross-sell', kind: 'cross-sell', audience: { productViews: { gte: 2 } }, pages: { include: ['/products/*'] }, trigger: { on: 'pageview', delaySeconds: 1.5 },
    layout: { type: 'slide-in', position: 'bottom-right' }, offer: { from: 'crossSell', of: 'current', limit: 2 }, cta: { action: 'add-to-cart' },
    content: { en: { title: 'Complete your setup', body: 'Campers who chose the {product} also pack these.', cta: 'Add both', dismiss: 'No thanks' } } },
  { id: 'cart-reminder', audience: { cartValue: { gt: 0 }, sessions: { gte: 2 } }, trigger: { on: 'pageview' }, layout: { type: 'bar', position: 'top' },
    content: { en: { title: 'Your cart is waiting', cta: 'View cart', dismiss: 'Later' } }, cta: { action: 'link', url: '/cart' } },
  { id: 'leaving-coupon', pages: { include: ['/cart'] }, trigger: { on: 'exit-intent' }, layout: { type: 'modal' }, offer: { coupon: 'TRAIL10' }, cta: { action: 'copy-coupon' },
    content: { en: { title: 'Leaving already?', body: 'Take 10% off with {coupon}.', cta: 'Copy code', dismiss: 'No thanks' } } },
  { id: 'returning-big-spender', audience: { purchases: { gte: 3 } }, trigger: { on: 'pageview', delaySeconds: 2 }, layout: { type: 'slide-in', position: 'bottom-left' },
    content: { en: { title: 'Welcome back', body: 'Members ship free.', dismiss: 'Close' } } },
];

const WELCOME = { id: 'welcome', trigger: { on: 'pageview' }, layout: { type: 'modal' }, offer: { coupon: 'WELCOME10' }, cta: { action: 'copy-coupon' },
  frequency: { afterDismissHours: 168 },
  content: { en: { title: 'Welcome to Trailhead', body: 'Take 10% off your first order with {coupon}.', cta: 'Copy code', dismiss: 'No thanks' } } };

const config = (campaigns) => JSON.stringify({ version: 1, defaultLocale: 'en', currency: 'USD', pages: { home: ['/'], product: ['/products/*'], cart: ['/cart'] }, catalog, campaigns });

/** A config text in its checked form, written by this build's `segmint validate --checked` (dist/cli.js). */
function checkedByCli(text) {
  const dir = mkdtempSync(join(tmpdir(), 'segmint-bench-'));
  writeFileSync(join(dir, 'in.json'), text);
  const run = spawnSync(process.execPath, [`${ROOT}dist/cli.js`, 'validate', join(dir, 'in.json'), '--checked', join(dir, 'out.json')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`segmint validate --checked failed (run npm run build first): ${run.stderr || run.error}`);
  return readFileSync(join(dir, 'out.json'), 'utf8');
}

/* ---------- the server ---------- */

for (const [file, pkg] of [['node_modules/@growthbook/growthbook/dist/bundles/auto.min.js', '@growthbook/growthbook'], ['node_modules/posthog-js/dist/array.js', 'posthog-js']]) {
  try {
    readFileSync(`${ROOT}${file}`);
  } catch {
    throw new Error(`${file} is missing: the bench compares against ${pkg}, a devDependency; run npm install (or npm install -D ${pkg})`);
  }
}

const FILES = {
  '/shop.css': ['text/css', SHOP_CSS],
  '/shop.js': ['text/javascript', SHOP_JS],
  '/segmint-quiet.json': ['application/json', config(QUIET_CAMPAIGNS)],
  '/segmint-popup.json': ['application/json', config([WELCOME, ...QUIET_CAMPAIGNS])],
  '/segmint-quiet.checked.json': ['application/json', checkedByCli(config(QUIET_CAMPAIGNS))],
  '/segmint-popup.checked.json': ['application/json', checkedByCli(config([WELCOME, ...QUIET_CAMPAIGNS]))],
  '/vendor/growthbook/auto.min.js': ['text/javascript', readFileSync(`${ROOT}node_modules/@growthbook/growthbook/dist/bundles/auto.min.js`)],
  // A handful of flags and one running experiment, as a shop would have.
  [`/gb/api/features/${GROWTHBOOK_CLIENT_KEY}`]: ['application/json', JSON.stringify({
    status: 200,
    features: {
      'free-shipping-banner': { defaultValue: false, rules: [{ condition: { country: 'US' }, force: true }] },
      'new-checkout': { defaultValue: false, rules: [{ key: 'new-checkout', variations: [false, true], weights: [0.5, 0.5], coverage: 1, hashAttribute: 'id' }] },
      'hero-copy': { defaultValue: 'Gear for the long way round' },
      'max-cross-sells': { defaultValue: 2 },
    },
    experiments: [],
  })],
  [`/ph/array/${POSTHOG_TOKEN}/config.js`]: ['text/javascript', `(window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{})[${JSON.stringify(POSTHOG_TOKEN)}]={config:${JSON.stringify({
    token: POSTHOG_TOKEN, supportedCompression: ['gzip', 'gzip-js'], hasFeatureFlags: false, captureDeadClicks: false, capturePerformance: false,
    autocapture_opt_out: false, autocaptureExceptions: false, analytics: { endpoint: '/i/v0/e/' }, elementsChainAsString: true,
    sessionRecording: false, heatmaps: false, surveys: false, defaultIdentifiedOnly: true,
  })},siteApps:[]}`],
};
PRODUCTS.forEach((p, i) => (FILES[`/img/${p.slug}.svg`] = ['image/svg+xml', productImage(i)]));

/** `--verbose`: what each variant asked this server for, to check that it served everything. */
const requestLog = new Map();

function handle(request, response, origin) {
  const { pathname } = new URL(request.url, origin);
  lastRequestAt = Date.now();
  const variant = request.headers['x-bench-variant'] ?? 'none';
  requestLog.set(`${variant} ${pathname}`, (requestLog.get(`${variant} ${pathname}`) ?? 0) + 1);
  // Scripts and configs may be cached, as a shop's CDN lets them be: only the repeat visit has a
  // cache to use (every other load is a fresh context). The page itself never is.
  const cacheable = pathname.startsWith('/dist/') || pathname.startsWith('/base-dist/') || pathname.startsWith('/vendor/') || pathname.startsWith('/segmint-');
  const send = (status, type, body) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': cacheable && status === 200 ? 'max-age=3600' : 'no-store', 'access-control-allow-origin': '*' });
    response.end(body);
  };
  if (pathname === '/' || pathname === '/index.html') return send(200, 'text/html; charset=utf-8', pageHtml(variant, origin));
  if (FILES[pathname]) return send(200, FILES[pathname][0], FILES[pathname][1]);
  if (BASE_DIST && pathname.startsWith('/base-dist/')) {
    try {
      return send(200, 'text/javascript', readFileSync(`${BASE_DIST}/${pathname.slice('/base-dist/'.length).replace(/[^\w.-]/g, '')}`));
    } catch {
      return send(404, 'text/plain', 'not found');
    }
  }
  if (pathname.startsWith('/dist/')) {
    try {
      return send(200, 'text/javascript', readFileSync(`${ROOT}${pathname.slice(1)}`));
    } catch {
      return send(404, 'text/plain', 'not found');
    }
  }
  if (pathname.startsWith('/ph/static/')) {
    // array.js and the extensions it may ask for, from the installed posthog-js.
    try {
      return send(200, 'text/javascript', readFileSync(`${ROOT}node_modules/posthog-js/dist/${pathname.split("/").pop().replace(/[^\w.-]/g, "")}`));
    } catch {
      return send(404, 'text/plain', 'not found');
    }
  }
  if (pathname.startsWith('/ph/flags') || pathname.startsWith('/ph/decide')) {
    return send(200, 'application/json', JSON.stringify({ flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false, requestId: 'bench' }));
  }
  // Event intake (PostHog's /e/, /i/v0/e/, /batch/, segmint has no beacon here): accept and drop.
  if (pathname.startsWith('/ph/')) {
    request.resume();
    return send(200, 'application/json', '{"status":1}');
  }
  send(404, 'text/plain', 'not found');
}

/** When this server last received a request: loads run one at a time, so it was this load's. */
let lastRequestAt = 0;

/** Resolves once the server has had no request for `quietMs` (or after `maxMs`). */
async function waitForQuiet(quietMs, maxMs) {
  const until = Date.now() + maxMs;
  while (Date.now() - lastRequestAt < quietMs && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Resolves once `expression` is true in the page, checked every 50 ms; rejects after `maxMs`, saying what `explain` finds then. */
async function pollPage(cdp, expression, maxMs, explain = 'null') {
  const until = Date.now() + maxMs;
  while (!(await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value) {
    if (Date.now() > until) throw new Error(`timed out after ${maxMs} ms waiting for ${expression}: ${JSON.stringify((await cdp.send('Runtime.evaluate', { expression: explain, returnByValue: true })).result.value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/* ---------- one load ---------- */

// Installed before any page script: long tasks, layout shifts, and when segmint's popup is first
// in a frame (its element in the document with its content, at the next animation frame).
const OBSERVERS = `(() => {
  const m = (window.__bench = { longTasks: [], shifts: [], popupVisible: null });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) m.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) m.shifts.push({ value: e.value, startTime: e.startTime, hadRecentInput: e.hadRecentInput }); }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  const watcher = new MutationObserver(() => {
    const root = document.querySelector('segmint-root');
    if (!root || !root.shadowRoot || !root.shadowRoot.querySelector('[role=dialog], .sm-dialog')) return;
    watcher.disconnect();
    requestAnimationFrame((t) => { m.popupVisible = t; });
  });
  watcher.observe(document, { childList: true, subtree: true });
})();`;

async function measureLoad(browser, variant, rate, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const outside = [];
  try {
    // Only watched, for every variant alike: the browser's proxy refuses them (launchBenchBrowser).
    context.on('request', (request) => {
      if (new URL(request.url()).origin !== origin) outside.push(request.url());
    });
    await context.setExtraHTTPHeaders({ 'x-bench-variant': variant });
    await context.addInitScript(OBSERVERS);
    if (REPEAT_VISITS.has(variant)) {
      // The first visit, unmeasured, in its own tab: it fills the HTTP cache and IndexedDB.
      const first = await context.newPage();
      await first.goto(`${origin}/`, { waitUntil: 'load' });
      await waitForQuiet(600 * Math.sqrt(rate), 15_000);
      await first.close();
    }
    return await measureVisit(context, variant, rate, origin, outside);
  } finally {
    await context.close();
  }
}

/** One measured page load in `context`, in a new tab. */
async function measureVisit(context, variant, rate, origin, outside) {
  const scripts = new Map();
  const page = await context.newPage();
  try {
    page.on('response', (response) => {
      // The script under test and whatever it loads; the shop's own shop.js is in every variant.
      // Their bodies are asked for once the load is over: not beside it.
      if (response.request().resourceType() === 'script' && !response.url().endsWith('/shop.js')) scripts.set(response.url(), response);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await waitForBrowserIdle(context.browser());
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    // Polled with a bare CDP evaluation: Playwright's waitForFunction would install its injected
    // script in the page and add a few hundred KB to that load's heap.
    // Also asked directly, not only through the observer: a popup drawn after its element entered
    // the page would never be seen by a childList observer. On a timeout, says what there is.
    if (roleOf(variant) === 'segmint-popup') {
      await pollPage(cdp, `window.__bench.popupVisible !== null || (!!document.querySelector('segmint-root')?.shadowRoot?.querySelector('[role=dialog], .sm-dialog') && (requestAnimationFrame((t) => { if (window.__bench.popupVisible === null) window.__bench.popupVisible = t; }), false))`, 30_000 * rate,
        `({ root: !!document.querySelector('segmint-root'), dialog: !!document.querySelector('segmint-root')?.shadowRoot?.querySelector('[role=dialog], .sm-dialog'), scripts: [...document.scripts].map((s) => s.src).filter(Boolean), readyState: document.readyState, visibility: document.visibilityState })`);
    }
    // Let what each script does after load run out: its config or flags request, its chunks, its
    // first event batch. 500 ms without network, then a second more of the page idling.
    await waitForQuiet(600 * Math.sqrt(rate), 15_000);
    await page.waitForTimeout(1000);
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const state = await page.evaluate(() => ({
      ...window.__bench,
      growthbook: 'hero-copy' in (window._growthbook?.getFeatures?.() ?? {}),
      posthog: !!window.posthog?.__loaded,
      segmintRoot: !!document.querySelector('segmint-root'),
    }));
    const check = {
      none: true,
      growthbook: state.growthbook,
      posthog: state.posthog,
      'segmint-no-popup': !state.segmintRoot,
      'segmint-no-popup-repeat': !state.segmintRoot,
      'segmint-no-popup-consent-repeat': !state.segmintRoot,
      'segmint-popup': state.popupVisible !== null,
    }[roleOf(variant)];
    if (!check) throw new Error(`${variant}: the script did not do its job in this load (${JSON.stringify({ growthbook: state.growthbook, posthog: state.posthog, segmintRoot: state.segmintRoot })})`);
    // A config error would fetch the diagnostics chunk and measure something no shop ships.
    if ([...scripts.keys()].some((url) => url.includes('segmint-diagnose'))) throw new Error(`${variant}: segmint found errors in the bench's config`);
    if (variant.endsWith('-checked') && [...scripts.keys()].some((url) => url.includes('segmint-check'))) throw new Error(`${variant}: segmint loaded the checks for a checked config`);
    const jsGzip = (await Promise.all([...scripts.values()].map((response) => response.body().then((body) => gzipSync(body, { level: 9 }).length, () => 0)))).reduce((a, b) => a + b, 0);
    return {
      jsGzip,
      scriptMs: metrics.ScriptDuration * 1000,
      longTasks: state.longTasks.length,
      longTaskMs: state.longTasks.reduce((sum, t) => sum + t.duration, 0),
      cls: cumulativeLayoutShift(state.shifts),
      heap: heap.usedSize,
      popupMs: state.popupVisible,
      outside: outside.length,
    };
  } finally {
    await page.close();
  }
}

/* ---------- the run ---------- */

const server = createServer();
await new Promise((resolve) => server.listen(PORT, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
server.on('request', (request, response) => handle(request, response, origin));
// `--serve`: only the page and its scripts, for another tool to load (tests/bench/heap-diff.mjs):
// prints the origin, then serves until stopped.
if (args.has('serve')) {
  console.log(origin);
  await new Promise(() => {});
}
const { browser, refused, close } = await launchBenchBrowser();
const started = Date.now();
const report = { date: new Date().toISOString(), chromium: browser.version(), node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loads: LOADS, loadAverageAtStart: loadavg()[0], rates: {} };
try {
  // One warm-up load per variant (the first launch of each script warms the browser's code caches
  // for everyone alike, but a first measurement also pays for the browser process itself).
  for (const variant of NAMES) await measureLoad(browser, variant, 1, origin);
  for (const rate of RATES) {
    const runs = Object.fromEntries(NAMES.map((name) => [name, []]));
    for (let round = 0; round < LOADS; round++) {
      const order = NAMES.map((_, i) => NAMES[(i + round) % NAMES.length]);
      for (const variant of order) runs[variant][round] = await measureLoad(browser, variant, rate, origin);
      process.stderr.write(`\r${rate}× CPU: round ${round + 1}/${LOADS}`);
    }
    process.stderr.write('\n');
    report.rates[rate] = summarize(runs);
    printTable(rate, report.rates[rate]);
  }
} finally {
  await close();
  server.close();
}
// The browser's own background requests (updates, sign-in), refused at the proxy like a page's.
report.refusedByProxy = refused.length;
if (args.has('verbose')) for (const [request, count] of [...requestLog].sort()) console.log(`${count}\t${request}`);
report.seconds = Math.round((Date.now() - started) / 1000);
report.loadAverageAtEnd = loadavg()[0];
console.log(`\n${LOADS} loads per variant and rate, fresh context each, ${report.chromium}, Node ${process.version}, ${report.cores}× ${report.cpu}; ${report.seconds} s; load average ${report.loadAverageAtStart.toFixed(1)} at the start, ${report.loadAverageAtEnd.toFixed(1)} at the end`);
mkdirSync(`${ROOT}tests/bench/results`, { recursive: true });
writeFileSync(`${ROOT}tests/bench/results/page-impact.json`, JSON.stringify(report, null, 2));

function summarize(runs) {
  const base = runs.none;
  const column = (variant, key) => runs[variant].map((run) => run[key]);
  return Object.fromEntries(NAMES.map((variant) => [variant, {
    jsGzipBytes: median(column(variant, 'jsGzip')),
    deltaScriptMs: median(pairedDeltas(column(variant, 'scriptMs'), column('none', 'scriptMs'))),
    scriptMs: median(column(variant, 'scriptMs')),
    longTasks: median(column(variant, 'longTasks')),
    longTaskMs: median(column(variant, 'longTaskMs')),
    maxLongTasks: Math.max(...column(variant, 'longTasks')),
    cls: median(column(variant, 'cls')),
    deltaHeapBytes: median(pairedDeltas(column(variant, 'heap'), base.map((run) => run.heap))),
    popupVisibleMs: roleOf(variant) === 'segmint-popup' ? median(column(variant, 'popupMs')) : null,
    blockedRequests: column(variant, 'outside').reduce((a, b) => a + b, 0),
    raw: runs[variant],
  }]));
}

function printTable(rate, summary) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const signed = (value, unit, digits = 1) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}${unit}`;
  const rows = [
    ['JS on the wire (gzip -9)', (s) => (s.jsGzipBytes ? kb(s.jsGzipBytes) : '0')],
    ['Δ main-thread script time', (s) => signed(s.deltaScriptMs, ' ms')],
    ['long tasks (median; most in a load)', (s) => `${s.longTasks} (${Math.round(s.longTaskMs)} ms); ${s.maxLongTasks}`],
    ['CLS', (s) => s.cls.toFixed(3)],
    ['Δ JS heap after GC', (s) => signed(s.deltaHeapBytes / 1024, ' KB', 0)],
    ['popup visible after navigation start', (s) => (s.popupVisibleMs === null ? '–' : `${Math.round(s.popupVisibleMs)} ms`)],
    ['requests off the machine (refused)', (s) => String(s.blockedRequests)],
  ];
  console.log(`\n### ${rate}× CPU slowdown\n`);
  console.log(`| | ${NAMES.map((name) => LABELS[name]).join(' | ')} |`);
  console.log(`|---|${NAMES.map(() => '---:').join('|')}|`);
  for (const [label, cell] of rows) console.log(`| ${label} | ${NAMES.map((name) => cell(summary[name])).join(' | ')} |`);
  // With --base-dist: each segmint variant against its @base twin, paired within the round.
  const twins = NAMES.filter((name) => NAMES.includes(`${name}@base`));
  if (!twins.length) return;
  console.log(`\nthis build against ${BASE_DIST}, paired within each round (median of the differences):\n`);
  console.log(`| | ${twins.map((name) => LABELS[name]).join(' | ')} |\n|---|${twins.map(() => '---:').join('|')}|`);
  const paired = (name, key) => median(pairedDeltas(summary[name].raw.map((run) => run[key]), summary[`${name}@base`].raw.map((run) => run[key])));
  console.log(`| Δ main-thread script time | ${twins.map((name) => signed(paired(name, 'scriptMs'), ' ms')).join(' | ')} |`);
  console.log(`| Δ JS heap after GC | ${twins.map((name) => signed(paired(name, 'heap') / 1024, ' KB', 0)).join(' | ')} |`);
}
