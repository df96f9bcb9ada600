import type { Frame, Page } from '@playwright/test';
import { expect, makeConfig, makeCampaign, dialog } from './fixtures';

// The main browser scenario, shared by the hostile-host matrix and the loader variants: a shop page
// that queues stub calls before segmint loads, feeds GA4 e-commerce events to window.dataLayer and
// then tracks an event; segmint must replay the queue in order, bridge the GA4 event, show the
// popup, and send exposure, impression and click to the dataLayer and the beacon. The page has no
// inline script or style, so the same page runs under the strictest CSP.

/** How the page includes segmint. */
export type Loader = 'async' | 'defer' | 'sync' | 'after-load' | 'twice' | 'tag-and-npm' | 'npm';

export interface ScenarioOptions {
  /** How segmint is included (default `async`). */
  loader?: Loader;
  /** Host code run first, before the stub snippet (a same-origin file, so CSP allows it). */
  host?: string;
  /** Host code run on `load`, after segmint is included. */
  onLoad?: string;
  /** Host stylesheet, linked in the head. */
  css?: string;
  /** The page's Content-Security-Policy header. */
  csp?: string;
  /** The global segmint answers under (a host that took `window.segmint` gets `segmintSDK`). */
  global?: 'segmint' | 'segmintSDK';
  /** Queue calls through the stub snippet before segmint loads (default true). */
  stub?: boolean;
  /** The URL of the npm bundle, for `npm` and `tag-and-npm`. */
  bundle?: string;
  /** Open the shop page at once (default true); false only sets up its routes, for a test that opens it its own way. */
  visit?: boolean;
}

type Win = Window & Record<string, any>;

/** Shown to gold visitors who tracked `pre` and viewed a product, when they track `go`. */
export const SCENARIO_CONFIG = makeConfig(
  [
    makeCampaign('welcome', {
      audience: { 'traits.tier': 'gold', 'events.pre': { gte: 1 }, productViews: { gte: 1 } },
      trigger: { on: 'event', event: 'go' },
      cta: { action: 'dismiss' },
    }),
  ],
  { analytics: { dataLayer: true, beacon: '/t/s/collect' } },
);

/** The calls a shop makes before segmint loads: the later identify must win, so order matters. */
const QUEUED_CALLS = `segmint('identify', { tier: 'silver' });
segmint('identify', { tier: 'gold' });
segmint('track', 'pre');`;

/** Records segmint's events (via the stub's queue, or on the instance once it is there). */
const LISTEN = (api: string) => `window.__seen = []; window.__errors = [];
['ready', 'exposure', 'impression', 'click', 'error'].forEach(function (name) {
  ${api}('on', name, function (payload) {
    if (name === 'error') __errors.push(String(payload && payload.message));
    else __seen.push(name);
  });
});`;

/** The shop's tag manager: a GA4 view_item already in the dataLayer before segmint loads. */
const SHOP = `window.dataLayer = window.dataLayer || [];
dataLayer.push({ event: 'view_item', ecommerce: { currency: 'USD', items: [{ item_id: 'SKU-1', item_name: 'Tent', item_category: 'Tents', price: 10 }] } });`;

const STUB = 'window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)};';

const TAG = (attributes: string) => `<script ${attributes} src="/dist/segmint.js" data-config="/t/s/config.json"></script>`;

function segmintTags(loader: Loader, bundle: string): string {
  switch (loader) {
    case 'async': return TAG('async');
    case 'defer': return TAG('defer');
    case 'sync': return TAG('');
    case 'twice': return TAG('async') + TAG('async');
    case 'after-load': return ''; // injected by /t/s/after.js
    case 'npm': return `<script type="module" src="${bundle}"></script>`;
    case 'tag-and-npm': return TAG('async') + `<script type="module" src="${bundle}"></script>`;
  }
}

/** The fields SPEC §10 allows on a campaign event in the beacon. */
const BEACON_FIELDS = new Set(['event', 'id', 'visitor', 'time', 'path', 'campaign', 'variant', 'locale', 'segments']);

/**
 * A beacon body as `event:campaign` strings; anything malformed (not JSON, events not an array, a
 * field SPEC §10 does not name, such as a host's Object.prototype property) becomes a string that
 * fails the test's comparison.
 */
function readBeacon(body: string): string[] {
  try {
    const { events } = JSON.parse(body) as { events: Record<string, unknown>[] };
    if (!Array.isArray(events)) return [`events is not an array: ${body}`];
    return events.map((event) => {
      const extra = Object.keys(event).filter((key) => !BEACON_FIELDS.has(key));
      return extra.length ? `unexpected fields ${extra.join(',')}` : `${String(event.event)}:${String(event.campaign)}`;
    });
  } catch {
    return [`unparseable beacon: ${body}`];
  }
}

