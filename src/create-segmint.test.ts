import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createSegmint } from './index';
import type { Condition, Config, Segmint } from './types';
import type { ChunkLoader } from './chunks/contract';
import { writeCheckedConfig } from './cli/checked-config';
import { VERSION } from './config/release';

/** The chunks the npm entry asked for, in order: its own loader, recorded. */
const asked = vi.hoisted(() => [] as string[]);
vi.mock('./chunks/bundled-chunks', async (importOriginal) => {
  const { loadBundledChunk } = await importOriginal<typeof import('./chunks/bundled-chunks')>();
  return { loadBundledChunk: ((name) => (asked.push(name), loadBundledChunk(name))) as ChunkLoader };
});

const config: Config = {
  version: 1,
  defaultLocale: 'en',
  segments: { engaged: { 'events.wishlist_add': { gte: 2 } } },
  campaigns: [
    { id: 'wishlist', audience: { segment: 'engaged' }, trigger: { on: 'event', event: 'wishlist_add' }, content: { en: { title: 'Saved for later' }, de: { title: 'Gemerkt' } } },
    { id: 'broken', audience: { batteryLevel: { lt: 20 } } as Condition, content: { en: { title: 'x' } } },
  ],
};

let instances: Segmint[] = [];
function create(options: Partial<Parameters<typeof createSegmint>[0]> = {}): Segmint {
  const instance = createSegmint({ config, ...options });
  instances.push(instance);
  return instance;
}

