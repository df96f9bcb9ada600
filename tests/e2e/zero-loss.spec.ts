import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect, makeConfig, makeCampaign, dialog, watchDownloads } from './fixtures';
import { openScenario } from './scenario';

// Nothing lost to a navigation (issue 11 item 6; SPEC §4, §5, §10): what the visitor did in the
// instant before the page went — a page view and the calls queued before segmint loaded, a click
// on a CTA link, a dismissal, a purchase on a thank-you page that redirects — is in the profile
// on the next page, counted once. Every page is served at once (page.route), so the next page
// commits while the previous one's IndexedDB transactions are still running; each case is
// repeated at least 20 times and one lost count or cap fails it.

test.describe.configure({ timeout: 240_000 });

const REPEATS = 20;
type Win = Window & Record<string, any>;

interface PageSpec {
  /** Script before segmint loads (stub calls, listeners). */
  before?: string;
  /** Script run on `load`. */
  onLoad?: string;
}

/** Serves `/t/z/<name>` pages (by name, any query) and the config to every page of the context. */
async function serve(context: BrowserContext, config: object, pages: Record<string, PageSpec>): Promise<void> {
  await context.route('**/t/z/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }));
  await context.route((url) => url.pathname.startsWith('/t/z/') && url.pathname.slice(5) in pages, (route) => {
    const spec = pages[new URL(route.request().url()).pathname.slice(5)];
    return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>zero loss</title>
<script>window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)}</script>
<script>${spec.before ?? ''}</script>
<script async src="/dist/segmint.js" data-config="/t/z/config.json"></script>
</head><body><main><h1>Shop</h1></main><script>addEventListener('load', function () { ${spec.onLoad ?? ''} });</script></body></html>` });
  });
}

/** The stored profile, once segmint runs on the page. */
async function readProfile(page: Page): Promise<Record<string, any>> {
  await page.waitForFunction(() => typeof (window as Win).segmint?.profile === 'function');
  return page.evaluate(() => (window as Win).segmint.profile());
}

/** A fresh visitor (own context, so own storage) for one repetition. */
async function withVisitor(browser: Browser, run: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  try {
    await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

const deal = (extra: object = {}) => makeCampaign('deal', { cta: { action: 'link', url: '/t/z/next' }, ...extra });

test(`navigating 0 ms after load, ${REPEATS} pages in a row, loses no page view and no queued track()`, async ({ page, context }) => {
  await serve(context, makeConfig([]), {
    home: {},
    // Each page queues a track() before segmint loads and leaves in its load handler.
    chain: {
      before: "segmint('track', 'tick');",
      onLoad: `var n = +new URLSearchParams(location.search).get('n'); if (n <= ${REPEATS}) location.href = '/t/z/chain?n=' + (n + 1);`,
    },
  });
  await page.goto('/t/z/home');
  await expect.poll(async () => (await readProfile(page)).pageViews).toBe(1);
  await page.goto('/t/z/chain?n=1');
  await page.waitForURL(`**/t/z/chain?n=${REPEATS + 1}`);
  // home, the REPEATS pages that left at once, and the last one.
  await expect.poll(async () => {
    const profile = await readProfile(page);
    return { pageViews: profile.pageViews, tick: profile.events.tick };
  }, { timeout: 10_000 }).toEqual({ pageViews: REPEATS + 2, tick: REPEATS + 1 });
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('segmint:wal1:'))), 'every journal entry applied and removed').toEqual([]);
});

test(`a real click on a CTA link whose page is served at once keeps the click, and the purchase after it converts (${REPEATS} visitors)`, async ({ browser }) => {
  for (let i = 0; i < REPEATS; i++) {
    await withVisitor(browser, async (page, context) => {
      await serve(context, makeConfig([deal()]), {
        shop: {},
        next: { before: "segmint('track', 'purchase', { value: 30, currency: 'USD', transactionId: 'T-1' });" },
      });
      await page.goto('/t/z/shop');
      await dialog(page).getByRole('link', { name: 'Shop now' }).click();
      await page.waitForURL('**/t/z/next');
      await expect.poll(async () => {
        const { campaigns, purchases } = await readProfile(page);
        return { clicked: typeof campaigns.deal?.clickedAt, converted: typeof campaigns.deal?.convertedAt, purchases };
      }, { message: `visitor ${i}` }).toEqual({ clicked: 'number', converted: 'number', purchases: 1 });
    });
  }
});

test(`a dismissal followed at once by leaving keeps afterDismissHours on the next page (${REPEATS} visitors)`, async ({ browser }) => {
  for (let i = 0; i < REPEATS; i++) {
    await withVisitor(browser, async (page, context) => {
      const shown: string[] = [];
      page.on('console', (message) => message.text().startsWith('shown:') && shown.push(message.text()));
      await serve(context, makeConfig([deal({ frequency: { afterDismissHours: 24 } })]), {
        // Leaves in the same task as the dismissal: the dismiss event fires right after it is recorded.
        shop: { before: "segmint('on', 'impression', function () { console.log('shown:' + location.pathname); }); segmint('on', 'dismiss', function () { location.href = '/t/z/again'; });" },
        again: { before: "segmint('on', 'impression', function () { console.log('shown:' + location.pathname); });" },
      });
      await page.goto('/t/z/shop');
      await dialog(page).getByRole('button', { name: 'No thanks' }).click();
      await page.waitForURL('**/t/z/again');
      await expect.poll(async () => typeof (await readProfile(page)).campaigns.deal?.dismissedAt, { message: `visitor ${i}` }).toBe('number');
      const trace = await page.evaluate(() => (window as Win).segmint.explain());
      expect(trace.campaigns, `visitor ${i}`).toEqual([{ id: 'deal', eligible: false, reason: 'frequency.afterDismissHours' }]);
      await expect(dialog(page)).toHaveCount(0);
      expect(shown, `visitor ${i}: shown on the first page only`).toEqual(['shown:/t/z/shop']);
    });
  }
});

test(`a purchase tracked on a thank-you page that redirects at once is counted, and converts once (${REPEATS} visitors)`, async ({ browser }) => {
  const countConversions = "segmint('on', 'conversion', function () { sessionStorage.conversions = (+sessionStorage.conversions || 0) + 1; });";
  for (let i = 0; i < REPEATS; i++) {
    await withVisitor(browser, async (page, context) => {
      await serve(context, makeConfig([makeCampaign('deal', { cta: { action: 'link', url: '/t/z/thanks' } })]), {
        shop: {},
        thanks: { before: `${countConversions} segmint('track', 'purchase', { value: 42, currency: 'USD', transactionId: 'T-${i}' });`, onLoad: "location.replace('/t/z/after');" },
        after: { before: countConversions },
      });
      await page.goto('/t/z/shop');
      await dialog(page).getByRole('link', { name: 'Shop now' }).click();
      await page.waitForURL('**/t/z/after');
      await expect.poll(async () => {
        const { campaigns, purchases, totalSpent } = await readProfile(page);
        return { purchases, totalSpent, converted: typeof campaigns.deal?.convertedAt, conversionEvents: await page.evaluate(() => sessionStorage.conversions) };
      }, { message: `visitor ${i}` }).toEqual({ purchases: 1, totalSpent: 42, converted: 'number', conversionEvents: '1' });
    });
  }
});

test('two tabs replaying what a page left behind, at once, count it once', async ({ context }) => {
  await serve(context, makeConfig([]), { home: {} });
  const first = await context.newPage();
  await first.goto('/t/z/home');
  await expect.poll(async () => (await readProfile(first)).pageViews).toBe(1);
  await first.close();
  const ROUNDS = 10;
  for (let round = 1; round <= ROUNDS; round++) {
    // A page that went before its writes finished: 20 track() calls still in its journal.
    const setup = await context.newPage();
    await setup.goto('/t/z/home');
    await readProfile(setup);
    await setup.evaluate((round) => {
      const at = Date.now();
      const entries = Array.from({ length: 20 }, (_, i) => [{ type: 'track', name: 'left' }, at + i, `gone${round}.${i}`]);
      localStorage.setItem(`segmint:wal1:gone${round}`, JSON.stringify(entries));
    }, round);
    await setup.close();
    const tabs = [await context.newPage(), await context.newPage()];
    await Promise.all(tabs.map((tab) => tab.goto('/t/z/home')));
    for (const tab of tabs) {
      await expect.poll(async () => (await readProfile(tab)).events.left, { message: `round ${round}` }).toBe(20 * round);
    }
    expect(await tabs[0].evaluate((key) => localStorage.getItem(key), `segmint:wal1:gone${round}`), 'replayed, then removed').toBeNull();
    await Promise.all(tabs.map((tab) => tab.close()));
  }
  const last = await context.newPage();
  await last.goto('/t/z/home');
  // 1 + (setup + 2 tabs) per round + this one.
  await expect.poll(async () => (await readProfile(last)).pageViews).toBe(1 + 3 * ROUNDS + 1);
  expect((await readProfile(last)).events.left).toBe(20 * ROUNDS);
});

// A visitor's very first page is the one exception: before its config has arrived segmint cannot
// know whether the site needs consent (SPEC §5), so it writes nothing; a first page left before
// the config arrives is not journalled. From the second page on, the permission is remembered.
test(`the loader scenario's page, left at once for the iframe page, is counted: productViews is always 2 (${REPEATS} visitors)`, async ({ browser }) => {
  for (let i = 0; i < REPEATS; i++) {
    await withVisitor(browser, async (page, context) => {
      await serve(context, makeConfig([]), { home: {} });
      await page.goto('/t/z/home');
      await expect.poll(async () => (await readProfile(page)).pageViews).toBe(1);
      await page.route('**/t/frame-parent', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>parent</title><iframe src="/t/s/page" style="width:800px;height:600px"></iframe>' }));
      // The race the iframe loader test had: the shop page of its own, then the frame at once.
      await openScenario(page);
      await page.goto('/t/frame-parent');
      const child = () => page.frames().find((f) => f.url().endsWith('/t/s/page'));
      await expect.poll(() => !!child()).toBe(true);
      await child()!.waitForFunction(() => typeof (window as Win).segmint?.profile === 'function');
      await expect.poll(async () => {
        const { pageViews, productViews, events } = await child()!.evaluate(() => (window as Win).segmint.profile());
        return { pageViews, productViews, pre: events.pre };
      }, { message: `visitor ${i}` }).toEqual({ pageViews: 3, productViews: 2, pre: 2 });
    });
  }
});

test('the journal replay is fetched only on a page after one that left entries; it applies them once, and when it cannot load they wait for the next page', async ({ page, context }) => {
  await serve(context, makeConfig([]), { home: { before: "window.reported = []; segmint('on', 'error', function (e) { reported.push(e.message); });" } });
  const downloads = watchDownloads(page);
  const journalKeys = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('segmint:wal1:')));
  // A page that went before its IndexedDB write: its entry, as it is left in localStorage.
  const leaveEntry = (id: string) => page.evaluate((id) => localStorage.setItem(`segmint:wal1:${id}`, JSON.stringify([[{ type: 'track', name: 'left' }, Date.now(), `${id}.0`]])), id);

  await page.goto('/t/z/home');
  await expect.poll(async () => (await readProfile(page)).pageViews).toBe(1);
  await expect.poll(journalKeys).toEqual([]);
  await page.reload();
  await expect.poll(async () => (await readProfile(page)).pageViews).toBe(2);
  expect(downloads, 'nothing was left: no replay').not.toContain('segmint-replay.js');

  await leaveEntry('gone');
  await page.reload();
  await expect.poll(async () => (await readProfile(page)).events.left).toBe(1);
  expect(downloads.filter((file) => file === 'segmint-replay.js')).toHaveLength(1);
  await expect.poll(journalKeys).toEqual([]);

  // The replay fails to load: reported, the entry stays for the next page, which applies it once.
  await page.route('**/dist/segmint-replay.js?v=*', (route) => route.abort('failed'));
  await leaveEntry('later');
  await page.reload();
  await expect.poll(() => page.evaluate(() => (window as Win).reported)).toEqual([expect.stringContaining('replay chunk could not be loaded')]);
  const profile = await readProfile(page);
  expect([profile.pageViews, profile.events.left]).toEqual([4, 1]);
  expect(await journalKeys()).toEqual(['segmint:wal1:later']);
  await page.unroute('**/dist/segmint-replay.js?v=*');
  await page.reload();
  await expect.poll(async () => (await readProfile(page)).events.left).toBe(2);
  await page.reload();
  await expect.poll(async () => (await readProfile(page)).pageViews).toBe(6);
  expect((await readProfile(page)).events.left, 'counted once').toBe(2);
  await expect.poll(journalKeys).toEqual([]);
});
