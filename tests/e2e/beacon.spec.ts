import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { test, expect, makeConfig, makeCampaign, dialog } from './fixtures';
import { checkBeaconEvent } from '../../src/cli/beacon-event';

// SPEC §10 beacon events as a real receiver gets them: `segmint collect` (dist/cli.js) runs on a
// free port and the tests read its NDJSON files. The shop is served for real too, since what
// matters here is what survives a page going away.

type Line = Record<string, unknown> & { event: string; visitor: string };

let collector: ChildProcess;
let collectUrl = '';
let dir = '';
let shop: { origin: string; close: () => Promise<void> };
const ROUNDS = 20;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'segmint-beacon-e2e-'));
  collector = spawn(process.execPath, [fileURLToPath(new URL('../../dist/cli.js', import.meta.url)), 'collect', '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  collectUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    collector.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+\/)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    collector.on('exit', (code) => reject(new Error(`segmint collect exited with ${code}`)));
  });
  shop = await startShop();
});

test.afterAll(async () => {
  collector.kill('SIGTERM');
  await shop.close();
});

/** Every line the collector has written so far. */
function readLines(): Line[] {
  return readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line));
}

/** Waits until the collector has written an event matching `match` for this visitor. */
async function expectReceived(visitor: string, match: Partial<Line>, what: string): Promise<Line> {
  let found: Line | undefined;
  await expect.poll(() => (found = readLines().find((line) => line.visitor === visitor && Object.entries(match).every(([k, v]) => line[k] === v))), { message: what, timeout: 10_000 }).toBeTruthy();
  return found!;
}

const CAMPAIGNS = {
  // Shown on page view; its CTA is a link that navigates at once.
  shown: makeCampaign('shown', { pages: { include: ['/p/shown*'] }, cta: { action: 'link', url: '/next' } }),
  // Everyone held out: an exposure and nothing on screen.
  held: makeCampaign('held', { pages: { include: ['/p/held*'] }, holdout: 100, attributionHours: 2 }),
  // Inline placements in the page's slot: one filled, one holding everyone out (fallback stays).
  inline: makeCampaign('inline', { pages: { include: ['/p/inline'] }, layout: { type: 'inline', slot: 'pdp' } }),
  inlineHeld: makeCampaign('inline-held', { pages: { include: ['/p/inline-held'] }, layout: { type: 'inline', slot: 'pdp' }, holdout: 100 }),
};
const SEGMENTS = { everyone: { pageViews: { gte: 1 } } };