describe('createSegmint (npm entry)', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    instances.forEach((instance) => instance.destroy());
    instances = [];
    document.body.innerHTML = '';
  });

  it('starts with a config object that contains itself: the looping part is rejected, the rest runs', async () => {
    const loop: Record<string, unknown> = { title: 'Loop' };
    loop.self = loop;
    const looping = { ...config, campaigns: [...config.campaigns!, { id: 'loop', content: { en: loop } }] } as Config;
    const sm = create({ config: looping });
    await sm.start();
    const trace = await sm.explain();
    const reasons = Object.fromEntries(trace.campaigns.map((c) => [c.id, c.reason]));
    expect(reasons).toEqual({ wishlist: 'audience', loop: 'invalid', broken: 'invalid' });
  });

  it('queues calls made before start() and runs them in order after it', async () => {
    const sm = create();
    sm.track('wishlist_add');
    sm.identify({ tier: 'gold' });
    await sm.start();
    const profile = await sm.profile();
    expect(profile.events).toEqual({ wishlist_add: 1 });
    expect(profile.traits).toEqual({ tier: 'gold' });
    expect(profile.pageViews).toBe(1);
  });

  it('reports an invalid campaign through the error event with its pointer and runs the rest', async () => {
    const sm = create();
    const errors: (string | undefined)[] = [];
    sm.on('error', (error) => errors.push(error.pointer));
    await sm.start();
    // Reported once its message is written: the messages are a chunk, loaded lazily as on the script tag.
    await vi.waitFor(() => expect(errors).toEqual(['/campaigns/1/audience/batteryLevel']));
    const { campaigns } = await sm.explain();
    expect(campaigns.map((c) => [c.id, c.reason])).toEqual([['wishlist', 'audience'], ['broken', 'invalid']]);
  });

  it('shows a campaign when its event fires and the audience matches, with exposure before impression', async () => {
    const sm = create({ locale: 'de-DE' });
    const events: string[] = [];
    sm.on('exposure', (p) => events.push(`exposure:${p.campaign}:${p.variant}:${p.locale}:${p.segments.join()}`));
    sm.on('impression', (p) => events.push(`impression:${p.campaign}`));
    await sm.start();
    sm.track('wishlist_add');
    await sm.profile();
    expect(document.querySelector('segmint-root')).toBeNull();
    sm.track('wishlist_add');
    await vi.waitFor(() => expect(events).toEqual(['exposure:wishlist:default:de:engaged', 'impression:wishlist']));
    const dialog = document.querySelector('segmint-root')!.shadowRoot!.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('data-campaign')).toBe('wishlist');
    expect(dialog.textContent).toContain('Gemerkt');
  });

  it('reports the impression once the popup is on screen, not once IndexedDB has the write: a quick click comes after it', async () => {
    const onView: Config = { version: 1, defaultLocale: 'en', campaigns: [{ id: 'now', content: { en: { title: 'Now', cta: 'Go' } } }] };
    const sm = create({ config: onView });
    const events: string[] = [];
    for (const name of ['exposure', 'impression', 'click'] as const) sm.on(name, () => events.push(name));
    // From the exposure on, every readwrite transaction completes only once released: a slow disk, or a busy browser.
    let slow = false;
    sm.on('exposure', () => { slow = true; });
    let release!: () => void;
    const slowDisk = new Promise<void>((resolve) => { release = resolve; });
    const { IDBDatabase } = await import('fake-indexeddb');
    const original = IDBDatabase.prototype.transaction;
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = Reflect.apply(original, this, args) as IDBTransaction;
      if (args[1] !== 'readwrite' || !slow) return tx;
      let handler: ((event: Event) => void) | null = null;
      Object.defineProperty(tx, 'oncomplete', { get: () => handler && ((event: Event) => void slowDisk.then(() => handler!(event))), set: (h) => { handler = h; } });
      return tx;
    });
    void sm.start();
    await vi.waitFor(() => expect(document.querySelector('segmint-root')?.shadowRoot?.querySelector('.sm-cta')).toBeTruthy());
    await vi.waitFor(() => expect(events).toContain('impression')).catch(() => {});
    // As a visitor's click: the popup ignores clicks a script makes.
    const click = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    document.querySelector('segmint-root')!.shadowRoot!.querySelector('.sm-cta')!.dispatchEvent(click);
    const seen = [...events];
    // Asked while the write waits: profile() answers with it once it is done.
    const reading = sm.profile();
    release();
    transaction.mockRestore();
    expect(seen).toEqual(['exposure', 'impression', 'click']);
    expect(((await reading).campaigns as Record<string, { firstImpressionAt?: number }>).now.firstImpressionAt).toBeGreaterThan(0);
  });

  it('asks again whether a visitor qualifies for a waiting campaign, and stops asking on destroy()', async () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    const clearInterval = vi.spyOn(globalThis, 'clearInterval');
    const waiting: Config = { version: 1, defaultLocale: 'en', campaigns: [{ id: 'gold-scroll', audience: { 'traits.tier': 'gold' }, trigger: { on: 'scroll', percent: 50 }, content: { en: { title: 'Gold' } } }] };
    const sm = create({ config: waiting });
    await sm.start();
    const rechecks = setInterval.mock.results.filter((_, i) => setInterval.mock.calls[i][1] === 5000).map((result) => result.value);
    expect(rechecks).toHaveLength(1);
    sm.destroy();
    expect(clearInterval).toHaveBeenCalledWith(rechecks[0]);
    setInterval.mockRestore();
    clearInterval.mockRestore();
  });

  it('persists the profile in IndexedDB across instances', async () => {
    const first = create();
    await first.start();
    first.track('wishlist_add');
    await first.profile();
    first.destroy();
    const second = create();
    await second.start();
    const profile = await second.profile();
    expect(profile.events).toEqual({ wishlist_add: 1 });
    expect(profile.pageViews).toBe(2);
  });

  it('with consent required, writes nothing until consent(true)', async () => {
    const sm = create({ consent: 'required' });
    await sm.start();
    sm.track('wishlist_add');
    await sm.profile();
    expect(await indexedDB.databases()).toEqual([]);
    sm.consent(true);
    await sm.profile();
    expect((await indexedDB.databases()).map((db) => db.name)).toEqual(['segmint']);
    const reopened = create();
    await reopened.start();
    expect((await reopened.profile()).events).toEqual({ wishlist_add: 1 });
  });

  it('forget() starts a fresh anonymous profile', async () => {
    const sm = create();
    await sm.start();
    sm.identify({ tier: 'gold' });
    const before = await sm.profile();
    sm.forget();
    const after = await sm.profile();
    expect(after.traits).toEqual({});
    expect(after.id).not.toBe(before.id);
  });

  it('never throws into the caller, whatever it is given', async () => {
    const sm = create();
    await sm.start();
    expect(() => (sm.track as any)()).not.toThrow();
    expect(() => (sm.identify as any)(null)).not.toThrow();
    expect(() => sm.on('ready', () => { throw new Error('handler bug'); })).not.toThrow();
    expect(() => sm.show('missing')).not.toThrow();
    await sm.profile();
  });

  it('profile() returns a copy that cannot change the stored profile', async () => {
    const sm = create();
    await sm.start();
    const copy = await sm.profile();
    (copy as any).pageViews = 99;
    expect((await sm.profile()).pageViews).toBe(1);
  });

  it('runs one instance per page: a second one started while the first runs warns once and passes its calls on', async () => {
    const warn = vi.mocked(console.warn);
    warn.mockClear();
    const first = create();
    await first.start();
    const second = create();
    await second.start();
    second.track('wishlist_add');
    first.track('wishlist_add');
    expect((await second.profile()).events).toEqual({ wishlist_add: 2 });
    expect((await first.profile()).pageViews).toBe(1);
    expect(warn.mock.calls.filter(([text]) => String(text).includes('already running'))).toHaveLength(1);
    // Destroying the running instance frees the page for the next one.
    second.destroy();
    expect((await first.profile()).events).toEqual({ wishlist_add: 2 });
    first.destroy();
    const third = create();
    await third.start();
    expect((await third.profile()).pageViews).toBe(2);
  });
});

