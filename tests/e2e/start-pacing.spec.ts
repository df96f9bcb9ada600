import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

// How segmint starts (README "Large configs", RELIABILITY §8): the task that evaluates segmint.js
// does no more than it must, and that is nothing the page can wait for: no request, no storage.
// Evaluating the script is near 50 ms at 4× CPU already, and asking for the config in it too cost
// the page about 30 ms of script time there (paired page-impact runs). The config is asked for
// first in the continuation right after it, then the journal's first touch of localStorage (the
// browser loads the origin's storage area for it), and the pipeline starts in the task after:
// all after the script element's `load` event, which Chromium fires in the task that ran the
// script, after its microtasks.

type Win = Window & { __log: string[]; __atLoad?: string[] };

const RECORD = () => {
  const w = window as unknown as Win;
  w.__log = [];
  for (const method of ['getItem', 'setItem', 'removeItem', 'key', 'clear'] as const) {
    const original = Storage.prototype[method] as (...args: unknown[]) => unknown;
    Storage.prototype[method] = function (this: Storage, ...args: unknown[]) {
      w.__log.push(`storage ${method} ${String(args[0] ?? '')}`);
      return original.apply(this, args);
    } as never;
  }
  const fetch = window.fetch;
  window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    w.__log.push(`fetch ${String(input instanceof Request ? input.url : input)}`);
    return fetch.call(this, input, init);
  };
  // The script element's load event: the end of the task that evaluated it.
  document.addEventListener('load', (event) => {
    const src = (event.target as HTMLScriptElement).src ?? '';
    if (/\/dist\/segmint\.js$/.test(src)) w.__atLoad = [...w.__log];
  }, true);
};

test('evaluating segmint.js asks for nothing and touches no storage; the config and then the journal come in a later task', async ({ page }) => {
  await page.addInitScript(RECORD);
  await openTestPage(page, { config: makeConfig([makeCampaign('welcome')]), before: "segmint('track', 'queued');" });
  await expect(dialog(page)).toBeVisible();
  const { atLoad, log } = await page.evaluate(() => ({ atLoad: (window as unknown as Win).__atLoad, log: (window as unknown as Win).__log }));
  expect(atLoad, 'the load event was seen').toBeDefined();
  expect(atLoad).toEqual([]);
  expect(log.filter((line) => line.startsWith('fetch ')), 'the config asked for once').toHaveLength(1);
  expect(log.some((line) => line.startsWith('storage setItem segmint:wal1:')), 'and the page view and the queued track() were written ahead').toBe(true);
  const profile = await page.evaluate(() => (window as unknown as { segmint: { profile(): Promise<{ pageViews: number; events: Record<string, number> }> } }).segmint.profile());
  expect(profile).toMatchObject({ pageViews: 1, events: { queued: 1 } });
});

test('the config is requested before the journal\'s first touch of storage', async ({ page }) => {
  await page.addInitScript(RECORD);
  await openTestPage(page, { config: makeConfig([makeCampaign('welcome')]) });
  await expect(dialog(page)).toBeVisible();
  const log = await page.evaluate(() => (window as unknown as Win).__log);
  const first = (pattern: RegExp) => log.findIndex((line) => pattern.test(line));
  expect(first(/^fetch .*\/t\/config\.json$/)).toBeGreaterThanOrEqual(0);
  expect(first(/^storage /), 'storage after the request').toBeGreaterThan(first(/^fetch .*\/t\/config\.json$/));
});
