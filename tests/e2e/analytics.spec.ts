import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ConsoleMessage, Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

// Analytics sinks (SPEC §10, §5; RELIABILITY §49): campaign events go to window.dataLayer as
// { event: "segmint_<name>", segmint } and, batched, to a beacon URL by navigator.sendBeacon.

type Win = Window & { segmint: any; dataLayer?: any[]; seen: Record<string, unknown>[]; __errors: string[]; __beacons: string[] };

/** Records every campaign event given to on() listeners, and every `error` event. */
const LISTEN = `window.seen = []; window.__errors = [];
  ['exposure', 'impression', 'dismiss', 'click', 'conversion'].forEach(function (name) {
    segmint('on', name, function (payload) { seen.push(Object.assign({ name: name }, payload)); });
  });
  segmint('on', 'error', function (e) { __errors.push(String(e && e.message)); });`;

/** A tag manager snippet already on the page: segmint's dataLayer bridge reads from it. */
const GTM = 'window.dataLayer = window.dataLayer || []; dataLayer.push({ event: "gtm.js" });';

const SEGMENTS = { everyone: { pageViews: { gte: 1 } }, buyers: { purchases: { gte: 1 } }, nobody: { 'traits.tier': 'gold' } };

/** A campaign shown when the page tracks `go`; its CTA ("Shop now") dismisses. */
const onGo = (id: string, extra: object = {}) => makeCampaign(id, { trigger: { on: 'event', event: 'go' }, cta: { action: 'dismiss' }, ...extra });

interface Beacon {
  url: string;
  method: string;
  contentType: string | undefined;
  body: { events: Record<string, unknown>[] };
}

/** A beacon body as JSON; a body that is not JSON is kept as text, to fail the test's assertions, not the server. */
function readBody(text: string): Beacon['body'] {
  try {
    return JSON.parse(text);
  } catch {
    return { events: [], unparsed: text } as Beacon['body'];
  }
}

/** Answers beacons to `**\/collect` and records what they carried. */
async function collectBeacons(page: Page): Promise<Beacon[]> {
  const beacons: Beacon[] = [];
  await page.route('**/collect', async (route) => {
    const request = route.request();
    beacons.push({ url: request.url(), method: request.method(), contentType: request.headers()['content-type'], body: readBody(request.postData() ?? '') });
    await route.fulfill({ status: 204 });
  });
  return beacons;
}

/**
 * A shop on a real server, for what happens when the visitor leaves a page: Playwright's routing
 * does not see a request the browser sends while a document unloads (the beacon reaches the
 * network, unrouted), so these pages, segmint's files and the beacon endpoint are served for real,
 * from one origin. `pages` gives each path's script tag attributes.
 */