/** Serves the scenario page (and its scripts, config and beacon endpoint) and opens it; returns the beacons. */
export async function openScenario(page: Page, options: ScenarioOptions = {}): Promise<{ beacons: string[][]; warnings: string[] }> {
  const loader = options.loader ?? 'async';
  const useStub = options.stub ?? true;
  const beacons: string[][] = [];
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('[segmint]')) warnings.push(message.text());
  });
  const files: Record<string, string> = {
    '/t/s/host.js': options.host ?? '',
    '/t/s/stub.js': useStub ? `${STUB}\n${LISTEN('segmint')}\n${QUEUED_CALLS}` : '',
    '/t/s/shop.js': SHOP,
    '/t/s/after.js': `addEventListener('load', function () {
      ${loader === 'after-load' ? "var s = document.createElement('script'); s.src = '/dist/segmint.js'; s.dataset.config = '/t/s/config.json'; document.head.appendChild(s);" : ''}
      ${options.onLoad ?? ''}
    });`,
  };
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>scenario shop</title>
${options.css !== undefined ? '<link rel="stylesheet" href="/t/s/host.css">' : ''}
<script src="/t/s/host.js"></script>
<script src="/t/s/stub.js"></script>
<script src="/t/s/shop.js"></script>
${segmintTags(loader, options.bundle ?? '')}
</head><body><main><h1>Test store</h1><button id="outside">Outside</button></main><script src="/t/s/after.js"></script></body></html>`;
  await page.route('**/t/s/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(SCENARIO_CONFIG) }));
  await page.route('**/t/s/host.css', (route) => route.fulfill({ contentType: 'text/css', body: options.css ?? '' }));
  await page.route((url) => url.pathname in files, (route) => route.fulfill({ contentType: 'text/javascript', body: files[new URL(route.request().url()).pathname] }));
  await page.route('**/t/s/collect', async (route) => {
    beacons.push(readBeacon(route.request().postData() ?? ''));
    await route.fulfill({ status: 204 });
  });
  await page.route((url) => url.pathname === '/t/s/page' || url.pathname === '/t/s/other', (route) =>
    route.fulfill({ contentType: 'text/html', headers: options.csp ? { 'Content-Security-Policy': options.csp } : {}, body: html }));
  if (options.visit !== false) await page.goto('/t/s/page');
  return { beacons, warnings };
}

/**
 * Runs the scenario on an opened page and checks every part of it: the queue replayed in order,
 * the GA4 event bridged, the popup shown and clicked, exposure/impression/click in the dataLayer
 * and in the beacon, no `error` event. With `stub: false` the calls are made after load instead.
 */
export async function expectSegmintWorks(page: Page | Frame, opened: { beacons: string[][] }, options: ScenarioOptions = {}): Promise<void> {
  const api = options.global ?? 'segmint';
  // The stub snippet has no methods: explain() is there once segmint is.
  await page.waitForFunction((name) => typeof (window as Win)[name]?.explain === 'function', api);
  if (options.stub === false) {
    // The host's own code, once segmint is there: the listeners and calls the stub would queue.
    await page.evaluate((name) => {
      const sdk = (window as Win)[name];
      const w = window as Win;
      w.__seen = [];
      w.__errors = [];
      for (const event of ['ready', 'exposure', 'impression', 'click', 'error']) {
        sdk.on(event, (payload: { message?: string }) => (event === 'error' ? w.__errors.push(String(payload?.message)) : w.__seen.push(event)));
      }
      sdk.identify({ tier: 'silver' });
      sdk.identify({ tier: 'gold' });
      sdk.track('pre');
    }, api);
  }
  await expect.poll(() => page.evaluate((name) => (window as Win)[name].profile(), api), 'the queued calls, in order, and the bridged GA4 view_item')
    .toMatchObject({ traits: { tier: 'gold' }, events: { pre: 1 }, productViews: 1, viewedProducts: ['SKU-1'] });
  await page.evaluate((name) => (window as Win)[name].track('go'), api);
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
  await expect(dialog(page)).toBeVisible();
  await expect(page.locator('segmint-root'), 'one popup').toHaveCount(1);
  await expect(dialog(page)).toHaveCount(1);
  await expect(dialog(page)).toContainText('Hello from welcome');
  await dialog(page).getByRole('button', { name: 'Shop now' }).click();
  await expect(dialog(page)).toHaveCount(0);

  await expect.poll(() => page.evaluate(() => (window as Win).__seen.filter((name: string) => name !== 'ready'))).toEqual(['exposure', 'impression', 'click']);
  const pushed = await page.evaluate(() => (window as Win).dataLayer
    .filter((entry: { event?: unknown }) => typeof entry?.event === 'string' && entry.event.startsWith('segmint_'))
    .map((entry: { event: string; segmint: { campaign: string } }) => `${entry.event}:${entry.segmint.campaign}`));
  expect(pushed, 'campaign events in window.dataLayer').toEqual(['segmint_exposure:welcome', 'segmint_impression:welcome', 'segmint_click:welcome']);

  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
  await expect.poll(() => opened.beacons.flat(), 'campaign events in the beacon').toEqual(['exposure:welcome', 'impression:welcome', 'click:welcome']);
  expect(await page.evaluate(() => (window as Win).__errors), 'error events').toEqual([]);
}