describe('createSegmint with configChecked: a config stamped by segmint validate --checked', () => {
  const valid: Config = {
    version: 1,
    defaultLocale: 'en',
    segments: { dach: { country: { in: ['DE', 'AT', 'CH'] } } },
    campaigns: [{ id: 'welcome', audience: { segment: 'dach' }, trigger: { on: 'event', event: 'never' }, content: { en: { title: 'Willkommen' } } }],
  };
  const url = 'https://shop.test/segmint.json';
  /** One first visit (nothing kept, no earlier page) with these options: the chunks asked for, and the campaigns it runs. */
  async function firstVisit(options: Partial<Parameters<typeof createSegmint>[0]>) {
    globalThis.indexedDB = new IDBFactory();
    localStorage.clear();
    asked.length = 0;
    const sm = createSegmint({ config: valid, ...options });
    const ready = new Promise<string[]>((resolve) => sm.on('ready', ({ campaigns }) => resolve(campaigns)));
    await sm.start();
    const campaigns = await ready;
    // What was asked for beside the start (the checks are fetched ahead, not awaited) has been asked by now.
    await new Promise((resolve) => setTimeout(resolve, 20));
    sm.destroy();
    return { asked: [...asked], campaigns };
  }
  const serve = (text: string) => vi.stubGlobal('fetch', vi.fn(async () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })));
  const checkedText = () => writeCheckedConfig(valid, VERSION);
  afterEach(() => vi.unstubAllGlobals());

  it('from a URL: with the option and a stamp of this release on the unchanged text, never loads the check chunk', async () => {
    serve(checkedText());
    const visit = await firstVisit({ config: url, configChecked: true });
    expect(visit.campaigns).toEqual(['welcome']);
    expect(visit.asked).not.toContain('check');
  });

  it('from a URL: loads the check chunk for an edited text, a stamp of another release, or without the option', async () => {
    serve(checkedText().replace('Willkommen', 'Hallo'));
    const edited = await firstVisit({ config: url, configChecked: true });
    expect([edited.campaigns, edited.asked.includes('check')]).toEqual([['welcome'], true]);
    serve(writeCheckedConfig(valid, `${VERSION}-other`));
    expect((await firstVisit({ config: url, configChecked: true })).asked).toContain('check');
    serve(checkedText());
    const without = await firstVisit({ config: url });
    expect([without.campaigns, without.asked.includes('check')]).toEqual([['welcome'], true]);
  });

  it('from an object parsed from the checked file: with the option, never loads the check chunk while it is unchanged', async () => {
    const imported = JSON.parse(checkedText()) as Config;
    const visit = await firstVisit({ config: imported, configChecked: true });
    expect(visit.campaigns).toEqual(['welcome']);
    expect(visit.asked).not.toContain('check');
  });

  it('from an object: loads the check chunk once it is changed, for a stamp of another release, without a stamp, or without the option', async () => {
    const changed = JSON.parse(checkedText()) as Config;
    changed.campaigns![0].priority = 2;
    const edited = await firstVisit({ config: changed, configChecked: true });
    expect([edited.campaigns, edited.asked.includes('check')]).toEqual([['welcome'], true]);
    expect((await firstVisit({ config: JSON.parse(writeCheckedConfig(valid, `${VERSION}-other`)), configChecked: true })).asked).toContain('check');
    expect((await firstVisit({ config: valid, configChecked: true })).asked).toContain('check');
    expect((await firstVisit({ config: JSON.parse(checkedText()) })).asked).toContain('check');
  });

  it('refuses what the checks refuse in a stamped object changed since: the stamp is no pass', async () => {
    const broken = JSON.parse(checkedText()) as Config;
    (broken.campaigns![0] as unknown as Record<string, unknown>).priority = 'high';
    const visit = await firstVisit({ config: broken, configChecked: true });
    expect(visit.asked).toContain('check');
    expect(visit.campaigns).toEqual([]);
  });
});
