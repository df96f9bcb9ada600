import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';
import { readStored, seedProfile, PROFILE_KEY } from './idb';

// Storage faults (RELIABILITY §17–25, SPEC §5, issue 3 "Storage"): each fault is injected with an
// init script installed before segmint loads. Whatever breaks, the visitor still gets the popup,
// the profile still counts in memory, the site owner gets exactly one `error` event and one
// `[segmint]` warning, and nothing is thrown into the page (the fixture fails the test on any
// pageerror, unhandledrejection or CSP violation).

const config = makeConfig([makeCampaign('welcome')]);

/** Collects the `error` events (message and when, in ms since navigation) from the very start. */
const COLLECT_ERRORS = "window.__errors = []; segmint('on', 'error', function (e) { __errors.push({ message: String(e && e.message), at: performance.now() }); });";

interface ReportedError {
  message: string;
  at: number;
}

type Win = Window & { segmint: any; __errors: ReportedError[]; __xss?: unknown; __idbConnections: IDBDatabase[] };

/** Console warnings of the page that come from segmint. */
function collectWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('[segmint]')) warnings.push(message.text());
  });
  return warnings;
}

async function open(page: Page, options: { config?: object; attributes?: string } = {}): Promise<void> {
  await openTestPage(page, { config: options.config ?? config, attributes: options.attributes, before: COLLECT_ERRORS });
}

/** Resolves once segmint has started and everything queued so far has run. */
async function settled(page: Page): Promise<Record<string, any>> {
  await page.waitForFunction(() => typeof (window as unknown as Win).segmint?.profile === 'function' && (window as unknown as Win).segmint._segmint);
  return page.evaluate(() => (window as unknown as Win).segmint.profile());
}

async function track(page: Page, name: string, times = 1, props?: object): Promise<Record<string, any>> {
  return page.evaluate(({ name, times, props }) => {
    const segmint = (window as unknown as Win).segmint;
    for (let i = 0; i < times; i++) segmint.track(name, props);
    return segmint.profile();
  }, { name, times, props });
}

/** The `error` events so far, after letting late ones arrive. */
async function reportedErrors(page: Page): Promise<ReportedError[]> {
  await page.waitForTimeout(400);
  return page.evaluate(() => (window as unknown as Win).__errors);
}

/** What the visitor and the site owner see when storage is broken: popup, counting profile, one error. */
async function expectWorkingInMemory(page: Page, warnings: string[], message: RegExp): Promise<void> {
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome', { timeout: 6000 });
  await settled(page);
  const profile = await track(page, 'wishlist_add', 2);
  expect(profile.events).toEqual({ wishlist_add: 2 });
  expect(profile.pageViews).toBe(1);
  expect(profile.campaigns.welcome.impressions).toBe(1);
  const errors = await reportedErrors(page);
  expect(errors.map((e) => e.message)).toHaveLength(1);
  expect(errors[0].message).toMatch(message);
  expect(warnings, 'one [segmint] console warning').toHaveLength(1);
}