function startShop(): Promise<{ origin: string; close: () => Promise<void> }> {
  const config = () => makeConfig(Object.values(CAMPAIGNS), { currency: 'EUR', segments: SEGMENTS, analytics: { beacon: `${collectUrl}e`, dataLayer: true } });
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/t/config.json') return reply(200, 'application/json', JSON.stringify(config()));
    if (/^\/dist\/segmint[\w-]*\.js$/.test(url.pathname)) {
      readFile(fileURLToPath(new URL(`../../dist/${url.pathname.slice('/dist/'.length)}`, import.meta.url))).then((file) => reply(200, 'text/javascript', file), () => reply(404, 'text/plain', 'not found'));
      return;
    }
    if (url.pathname === '/next') return reply(200, 'text/html', '<!doctype html><title>next</title><link rel="icon" href="data:,"><h1>Next page</h1>');
    if (url.pathname.startsWith('/p/')) {
      const before = url.searchParams.get('before') ?? '';
      return reply(200, 'text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>shop</title>
<script>window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)}</script>
<script>${before}</script>
<script async src="/dist/segmint.js" data-config="/t/config.json"></script>
</head><body><main><h1>Test store</h1><div data-segmint-slot="pdp"><p>Free shipping</p></div></main></body></html>`);
    }
    reply(404, 'text/plain', 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((done) => server.close(() => done())) });
  }));
}

/** The visitor's pseudonymous id, once segmint is ready. */
async function readVisitor(page: Page): Promise<string> {
  await page.waitForFunction(() => typeof (window as unknown as { segmint: { profile?: unknown } }).segmint.profile === 'function');
  return page.evaluate(async () => ((await (window as unknown as { segmint: { profile(): Promise<{ id: string }> } }).segmint.profile()).id));
}

/** Waits until the profile remembers an exposure to `campaign` (what makes purchases go to the beacon). */
async function waitForExposure(page: Page, campaign: string): Promise<void> {
  await expect.poll(() => page.evaluate(async (id) => {
    const profile = await (window as unknown as { segmint: { profile(): Promise<{ campaigns: Record<string, { exposedAt?: number }> }> } }).segmint.profile();
    return profile.campaigns[id]?.exposedAt !== undefined;
  }, campaign)).toBe(true);
}

/** `rounds` fresh visitors, one after the other, each in a context of its own. */
async function eachVisitor(browser: Browser, rounds: number, run: (page: Page, round: number) => Promise<void>): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const context = await browser.newContext();
    try {
      await run(await context.newPage(), round);
    } finally {
      await context.close();
    }
  }
}

test.describe('beacon events (SPEC §10), as segmint collect received them', () => {
  test.setTimeout(180_000);

  test('every event has the fields of the table: id, visitor, time, path, campaign fields, value and currency', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${shop.origin}/p/held`);
    const visitor = await readVisitor(page);
    await waitForExposure(page, 'held');
    await page.goto(`${shop.origin}/p/shown`);
    expect(await readVisitor(page)).toBe(visitor);
    await expect(dialog(page)).toBeVisible();
    await dialog(page).getByRole('link', { name: 'Shop now' }).or(dialog(page).getByRole('button', { name: 'Shop now' })).click();
    await page.waitForURL('**/next');
    await page.goto(`${shop.origin}/p/thanks`);
    await readVisitor(page);
    await page.evaluate(() => (window as unknown as { segmint: { track(n: string, p: object): void } }).segmint.track('purchase', { value: 49.9, currency: 'EUR', transactionId: 'T-1001' }));
    await page.goto(`${shop.origin}/next`);

    const purchase = await expectReceived(visitor, { event: 'purchase' }, 'purchase');
    const conversion = await expectReceived(visitor, { event: 'conversion' }, 'conversion');
    await context.close();
    const lines = readLines().filter((line) => line.visitor === visitor);
    expect(lines.map((line) => `${line.event}:${line.campaign ?? ''}:${line.variant ?? ''}`).sort()).toEqual(
      ['click:shown:default', 'conversion:shown:default', 'exposure:held:holdout', 'exposure:shown:default', 'impression:shown:default', 'purchase::'].sort(),
    );
    for (const line of lines) {
      expect(checkBeaconEvent(line), JSON.stringify(line)).toEqual({ ok: true, event: line });
      expect(line.id).toMatch(/^[0-9a-f]{32}$/);
      expect(line.time).toBeGreaterThanOrEqual(started);
      expect(line.time).toBeLessThanOrEqual(Date.now());
      if (line.event !== 'purchase') expect(line).toMatchObject({ locale: 'en', segments: ['everyone'] });
    }
    expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);
    expect(visitor).toMatch(/^[0-9a-f]{24}$/);
    expect(lines.find((line) => line.event === 'exposure' && line.campaign === 'held')!.path).toBe('/p/held');
    expect(lines.find((line) => line.event === 'click')!.path).toBe('/p/shown');
    expect(purchase).toEqual({ event: 'purchase', id: purchase.id, visitor, time: purchase.time, path: '/p/thanks', value: 49.9, currency: 'EUR', transactionId: 'T-1001' });
    expect(conversion).toMatchObject({ path: '/p/thanks', value: 49.9, currency: 'EUR', transactionId: 'T-1001', campaign: 'shown', variant: 'default' });
  });

  test('an inline placement\'s exposure, and an inline holdout\'s, send the purchase that follows: inline exposures count for attribution like a popup\'s', async ({ browser }) => {
    for (const [path, campaign, variant] of [['/p/inline', 'inline', 'default'], ['/p/inline-held', 'inline-held', 'holdout']]) {
      await eachVisitor(browser, 1, async (page) => {
        await page.goto(`${shop.origin}${path}`);
        const visitor = await readVisitor(page);
        if (variant !== 'holdout') await expect(page.locator('[data-segmint-slot="pdp"] [role="region"]')).toBeVisible();
        await expectReceived(visitor, { event: 'exposure', campaign, variant }, `${campaign}: the exposure`);
        await waitForExposure(page, campaign);
        await page.evaluate((id) => (window as unknown as { segmint: { track(n: string, p: object): void } }).segmint.track('purchase', { value: 12, currency: 'EUR', transactionId: id }), campaign);
        await page.goto(`${shop.origin}/next`);
        await expectReceived(visitor, { event: 'purchase', transactionId: campaign }, `${campaign}: the purchase`);
      });
    }
  });

  test('a purchase left in the journal of a page gone before announcing it is sent once by the next page, at its own time; one announced already is not sent again; an entry without a path (written before entries had one) says the next page\'s', async ({ browser }) => {
    await eachVisitor(browser, 1, async (page) => {
      await page.goto(`${shop.origin}/p/held`);
      const visitor = await readVisitor(page);
      await waitForExposure(page, 'held');
      const at = Date.now() - 1000;
      // Two pages gone before their IndexedDB writes: one before announcing its purchase, one after (marked emitted).
      await page.evaluate((at) => {
        const purchase = (id: string) => ({ type: 'track', name: 'purchase', props: { value: 20, currency: 'EUR', transactionId: id } });
        localStorage.setItem('segmint:wal1:gonea', JSON.stringify([[purchase('J-unsent'), at, 'gonea.0']]));
        localStorage.setItem('segmint:wal1:goneb', JSON.stringify([[purchase('J-sent'), at, 'goneb.0', 1]]));
      }, at);
      await page.goto(`${shop.origin}/next`);
      await page.goto(`${shop.origin}/p/replay`);
      await readVisitor(page);
      await expect.poll(() => page.evaluate(async () => (await (window as unknown as { segmint: { profile(): Promise<{ purchases: number }> } }).segmint.profile()).purchases)).toBe(2);
      const sent = await expectReceived(visitor, { event: 'purchase', transactionId: 'J-unsent' }, 'the unannounced purchase');
      expect(sent).toMatchObject({ time: at, value: 20, currency: 'EUR', path: '/p/replay' });
      // A later event of the same visitor proves the collector is caught up.
      await page.goto(`${shop.origin}/p/inline-held`);
      await expectReceived(visitor, { event: 'exposure', campaign: 'inline-held' }, 'a later exposure');
      expect(readLines().filter((line) => line.visitor === visitor && line.event === 'purchase').map((line) => line.transactionId)).toEqual(['J-unsent']);
    });
  });

  test('a purchase whose thank-you page redirects before announcing it is sent by the next page with the thank-you page\'s path and time, and so is its conversion', async ({ browser }) => {
    await eachVisitor(browser, 1, async (page) => {
      // Exposed and clicked: the purchase goes to the beacon and converts `shown`.
      await page.goto(`${shop.origin}/p/shown`);
      const visitor = await readVisitor(page);
      await dialog(page).getByRole('link', { name: 'Shop now' }).click();
      await page.waitForURL('**/next');
      // The thank-you page's config is held until that page has gone: its purchase is journalled there, not announced.
      let release!: () => void;
      const gone = new Promise<void>((resolve) => (release = resolve));
      let held = false;
      await page.route('**/t/config.json', async (route) => {
        if (held) return route.continue();
        held = true;
        await gone;
        await route.continue().catch(() => {});
      });
      const before = Date.now();
      const thanks = "segmint('track', 'purchase', { value: 30, currency: 'EUR', transactionId: 'P-1' }); addEventListener('load', function () { location.replace('/p/after'); });";
      await page.goto(`${shop.origin}/p/thanks?before=${encodeURIComponent(thanks)}`);
      await page.waitForURL('**/p/after');
      release();
      const purchase = await expectReceived(visitor, { event: 'purchase', transactionId: 'P-1' }, 'the purchase');
      const conversion = await expectReceived(visitor, { event: 'conversion', transactionId: 'P-1' }, 'its conversion');
      expect(purchase).toMatchObject({ path: '/p/thanks', value: 30, currency: 'EUR' });
      expect(conversion).toMatchObject({ path: '/p/thanks', time: purchase.time, campaign: 'shown', variant: 'default', value: 30 });
      expect(purchase.time).toBeGreaterThanOrEqual(before);
      // Journalled on the thank-you page, announced by the next one: once.
      await page.goto(`${shop.origin}/p/held`);
      await expectReceived(visitor, { event: 'exposure', campaign: 'held' }, 'a later exposure');
      expect(readLines().filter((line) => line.visitor === visitor && line.transactionId === 'P-1').map((line) => line.event).sort()).toEqual(['conversion', 'purchase']);
    });
  });

  test('a purchase of a visitor never exposed stays on the device', async ({ browser }) => {
    await eachVisitor(browser, 1, async (page) => {
      await page.goto(`${shop.origin}/p/thanks`);
      const visitor = await readVisitor(page);
      await page.evaluate(() => (window as unknown as { segmint: { track(n: string, p: object): void } }).segmint.track('purchase', { value: 5, currency: 'EUR' }));
      await page.goto(`${shop.origin}/next`);
      // A later event of the same test run proves the collector is caught up.
      await page.goto(`${shop.origin}/p/held`);
      await expectReceived(visitor, { event: 'exposure' }, 'exposure');
      expect(readLines().filter((line) => line.visitor === visitor && line.event === 'purchase')).toEqual([]);
    });
  });

  test(`a click on a CTA link that navigates at once is received, ${ROUNDS} times out of ${ROUNDS}`, async ({ browser }) => {
    await eachVisitor(browser, ROUNDS, async (page, round) => {
      await page.goto(`${shop.origin}/p/shown`);
      const visitor = await readVisitor(page);
      await expect(dialog(page)).toBeVisible();
      await dialog(page).getByRole('link', { name: 'Shop now' }).or(dialog(page).getByRole('button', { name: 'Shop now' })).click();
      await page.waitForURL('**/next');
      await expectReceived(visitor, { event: 'click', campaign: 'shown' }, `round ${round}: the click`);
    });
  });

  test(`a dismissal followed by leaving is received, ${ROUNDS} times out of ${ROUNDS}`, async ({ browser }) => {
    await eachVisitor(browser, ROUNDS, async (page, round) => {
      await page.goto(`${shop.origin}/p/shown`);
      const visitor = await readVisitor(page);
      await expect(dialog(page)).toBeVisible();
      await dialog(page).getByRole('button', { name: 'No thanks' }).click();
      await page.goto(`${shop.origin}/next`);
      await expectReceived(visitor, { event: 'dismiss', campaign: 'shown' }, `round ${round}: the dismissal`);
    });
  });

  test(`a purchase on a page that redirects at once is received, ${ROUNDS} times out of ${ROUNDS}`, async ({ browser }) => {
    await eachVisitor(browser, ROUNDS, async (page, round) => {
      await page.goto(`${shop.origin}/p/held`);
      const visitor = await readVisitor(page);
      await waitForExposure(page, 'held');
      // The thank-you page: segmint loads, the order is tracked, and the page redirects in the same task.
      await page.goto(`${shop.origin}/p/thanks`);
      await readVisitor(page);
      await page.evaluate((n) => {
        (window as unknown as { segmint: { track(n: string, p: object): void } }).segmint.track('purchase', { value: 10 + n, currency: 'EUR', transactionId: `R-${n}` });
        location.href = '/next';
      }, round);
      await page.waitForURL('**/next');
      await expectReceived(visitor, { event: 'purchase', transactionId: `R-${round}` }, `round ${round}: the purchase`);
    });
  });

  test(`an exposure whose page goes while the sink chunk is still loading is received, ${ROUNDS} times out of ${ROUNDS}`, async ({ browser }) => {
    const leaveOnExposure = encodeURIComponent("segmint('on', 'exposure', function () { location.href = '/next'; });");
    await eachVisitor(browser, ROUNDS, async (page, round) => {
      const chunk = page.waitForRequest(/segmint-engage\.js/);
      await page.goto(`${shop.origin}/p/held?before=${leaveOnExposure}`, { waitUntil: 'commit' });
      await chunk;
      await page.waitForURL('**/next');
      // The visitor id is on the received exposure only: find it by this round's page.
      const lines = () => readLines().filter((line) => line.event === 'exposure' && line.path === '/p/held' && !seen.has(line.id as string));
      await expect.poll(() => lines().length, { message: `round ${round}: the exposure`, timeout: 10_000 }).toBeGreaterThan(0);
      lines().forEach((line) => seen.add(line.id as string));
    });
  });

  test(`a purchase tracked during pagehide is received, ${ROUNDS} times out of ${ROUNDS}`, async ({ browser }) => {
    await eachVisitor(browser, ROUNDS, async (page, round) => {
      await page.goto(`${shop.origin}/p/held`);
      const visitor = await readVisitor(page);
      await waitForExposure(page, 'held');
      await page.evaluate((n) => addEventListener('pagehide', () => {
        (window as unknown as { segmint: { track(n: string, p: object): void } }).segmint.track('purchase', { value: 1, currency: 'EUR', transactionId: `H-${n}` });
      }), round);
      await page.goto(`${shop.origin}/next`);
      await expectReceived(visitor, { event: 'purchase', transactionId: `H-${round}` }, `round ${round}: the purchase`);
    });
  });
});

const seen = new Set<string>();
