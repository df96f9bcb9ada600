import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openScenario, expectSegmintWorks, type Loader } from './scenario';
import { bundle, serveBundle } from './bundle';

// Loader variants (issue 12; RELIABILITY §32, §33, §41): the main scenario (tests/e2e/scenario.ts —
// stub calls queued before load replayed in order, the GA4 event bridged, the popup shown, exposure,
// impression and click in the dataLayer and the beacon) however the page includes segmint: async,
// defer, a plain script in <head> before <body> exists, injected after `load`, included twice, with
// and without stub calls before load, in an iframe, and through the npm entry in a bundled page.

/** The shop's entry when it moved from the snippet to npm: what its pages queued goes to the instance before start(). */
const NPM_ENTRY = `import { createSegmint } from 'segmint';
const queued = Array.from((window.segmint && window.segmint.q) || []);
const sdk = createSegmint({ config: '/t/s/config.json' });
for (const call of queued) { const [method, ...args] = Array.from(call); sdk[method](...args); }
window.segmint = sdk;
sdk.start();`;

/** A shop that kept the script tag and also starts the npm package. */
const SECOND_INSTANCE_ENTRY = `import { createSegmint } from 'segmint';
const sdk = createSegmint({ config: '/t/s/config.json' });
window.__npmInstance = sdk;
sdk.start();`;

const bundles = new Map<string, Promise<Record<string, string>>>();
/** Bundles an entry once per worker. */
const bundled = (entry: string) => {
  if (!bundles.has(entry)) bundles.set(entry, bundle(entry));
  return bundles.get(entry)!;
};

const VARIANTS: { loader: Loader; name: string; warnings?: RegExp[] }[] = [
  { loader: 'async', name: '<script async> in <head>' },
  { loader: 'defer', name: '<script defer> in <head>' },
  { loader: 'sync', name: 'a plain <script> in <head>, running before <body> exists' },
  { loader: 'after-load', name: 'a <script> injected after the load event (a tag manager)' },
  { loader: 'twice', name: 'the script tag included twice', warnings: [/more than once/] },
];

for (const { loader, name, warnings = [] } of VARIANTS) {
  test(`loader variant: ${name}, with stub calls before load`, async ({ page }) => {
    const opened = await openScenario(page, { loader });
    await expectSegmintWorks(page, opened);
    expect(opened.warnings.length, opened.warnings.join('\n')).toBe(warnings.length);
    warnings.forEach((pattern, i) => expect(opened.warnings[i]).toMatch(pattern));
  });
}

test('loader variant: <script async> with no stub snippet, every call made after load', async ({ page }) => {
  const opened = await openScenario(page, { stub: false });
  await expectSegmintWorks(page, opened, { stub: false });
  expect(opened.warnings).toEqual([]);
});

test('loader variant: the shop page inside an iframe', async ({ page }) => {
  await page.route('**/t/frame-parent', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>parent</title><iframe src="/t/s/page" style="width:800px;height:600px"></iframe>' }));
  // Only inside the frame: a first visit of its own would make this the visitor's second page view.
  const opened = await openScenario(page, { visit: false });
  await page.goto('/t/frame-parent');
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('h1')).toHaveText('Test store');
  const child = page.frames().find((f) => f.url().endsWith('/t/s/page'))!;
  await expectSegmintWorks(child, opened);
  expect(await page.evaluate(() => 'segmint' in window), 'nothing leaks into the parent page').toBe(false);
});

test('loader variant: the npm entry in a bundled page (rollup, from dist/index.js), with calls queued before start()', async ({ page }) => {
  const url = await serveBundle(page, await bundled(NPM_ENTRY));
  const opened = await openScenario(page, { loader: 'npm', bundle: url });
  await expectSegmintWorks(page, opened);
  expect(opened.warnings).toEqual([]);
});

test('loader variant: script tag plus the npm package on one page: one instance, one popup, one warning', async ({ page }) => {
  const url = await serveBundle(page, await bundled(SECOND_INSTANCE_ENTRY));
  const opened = await openScenario(page, { loader: 'tag-and-npm', bundle: url });
  await expectSegmintWorks(page, opened);
  expect(opened.warnings.length, opened.warnings.join('\n')).toBe(1);
  expect(opened.warnings[0]).toMatch(/more than once|already running/);
  expect(await profileViews(page)).toBe(1);
});

const profileViews = async (page: Page) => (await page.evaluate(() => (window as any).segmint.profile())).pageViews;