test.describe('IndexedDB unusable from the start: the profile lives in memory for the page', () => {
  test('window.indexedDB is undefined (old Safari private mode, Tor)', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true, writable: true });
    });
    const warnings = collectWarnings(page);
    await open(page);
    expect(await page.evaluate(() => typeof indexedDB)).toBe('undefined');
    await expectWorkingInMemory(page, warnings, /IndexedDB/);
  });

  test('indexedDB.open throws a SecurityError synchronously (storage blocked, sandboxed iframe)', async ({ page }) => {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    const warnings = collectWarnings(page);
    await open(page);
    await expectWorkingInMemory(page, warnings, /IndexedDB/);
  });

  test('indexedDB.open never settles (Safari 14): falls back after about 3 s, page never blocked', async ({ page }) => {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
        // A request whose events never fire.
        const request = Object.assign(new EventTarget(), {
          result: undefined, error: null, readyState: 'pending', source: null, transaction: null,
          onsuccess: null, onerror: null, onupgradeneeded: null, onblocked: null,
        });
        return request as unknown as IDBOpenDBRequest;
      };
    });
    const warnings = collectWarnings(page);
    const started = Date.now();
    await open(page);
    // The host page stays responsive while segmint waits for IndexedDB.
    expect(await page.evaluate(() => document.readyState)).not.toBe('loading');
    await expect(dialog(page)).toBeVisible({ timeout: 6000 });
    expect(Date.now() - started).toBeLessThan(6000);
    await expectWorkingInMemory(page, warnings, /timed out|within 3 seconds/);
    const [error] = await page.evaluate(() => (window as unknown as Win).__errors);
    expect(error.at).toBeGreaterThan(2500);
    expect(error.at).toBeLessThan(5500);
  });

  test('indexedDB.open fires blocked and never succeeds: timeout, then memory', async ({ page }) => {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
        const request = Object.assign(new EventTarget(), {
          result: undefined, error: null, readyState: 'pending', source: null, transaction: null,
          onsuccess: null, onerror: null, onupgradeneeded: null, onblocked: null as null | ((event: Event) => void),
        });
        setTimeout(() => {
          const event = new IDBVersionChangeEvent('blocked', { oldVersion: 1, newVersion: 2 });
          request.dispatchEvent(event);
          request.onblocked?.(event);
        }, 20);
        return request as unknown as IDBOpenDBRequest;
      };
    });
    const warnings = collectWarnings(page);
    await open(page);
    await expectWorkingInMemory(page, warnings, /blocked|timed out|within 3 seconds/);
    const [error] = await page.evaluate(() => (window as unknown as Win).__errors);
    expect(error.at).toBeLessThan(5500);
  });
});

/** The two ways Chrome surfaces a full disk on a write. */
const QUOTA_FAULTS = {
  'put throws QuotaExceededError': () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.transaction.db.name !== 'segmint') return put.apply(this, args);
      (window as any).__quotaFailures = ((window as any).__quotaFailures ?? 0) + 1;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  },
  'the transaction aborts with QuotaExceededError on transaction.error': () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.transaction.db.name !== 'segmint') return put.apply(this, args);
      (window as any).__quotaFailures = ((window as any).__quotaFailures ?? 0) + 1;
      const request = put.apply(this, args);
      const transaction = this.transaction;
      const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      Object.defineProperty(transaction, 'error', { configurable: true, get: () => quota });
      // The put request fails with an AbortError; the transaction's error is the real cause.
      transaction.abort();
      return request;
    };
  },
};

test.describe('QuotaExceededError on put: keeps working, the previous record stays readable', () => {
  for (const [name, fault] of Object.entries(QUOTA_FAULTS)) {
    test(name, async ({ page }) => {
      // First visit: storage works and the profile is stored.
      await open(page);
      await expect(dialog(page)).toBeVisible();
      await settled(page);
      await track(page, 'before_full');
      const before = (await readStored(page)) as Record<string, any>;
      expect(before.events).toEqual({ before_full: 1 });
      expect(before.pageViews).toBe(1);

      // Second visit: the disk is full.
      await page.addInitScript(fault);
      const warnings = collectWarnings(page);
      await page.reload();
      await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
      await settled(page);
      const profile = await track(page, 'while_full', 2);
      expect(profile.id).toBe(before.id);
      expect(profile.events).toEqual({ before_full: 1, while_full: 2 });
      expect(profile.pageViews).toBe(2);
      expect(await page.evaluate(() => (window as any).__quotaFailures)).toBeGreaterThan(0);
      const errors = await reportedErrors(page);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/full|quota/i);
      expect(warnings).toHaveLength(1);

      // Nothing lost: the first visit's record is intact, and the next visit reads it.
      expect(await readStored(page)).toEqual(before);
      await page.reload();
      await expect(dialog(page)).toBeVisible();
      const next = await settled(page);
      expect(next.id).toBe(before.id);
      expect(next.events).toEqual({ before_full: 1 });
      expect(next.pageViews).toBe(2);
    });
  }

  test('one quota failure: the trimmed profile is stored on the single retry', async ({ page }) => {
    await open(page);
    await settled(page);
    await track(page, 'before_full');
    const before = (await readStored(page)) as Record<string, any>;

    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      let failed = false;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.transaction.db.name === 'segmint' && args[1] === 'profile' && !failed) {
          failed = true;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });
    await page.reload();
    await expect(dialog(page)).toBeVisible();
    await settled(page);
    await expect.poll(async () => ((await readStored(page)) as Record<string, any>).pageViews).toBe(2);
    const stored = (await readStored(page)) as Record<string, any>;
    expect(stored.id).toBe(before.id);
    expect(stored.events).toEqual({ before_full: 1 });
    expect(await reportedErrors(page)).toEqual([]);
  });
});

