import { test, expect } from './fixtures';
import { readStored } from './idb';
import { openScenario, expectSegmintWorks, type ScenarioOptions } from './scenario';

// The hostile-host matrix (issue 12; RELIABILITY §36–38, §42, §34–35): pages that break the
// assumptions a script makes about the page it runs in. For each, segmint keeps working — the stub
// queue replayed in order, the GA4 event bridged, the popup shown, exposure, impression and click in
// the dataLayer and the beacon (tests/e2e/scenario.ts) — or steps aside with one warning, and never
// throws into the page (the fixture fails any test whose page raised an error or a CSP violation).

const HOSTILE_CSS = `
* { all: unset !important; }
div, section, button, h2, p { display: none !important; }
html { font-size: 8px !important; }
/* An overlay over everything at the highest z-index, like a consent wall or a chat widget. */
main::after { content: ""; position: fixed; inset: 0; z-index: 2147483647; background: rgba(200, 0, 0, 0.3); }
`;

interface HostileCase {
  name: string;
  options: ScenarioOptions;
  /** The `[segmint]` warnings allowed: 0 unless segmint steps aside (then exactly these). */
  warnings?: RegExp[];
}

const CASES: HostileCase[] = [
  {
    name: 'Object.prototype has an enumerable property (Object.prototype.foo = 1)',
    options: { host: 'Object.prototype.foo = 1;' },
  },
  {
    name: 'Object.prototype has an enumerable toJSON and a method',
    options: { host: 'Object.prototype.toJSON = function () { return this; }; Object.prototype.each = function () {};' },
  },
  {
    name: 'Array.prototype has enumerable methods (MooTools style)',
    options: { host: 'Array.prototype.each = function () {}; Array.prototype.last = function () { return this[this.length - 1]; };' },
  },
  {
    name: 'Array.prototype.toJSON from Prototype.js 1.6 (arrays serialise as strings)',
    options: { host: 'Array.prototype.toJSON = function () { return JSON.stringify(this.slice()); };' },
  },
  {
    name: 'window.Promise and fetch wrapped, zone.js style',
    options: {
      host: `(function () {
        var Native = window.Promise;
        function ZoneAwarePromise(executor) { return Reflect.construct(Native, [executor], ZoneAwarePromise); }
        ZoneAwarePromise.prototype = Object.create(Native.prototype, { constructor: { value: ZoneAwarePromise, writable: true, configurable: true } });
        Object.setPrototypeOf(ZoneAwarePromise, Native);
        ZoneAwarePromise.prototype.then = function (onFulfilled, onRejected) { window.__zoneThens = (window.__zoneThens || 0) + 1; return Native.prototype.then.call(this, onFulfilled, onRejected); };
        window.Promise = ZoneAwarePromise;
        var nativeFetch = window.fetch;
        window.fetch = function () { window.__zoneFetches = (window.__zoneFetches || 0) + 1; var args = arguments, self = this; return new ZoneAwarePromise(function (resolve, reject) { nativeFetch.apply(self, args).then(resolve, reject); }); };
      })();`,
    },
  },
  {
    name: 'history.pushState and replaceState patched by a router',
    options: {
      host: `(function () {
        window.__routes = [];
        ['pushState', 'replaceState'].forEach(function (name) {
          var original = history[name];
          history[name] = function (state, title, url) { var result = original.apply(this, arguments); window.__routes.push(name + ' ' + url); dispatchEvent(new Event('locationchange')); return result; };
        });
        history.pushState({ route: 1 }, '', location.pathname + '?boot=1');
      })();`,
    },
  },
  {
    name: '<body> replaced after load (Turbo / pjax / a React root)',
    options: { onLoad: "var body = document.createElement('body'); body.innerHTML = '<main><h1>New page</h1></main>'; document.documentElement.replaceChild(body, document.body);" },
  },
  {
    name: 'aggressive global CSS (all: unset !important, display: none on everything, a max z-index overlay)',
    options: { css: HOSTILE_CSS },
  },
  {
    name: 'strict CSP with Trusted Types',
    options: { csp: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'" },
  },
  {
    name: 'window.segmint taken by another library: segmint answers as segmintSDK',
    options: { host: 'window.segmint = { version: "other-lib" };', stub: false, global: 'segmintSDK' },
    warnings: [/window\.segmint is taken/],
  },
  {
    name: 'window.segmint taken and frozen (non-writable, non-configurable): segmint answers as segmintSDK',
    options: { host: 'Object.defineProperty(window, "segmint", { value: Object.freeze({ version: "other-lib" }), writable: false, configurable: false });', stub: false, global: 'segmintSDK' },
    warnings: [/window\.segmint is taken/],
  },
  {
    name: 'the stub snippet itself frozen in place (window.segmint non-writable): the queue is replayed, segmint answers as segmintSDK',
    options: {
      host: 'Object.defineProperty(window, "segmint", { value: function () { (window.segmint.q = window.segmint.q || []).push(arguments); }, writable: false, configurable: false });',
      global: 'segmintSDK',
    },
    warnings: [/window\.segmint cannot be replaced/],
  },
];

for (const { name, options, warnings = [] } of CASES) {
  test(`hostile host: ${name}`, async ({ page }) => {
    const opened = await openScenario(page, options);
    await expectSegmintWorks(page, opened, options);
    expect(opened.warnings.length, opened.warnings.join('\n')).toBe(warnings.length);
    warnings.forEach((pattern, i) => expect(opened.warnings[i]).toMatch(pattern));
  });
}

test('hostile host: the router patch still sees every navigation, and segmint counts each SPA page once', async ({ page }) => {
  const options = CASES.find((c) => c.name.startsWith('history.pushState'))!.options;
  const opened = await openScenario(page, options);
  await expectSegmintWorks(page, opened, options);
  const before = (await page.evaluate(() => (window as any).segmint.profile())).pageViews;
  await page.evaluate(() => history.pushState({ route: 2 }, '', '/t/s/other'));
  await expect.poll(async () => (await page.evaluate(() => (window as any).segmint.profile())).pageViews).toBe(before + 1);
  expect(await page.evaluate(() => (window as any).__routes)).toEqual(['pushState /t/s/page?boot=1', 'pushState /t/s/other']);
  expect(await page.evaluate(() => history.state)).toEqual({ route: 2 });
});

test('hostile host: zone.js-wrapped Promise and fetch are the ones segmint calls, and still settle', async ({ page }) => {
  const options = CASES.find((c) => c.name.startsWith('window.Promise'))!.options;
  const opened = await openScenario(page, options);
  await expectSegmintWorks(page, opened, options);
  const counts = await page.evaluate(() => ({ fetches: (window as any).__zoneFetches ?? 0 }));
  expect(counts.fetches, 'the config came through the host’s wrapped fetch').toBeGreaterThanOrEqual(1);
});

test('hostile host: polluted prototypes leave no trace in what segmint sends or stores', async ({ page }) => {
  const options = { host: 'Object.prototype.foo = 1; Array.prototype.bar = function () {}; Array.prototype.toJSON = function () { return JSON.stringify(this.slice()); };' };
  const opened = await openScenario(page, options);
  await expectSegmintWorks(page, opened, options);
  const profile = await page.evaluate(async () => {
    const copy = await (window as any).segmint.profile();
    return { ownFoo: Object.prototype.hasOwnProperty.call(copy, 'foo'), viewedIsArray: Array.isArray(copy.viewedProducts), events: copy.events };
  });
  expect(profile).toEqual({ ownFoo: false, viewedIsArray: true, events: { pre: 1, go: 1 } });
  // What IndexedDB holds, read without segmint: plain data, arrays still arrays, no host property.
  const stored = await readStored(page) as { events: object; viewedProducts: unknown; foo?: unknown };
  expect(stored.events).toEqual({ pre: 1, go: 1 });
  expect(stored.viewedProducts).toEqual(['SKU-1']);
  expect(Object.keys(stored)).not.toContain('foo');
});