async function startShop(config: object, pages: Record<string, string> = {}, before = LISTEN) {
  const beacons: Beacon[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const reply = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/collect') {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        beacons.push({ url: url.href, method: request.method ?? '', contentType: request.headers['content-type'], body: readBody(body) });
        reply(204, 'text/plain', '');
      });
      return;
    }
    if (url.pathname === '/t/config.json') return reply(200, 'application/json', JSON.stringify(config));
    if (/^\/dist\/segmint[\w-]*\.js$/.test(url.pathname)) {
      readFile(fileURLToPath(new URL(`../../dist/${url.pathname.slice('/dist/'.length)}`, import.meta.url))).then(
        (file) => reply(200, 'text/javascript', file),
        () => reply(404, 'text/plain', 'not found'),
      );
      return;
    }
    if (url.pathname in pages) {
      return reply(200, 'text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>shop</title>
<script>window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)}</script>
<script>${before}</script>
<script async src="/dist/segmint.js" data-config="/t/config.json" ${pages[url.pathname]}></script>
</head><body><main><h1>Test store</h1></main></body></html>`);
    }
    reply(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    beacons,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Counts the page's own navigator.sendBeacon calls (whatever the network then does with them). */
async function countSendBeacon(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Win;
    w.__beacons = [];
    const send = navigator.sendBeacon;
    navigator.sendBeacon = function (url: string | URL, data?: BodyInit | null) {
      w.__beacons.push(String(url));
      return send.call(navigator, url, data);
    };
  });
}

const ready = (page: Page) => page.waitForFunction(() => (window as unknown as Win).segmint?._segmint);
const seen = (page: Page) => page.evaluate(() => (window as unknown as Win).seen.map((e) => e.name));
const sendBeaconCalls = (page: Page) => page.evaluate(() => (window as unknown as Win).__beacons.length);
const errors = (page: Page) => page.evaluate(() => (window as unknown as Win).__errors);
/** The segmint_* entries in window.dataLayer, or null when the page has no dataLayer. */
const segmintEntries = (page: Page) =>
  page.evaluate(() => {
    const layer = (window as unknown as Win).dataLayer;
    return Array.isArray(layer) ? layer.filter((entry) => typeof entry?.event === 'string' && entry.event.startsWith('segmint_')) : null;
  });
/** Resolves once every call made before it has run (the instance runs calls in order). */
const settled = (page: Page) => page.evaluate(() => (window as unknown as Win).segmint.profile());
/**
 * The fields every beacon event has besides the campaign's (SPEC §10): a random id, the visitor's
 * profile id (the same on every page), the time and the page path.
 */
const beaconFields = (visitor: string, path: string) => ({ id: expect.stringMatching(/^[0-9a-f]{32}$/), visitor, time: expect.any(Number), path });
/** Each event's id is its own. */
const ids = (events: Record<string, unknown>[]) => new Set(events.map((e) => e.id)).size;
/** Fires the page's pagehide listeners without leaving the page. */
const pagehide = (page: Page) => page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));

async function showAndClick(page: Page): Promise<void> {
  await ready(page);
  await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
  await expect(dialog(page)).toBeVisible();
  await expect.poll(() => seen(page)).toEqual(['exposure', 'impression']);
  await dialog(page).getByRole('button', { name: 'Shop now' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect.poll(() => seen(page)).toEqual(['exposure', 'impression', 'click']);
}

test.describe('analytics.dataLayer', () => {
  for (const [how, before] of [
    ['creates window.dataLayer on a page without one and', LISTEN],
    ['on a page with a tag manager,', `${GTM}${LISTEN}`],
  ] as const) {
    test(`${how} pushes exposure, impression and click with campaign, variant, locale and segments`, async ({ page }) => {
      const config = makeConfig([onGo('promo')], { segments: SEGMENTS, analytics: { dataLayer: true } });
      await openTestPage(page, { config, before });
      await ready(page);
      expect(await segmintEntries(page)).toEqual(before.includes('gtm.js') ? [] : null);

      await showAndClick(page);
      const payload = { campaign: 'promo', variant: 'default', locale: 'en', segments: ['everyone'] };
      await expect.poll(() => segmintEntries(page)).toEqual([
        { event: 'segmint_exposure', segmint: payload },
        { event: 'segmint_impression', segmint: payload },
        { event: 'segmint_click', segmint: payload },
      ]);
      // The same payloads as on() listeners get, and the tag manager's entries are kept.
      const listened = await page.evaluate(() => (window as unknown as Win).seen);
      expect(listened).toEqual(['exposure', 'impression', 'click'].map((name) => ({ name, ...payload })));
      if (before.includes('gtm.js')) expect((await page.evaluate(() => (window as unknown as Win).dataLayer))?.[0]).toEqual({ event: 'gtm.js' });

      // segmint's own entries are not read back as tracked events.
      await page.evaluate(() => (window as unknown as Win).segmint.track('after'));
      const profile = await settled(page);
      expect(Object.keys(profile.events).filter((name) => /segmint/.test(name))).toEqual([]);
      expect(profile.events).toEqual({ go: 1, after: 1 });
      expect(await errors(page)).toEqual([]);
    });
  }

  test('a dismissed popup pushes segmint_dismiss, in the locale it was shown in', async ({ page }) => {
    const config = makeConfig([onGo('promo')], { segments: SEGMENTS, analytics: { dataLayer: true } });
    await openTestPage(page, { config, before: LISTEN, attributes: 'data-locale="de-AT"' });
    await ready(page);
    await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
    await dialog(page).getByRole('button', { name: 'Nein danke' }).click();
    const payload = { campaign: 'promo', variant: 'default', locale: 'de', segments: ['everyone'] };
    await expect.poll(() => segmintEntries(page)).toEqual([
      { event: 'segmint_exposure', segmint: payload },
      { event: 'segmint_impression', segmint: payload },
      { event: 'segmint_dismiss', segmint: payload },
    ]);
  });
});

test.describe('analytics.beacon', () => {
  test('batches events and sends them as text/plain { events } JSON when the visitor leaves the page', async ({ page }) => {
    const config = makeConfig([onGo('promo')], { segments: SEGMENTS, analytics: { beacon: '/collect' } });
    const shop = await startShop(config, { '/t/page': '', '/t/next': '' });
    try {
      await page.goto(`${shop.origin}/t/page`);
      await showAndClick(page);
      // Batched, not sent one by one.
      expect(shop.beacons).toEqual([]);

      await page.goto(`${shop.origin}/t/next`);
      await expect.poll(() => shop.beacons.length).toBe(1);
      const arrived = Date.now();
      const [beacon] = shop.beacons;
      expect(beacon.method).toBe('POST');
      expect(beacon.url).toBe(`${shop.origin}/collect`);
      expect(beacon.contentType).toMatch(/^text\/plain(;|$)/i);
      await ready(page);
      const visitor = (await settled(page)).id as string;
      expect(visitor).toMatch(/^[0-9a-f]{24}$/);
      const payload = { campaign: 'promo', variant: 'default', locale: 'en', segments: ['everyone'], ...beaconFields(visitor, '/t/page') };
      expect(beacon.body).toEqual({ events: ['exposure', 'impression', 'click'].map((event) => ({ event, ...payload })) });
      expect(ids(beacon.body.events)).toBe(3);
      const times = beacon.body.events.map((e) => e.time as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // Sent before the first event's 5 s were up: by leaving, not by the timer.
      expect(arrived - times[0]).toBeLessThan(5000);
      // The new page has no events yet, and dataLayer was not asked for.
      expect(await page.evaluate(() => 'dataLayer' in window)).toBe(false);
      await page.waitForTimeout(300);
      expect(shop.beacons).toHaveLength(1);
    } finally {
      await shop.close();
    }
  });

  test('sends a batch 5 s after its first event, and each batch once', async ({ page }) => {
    const beacons = await collectBeacons(page);
    const arrivals: number[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/collect')) arrivals.push(Date.now());
    });
    const config = makeConfig([onGo('promo')], { analytics: { beacon: '/collect' } });
    await openTestPage(page, { config, before: LISTEN });
    await ready(page);
    const start = Date.now();
    await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression']);
    await page.waitForTimeout(500);
    expect(beacons).toEqual([]);

    await expect.poll(() => beacons.length, { timeout: 10_000 }).toBe(1);
    const [beacon] = beacons;
    expect(beacon.body.events.map((e) => [e.event, e.campaign, e.segments])).toEqual([
      ['exposure', 'promo', []],
      ['impression', 'promo', []],
    ]);
    const waited = arrivals[0] - start;
    expect(waited).toBeGreaterThanOrEqual(4900);
    expect(waited).toBeLessThan(8000);

    // The batch has gone: leaving the page sends nothing more.
    await pagehide(page);
    await page.waitForTimeout(300);
    expect(beacons).toHaveLength(1);
  });

  test('sends what is batched when the tab is hidden', async ({ page }) => {
    const beacons = await collectBeacons(page);
    const config = makeConfig([onGo('promo')], { analytics: { beacon: '/collect' } });
    await openTestPage(page, { config, before: LISTEN });
    await ready(page);
    await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression']);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => beacons.map((b) => b.body.events.map((e) => e.event))).toEqual([['exposure', 'impression']]);
  });

  test('a beacon blocked like an ad blocker does it is silent and not retried', async ({ page }) => {
    const messages: ConsoleMessage[] = [];
    page.on('console', (message) => messages.push(message));
    let attempts = 0;
    await page.route('**/collect', (route) => {
      attempts++;
      return route.abort('blockedbyclient');
    });
    await countSendBeacon(page);
    await page.clock.install();
    const config = makeConfig([onGo('promo')], { analytics: { beacon: '/collect', dataLayer: true } });
    await openTestPage(page, { config, before: LISTEN });
    await showAndClick(page);
    expect(await sendBeaconCalls(page)).toBe(0);

    await pagehide(page);
    await expect.poll(() => attempts).toBe(1);
    expect(await sendBeaconCalls(page)).toBe(1);

    // No retry: not when the page is hidden or left again, not by any timer.
    await pagehide(page);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.clock.runFor(60_000);
    await page.waitForTimeout(300);
    expect(await sendBeaconCalls(page)).toBe(1);
    expect(attempts).toBe(1);

    // segmint stays quiet and keeps working: the next event goes in a new batch.
    expect(await errors(page)).toEqual([]);
    // Chromium itself logs each blocked request (as it does for any ad-blocked request): one line
    // for the one attempt. Nothing else, and nothing from segmint.
    const logged = messages.filter((m) => m.type() === 'error' || m.type() === 'warning').map((m) => m.text());
    expect(logged).toEqual([expect.stringMatching(/^Failed to load resource: net::ERR_BLOCKED_BY_CLIENT/)]);
    // The visitor comes back to the page (from the back/forward cache, tab visible again): events
    // batch again. While the page is hidden or being left, each goes at once, as no later send may come.
    await page.evaluate(() => {
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      delete (document as { visibilityState?: string }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
    await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression', 'click', 'exposure', 'impression']);
    await pagehide(page);
    await expect.poll(() => attempts).toBe(2);
    expect(await sendBeaconCalls(page)).toBe(2);
    expect((await segmintEntries(page))?.map((e) => e.event)).toEqual([
      'segmint_exposure', 'segmint_impression', 'segmint_click', 'segmint_exposure', 'segmint_impression',
    ]);
  });
});

test.describe('Global Privacy Control', () => {
  test('with respectGPC and navigator.globalPrivacyControl, nothing goes to the dataLayer or a beacon', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => true }));
    await countSendBeacon(page);
    const config = makeConfig([onGo('promo')], { analytics: { dataLayer: true, beacon: '/collect', respectGPC: true } });
    const shop = await startShop(config, { '/t/page': '', '/t/next': '' }, `${GTM}${LISTEN}`);
    try {
      await page.goto(`${shop.origin}/t/page`);
      expect(await page.evaluate(() => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl)).toBe(true);
      await showAndClick(page);
      await page.evaluate(() => (window as unknown as Win).segmint.track('purchase', { transactionId: 'o1', value: 10, currency: 'USD' }));
      // on() listeners still hear everything: it is only kept in the browser.
      await expect.poll(() => seen(page)).toEqual(['exposure', 'impression', 'click', 'conversion']);

      await pagehide(page);
      expect(await segmintEntries(page)).toEqual([]);
      expect(await sendBeaconCalls(page)).toBe(0);
      await page.goto(`${shop.origin}/t/next`);
      await ready(page);
      await page.waitForTimeout(300);
      expect(shop.beacons).toEqual([]);
    } finally {
      await shop.close();
    }
  });

  test('without respectGPC, the signal alone does not stop the sinks', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => true }));
    const beacons = await collectBeacons(page);
    const config = makeConfig([onGo('promo')], { analytics: { dataLayer: true, beacon: '/collect' } });
    await openTestPage(page, { config, before: LISTEN });
    await showAndClick(page);
    await pagehide(page);
    await expect.poll(() => beacons.length).toBe(1);
    expect((await segmintEntries(page))?.map((e) => e.event)).toEqual(['segmint_exposure', 'segmint_impression', 'segmint_click']);
  });
});

const CONSENT_WAYS = {
  'data-consent="required"': { extra: {}, attributes: 'data-consent="required"' },
  'config "consent": "required"': { extra: { consent: 'required' }, attributes: undefined },
};

for (const [way, { extra, attributes }] of Object.entries(CONSENT_WAYS)) {
  test(`consent required by ${way}: no beacon before consent(true), beacons after; the dataLayer does not wait`, async ({ page }) => {
    const beacons = await collectBeacons(page);
    await countSendBeacon(page);
    const config = makeConfig([onGo('promo')], { ...extra, analytics: { dataLayer: true, beacon: '/collect' } });
    await openTestPage(page, { config, attributes, before: LISTEN });
    await ready(page);
    await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression']);
    expect((await segmintEntries(page))?.map((e) => e.event)).toEqual(['segmint_exposure', 'segmint_impression']);
    await pagehide(page);
    await page.waitForTimeout(300);
    expect(await sendBeaconCalls(page)).toBe(0);
    expect(beacons).toEqual([]);

    await page.evaluate(() => (window as unknown as Win).segmint.consent(true));
    await settled(page);
    await dialog(page).getByRole('button', { name: 'Shop now' }).click();
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression', 'click']);
    await pagehide(page);
    await expect.poll(() => beacons.length).toBe(1);
    // Only what happened after consent: the events before it were never batched.
    expect(beacons[0].body.events.map((e) => [e.event, e.campaign, e.locale])).toEqual([['click', 'promo', 'en']]);
    expect((await segmintEntries(page))?.map((e) => e.event)).toEqual(['segmint_exposure', 'segmint_impression', 'segmint_click']);

    // consent(false) stops beacons again.
    await page.evaluate(() => {
      const { segmint } = window as unknown as Win;
      segmint.consent(false);
      segmint.track('go');
    });
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression', 'click', 'exposure', 'impression']);
    await pagehide(page);
    await page.waitForTimeout(300);
    expect(await sendBeaconCalls(page)).toBe(1);
    expect(beacons).toHaveLength(1);
    expect(await errors(page)).toEqual([]);
  });
}

test('a purchase after a click emits conversion with value, currency and the locale the popup was shown in', async ({ page }) => {
  const config = makeConfig([onGo('promo')], { segments: SEGMENTS, analytics: { dataLayer: true, beacon: '/collect' } });
  const shop = await startShop(config, { '/t/page': 'data-locale="de-DE"', '/t/checkout': '' });
  try {
    // Clicked in German on one page...
    await page.goto(`${shop.origin}/t/page`);
    await ready(page);
    await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
    await dialog(page).getByRole('button', { name: 'Jetzt kaufen' }).click();
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression', 'click']);

    // ...and bought on the next, now in English.
    await page.goto(`${shop.origin}/t/checkout`);
    await expect.poll(() => shop.beacons.length).toBe(1);
    expect(shop.beacons[0].body.events.map((e) => [e.event, e.locale])).toEqual([['exposure', 'de'], ['impression', 'de'], ['click', 'de']]);
    await ready(page);
    expect((await page.evaluate(() => (window as unknown as Win).segmint.explain())).signals.locale).toMatch(/^en/);
    await page.evaluate(() => (window as unknown as Win).segmint.track('purchase', { transactionId: 'o1', value: 10, currency: 'USD' }));
    // Segments as the visitor is with this purchase counted (a buyer now); transactionId added for issue 10.
    const conversion = { campaign: 'promo', variant: 'default', locale: 'de', segments: ['everyone', 'buyers'], value: 10, currency: 'USD', transactionId: 'o1' };
    await expect.poll(() => segmintEntries(page)).toEqual([{ event: 'segmint_conversion', segmint: conversion }]);
    expect(await page.evaluate(() => (window as unknown as Win).seen)).toEqual([{ name: 'conversion', ...conversion }]);

    // The same order again, and another order after the conversion: no second conversion.
    await page.evaluate(() => {
      const { segmint } = window as unknown as Win;
      segmint.track('purchase', { transactionId: 'o1', value: 10, currency: 'USD' });
      segmint.track('purchase', { transactionId: 'o2', value: 20, currency: 'USD' });
    });
    expect((await settled(page)).purchases).toBe(2);
    expect(await segmintEntries(page)).toHaveLength(1);

    await pagehide(page);
    await expect.poll(() => shop.beacons.length).toBe(2);
    // The visitor was exposed to promo within its attribution window, so each order that counts
    // also goes to the beacon as a purchase (SPEC §10), before the conversion it makes.
    const fields = beaconFields((await settled(page)).id as string, '/t/checkout');
    const order = (transactionId: string, value: number) => ({ event: 'purchase', ...fields, value, currency: 'USD', transactionId });
    expect(shop.beacons[1].body).toEqual({ events: [order('o1', 10), { event: 'conversion', ...conversion, ...fields }, order('o2', 20)] });
    expect(ids(shop.beacons[1].body.events)).toBe(3);
    expect(await errors(page)).toEqual([]);
  } finally {
    await shop.close();
  }
});

// RELIABILITY §36 and hosts whose dataLayer misbehaves.
test.describe('hostile hosts', () => {
  test('a host dataLayer whose push throws: nothing thrown into the page, and the beacon still goes', async ({ page }) => {
    const beacons = await collectBeacons(page);
    const config = makeConfig([onGo('promo')], { analytics: { dataLayer: true, beacon: '/collect' } });
    await openTestPage(page, { config, before: `${LISTEN} window.dataLayer = []; dataLayer.push = function () { throw new Error('the host push broke'); };` });
    await showAndClick(page);
    await pagehide(page);
    await expect.poll(() => beacons.map((b) => b.body.events.map((e) => e.event)), { timeout: 2000 }).toEqual([['exposure', 'impression', 'click']]);
    // Reported once per event, as segmint errors, never thrown into the page.
    expect(await page.evaluate(() => (window as any).__errors)).toEqual(Array(3).fill(expect.stringContaining('the host push broke')));
  });

  test('a host with Prototype.js’s Array.prototype.toJSON still gets a well-formed beacon body (RELIABILITY §36)', async ({ page }) => {
    const beacons = await collectBeacons(page);
    const config = makeConfig([onGo('promo')], { segments: SEGMENTS, analytics: { beacon: '/collect' } });
    // What Prototype.js 1.6 does: arrays serialise themselves to a JSON string.
    const prototypeJs = "Array.prototype.toJSON = function () { return '[' + this.map(function (x) { return JSON.stringify(x); }).join(', ') + ']'; };";
    await openTestPage(page, { config, before: `${prototypeJs}${LISTEN}` });
    await showAndClick(page);
    await pagehide(page);
    await expect.poll(() => beacons.length).toBe(1);
    const fields = beaconFields((await settled(page)).id as string, new URL(page.url()).pathname);
    expect(beacons[0].body.events).toEqual(['exposure', 'impression', 'click'].map((event) => ({
      event, campaign: 'promo', variant: 'default', locale: 'en', segments: ['everyone'], ...fields,
    })));
    expect(ids(beacons[0].body.events)).toBe(3);
  });
});