test('a connection closed mid-session is reopened once and the write lands', async ({ page }) => {
  await page.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    (window as unknown as Win).__idbConnections = [];
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      const request = open.apply(this, args);
      request.addEventListener('success', () => {
        if (args[0] === 'segmint') (window as unknown as Win).__idbConnections.push(request.result);
      });
      return request;
    };
  });
  const warnings = collectWarnings(page);
  await open(page);
  await expect(dialog(page)).toBeVisible();
  await settled(page);
  await track(page, 'before_close');
  expect(((await readStored(page)) as Record<string, any>).events).toEqual({ before_close: 1 });

  // DevTools "Clear storage" or the browser closes segmint's connection(s) under it.
  const closed = await page.evaluate(() => {
    const connections = (window as unknown as Win).__idbConnections;
    connections.forEach((db) => db.close());
    return connections.length;
  });
  expect(closed).toBeGreaterThan(0);

  const profile = await track(page, 'after_close');
  expect(profile.events).toEqual({ before_close: 1, after_close: 1 });
  const stored = (await readStored(page)) as Record<string, any>;
  expect(stored.events).toEqual({ before_close: 1, after_close: 1 });
  // And the reopened connection keeps serving later writes.
  await track(page, 'after_close');
  expect(((await readStored(page)) as Record<string, any>).events).toEqual({ before_close: 1, after_close: 2 });

  await page.reload();
  await expect(dialog(page)).toBeVisible();
  const reloaded = await settled(page);
  expect(reloaded.events).toEqual({ before_close: 1, after_close: 2 });
  expect(reloaded.pageViews).toBe(2);
  // Recovered transparently: nothing fell back to memory, so there is nothing to report.
  expect(await reportedErrors(page)).toEqual([]);
  expect(warnings).toEqual([]);
});

const VNODE = { type: 'img', props: { src: 'x', onerror: 'window.__xss=1' } };

test('a corrupted, wrongly typed record: valid fields kept, bad ones dropped, nothing rendered', async ({ page }) => {
  const now = Date.now();
  await seedProfile(page, {
    v: 2,
    id: 'visitor-corrupt',
    firstSeen: now - 86_400_000,
    lastSeen: 'yesterday', // number or null expected
    lastActive: now - 60_000,
    sessionStart: now - 120_000,
    sessions: '3', // number expected
    pageViews: 7, // good
    sessionPageViews: 2,
    productViews: VNODE, // number expected
    cartAdds: null,
    purchases: 1,
    totalSpent: 'lots',
    lastPurchaseAt: null,
    viewedProducts: 'p-1', // string where a list belongs
    viewedCategories: ['shoes', VNODE, 5, 'hats'],
    categoryViews: { shoes: 2, hats: 'many' },
    sessionUtm: { utmSource: VNODE, utmMedium: 'email', utmCampaign: 7 },
    cartItems: [VNODE, 'sku-2'],
    cartValue: 19.5,
    events: 'wishlist_add', // string where an object belongs
    traits: { tier: 'gold', vip: true, visits: 3, evil: VNODE, list: ['a'] },
    campaigns: VNODE,
    sessionShown: 0,
    lastShownAt: null,
  });

  const gated = makeConfig([makeCampaign('welcome', { audience: { 'traits.tier': 'gold' } })]);
  const warnings = collectWarnings(page);
  await open(page, { config: gated });
  // The good trait survived: the gold-only campaign shows.
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
  await settled(page);
  const profile = await track(page, 'wishlist_add', 2);

  expect(profile.id).toBe('visitor-corrupt');
  expect(profile.pageViews).toBe(8);
  expect(profile.purchases).toBe(1);
  expect(profile.cartValue).toBe(19.5);
  expect(profile.traits).toEqual({ tier: 'gold', vip: true, visits: 3 });
  expect(profile.viewedCategories).toEqual(['shoes', 'hats']);
  expect(profile.categoryViews).toEqual({ shoes: 2 });
  expect(profile.cartItems).toEqual(['sku-2']);
  expect(profile.viewedProducts).toEqual([]);
  expect(profile.sessions).toBe(1);
  expect(profile.productViews).toBe(0);
  expect(profile.totalSpent).toBe(0);
  expect(profile.lastSeen).toBeNull();
  expect(profile.sessionUtm).toEqual({ utmSource: null, utmMedium: 'email', utmCampaign: null });
  expect(profile.events).toEqual({ wishlist_add: 2 });
  expect(profile.campaigns).toEqual({ welcome: expect.objectContaining({ impressions: 1 }) });

  // What is stored now is the repaired profile, with no raw object left in it.
  const stored = (await readStored(page, PROFILE_KEY)) as Record<string, any>;
  expect(stored.id).toBe('visitor-corrupt');
  expect(stored.pageViews).toBe(8);
  expect(JSON.stringify(stored)).not.toContain('onerror');

  // Nothing was rendered from the raw objects.
  expect(await page.evaluate(() => (window as unknown as Win).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => document.querySelector('segmint-root')?.shadowRoot?.querySelectorAll('img[src="x"]').length ?? 0)).toBe(0);

  // The site owner hears once that parts of the stored profile were unusable (issue 3: "corrupted
  // or wrongly typed records … emits one error event").
  const errors = await reportedErrors(page);
  expect(errors, 'one error event about the corrupted record').toHaveLength(1);
  expect(warnings).toHaveLength(1);
});

test('a record whose id is wrongly typed keeps its other valid fields', async ({ page }) => {
  const now = Date.now();
  await seedProfile(page, {
    v: 2,
    id: VNODE, // string expected
    firstSeen: now - 86_400_000,
    lastSeen: null,
    lastActive: now - 60_000,
    sessionStart: now - 120_000,
    sessions: 3,
    pageViews: 7,
    sessionPageViews: 1,
    productViews: 2,
    cartAdds: 0,
    purchases: 0,
    totalSpent: 0,
    lastPurchaseAt: null,
    viewedProducts: ['p-1'],
    viewedCategories: ['shoes'],
    categoryViews: { shoes: 1 },
    sessionUtm: null,
    cartItems: [],
    cartValue: 0,
    events: { wishlist_add: 4 },
    traits: { tier: 'gold' },
    campaigns: {},
    sessionShown: 0,
    lastShownAt: null,
  });

  const gated = makeConfig([makeCampaign('welcome', { audience: { 'traits.tier': 'gold' } })]);
  await open(page, { config: gated });
  await page.waitForFunction(() => (window as unknown as Win).segmint?._segmint);
  const profile = await track(page, 'wishlist_add');
  // A fresh anonymous id replaces the bad one; everything else valid is kept (field-level validation).
  expect(typeof profile.id).toBe('string');
  expect(profile.id).not.toBe('');
  expect.soft(profile.pageViews, 'the stored page views are kept').toBe(8);
  expect.soft(profile.traits, 'the stored trait is kept').toEqual({ tier: 'gold' });
  expect.soft(profile.events, 'the stored event count is kept').toEqual({ wishlist_add: 5 });
  expect.soft(profile.viewedProducts).toEqual(['p-1']);
  await expect.soft(dialog(page), 'the gold-only campaign shows').toHaveAttribute('data-campaign', 'welcome', { timeout: 1000 });
  // Nor is the stored record replaced by an empty one.
  expect.soft(((await readStored(page)) as Record<string, any>).pageViews, 'the stored record keeps its page views').toBe(8);
  expect(await page.evaluate(() => (window as unknown as Win).__xss)).toBeUndefined();
  expect(await reportedErrors(page), 'one error event about the corrupted record').toHaveLength(1);
});

test('a record from a newer SDK (v: 99) is used read-only and never overwritten', async ({ page }) => {
  const now = Date.now();
  const future = {
    v: 99,
    id: 'visitor-from-the-future',
    firstSeen: now - 86_400_000,
    lastSeen: null,
    lastActive: now - 60_000,
    sessionStart: now - 120_000,
    sessions: 4,
    pageViews: 5,
    sessionPageViews: 1,
    productViews: 0,
    cartAdds: 0,
    purchases: 0,
    totalSpent: 0,
    lastPurchaseAt: null,
    viewedProducts: [],
    viewedCategories: ['tents'],
    categoryViews: { tents: 3 },
    sessionUtm: null,
    cartItems: [],
    cartValue: 0,
    events: { wishlist_add: 1 },
    traits: { tier: 'gold' },
    campaigns: {},
    sessionShown: 0,
    lastShownAt: null,
    // Something only the newer SDK knows about.
    loyalty: { level: 3, history: [{ at: now - 1000, points: 10 }] },
  };
  await seedProfile(page, future);
  const written = JSON.stringify(await readStored(page));

  await open(page);
  await expect(dialog(page)).toBeVisible();
  await settled(page);
  const profile = await track(page, 'wishlist_add', 2);

  // Read-only use: the visitor's profile is read, and this page's activity counts in memory.
  expect(profile.id).toBe('visitor-from-the-future');
  expect(profile.traits).toEqual({ tier: 'gold' });
  // (soft, so that the storage assertions below are checked as well)
  expect.soft(profile.pageViews, 'this page view counts').toBe(6);
  expect.soft(profile.events, 'both tracks count').toEqual({ wishlist_add: 3 });
  expect.soft(profile.campaigns.welcome?.impressions, 'the impression counts').toBe(1);

  // Nothing lost: the stored record is exactly what the newer SDK wrote.
  await page.waitForTimeout(300);
  expect(JSON.stringify(await readStored(page))).toBe(written);
  expect(await readStored(page)).toEqual(future);

  await page.reload();
  await expect(dialog(page)).toBeVisible();
  await settled(page);
  expect(JSON.stringify(await readStored(page))).toBe(written);
});

test('a v1 record (no categoryViews) is migrated to v2 on the first write', async ({ page }) => {
  const now = Date.now();
  await seedProfile(page, {
    v: 1,
    id: 'visitor-v1',
    firstSeen: now - 86_400_000,
    lastSeen: null,
    lastActive: now - 60_000,
    sessionStart: now - 120_000,
    sessions: 2,
    pageViews: 3,
    sessionPageViews: 1,
    productViews: 2,
    cartAdds: 0,
    purchases: 0,
    totalSpent: 0,
    lastPurchaseAt: null,
    viewedProducts: ['p-2', 'p-1'],
    viewedCategories: ['shoes', 'hats'],
    cartItems: [],
    cartValue: 0,
    events: { wishlist_add: 1 },
    traits: { tier: 'gold' },
    campaigns: {},
    sessionShown: 0,
    lastShownAt: null,
  });

  await open(page);
  await expect(dialog(page)).toBeVisible();
  await settled(page);
  await track(page, 'wishlist_add');

  const stored = (await readStored(page)) as Record<string, any>;
  expect(stored.v).toBe(2);
  expect(stored.id).toBe('visitor-v1');
  expect(stored.categoryViews).toEqual({ shoes: 1, hats: 1 });
  expect(stored.viewedCategories).toEqual(['shoes', 'hats']);
  expect(stored.viewedProducts).toEqual(['p-2', 'p-1']);
  expect(stored.pageViews).toBe(4);
  expect(stored.productViews).toBe(2);
  expect(stored.events).toEqual({ wishlist_add: 2 });
  expect(stored.traits).toEqual({ tier: 'gold' });
  // A migration is ordinary operation, not a fault.
  expect(await reportedErrors(page)).toEqual([]);
});
