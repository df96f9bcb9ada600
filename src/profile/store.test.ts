import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openProfileStore, type ProfileStore } from './store';
import { OPEN_TIMEOUT_MS } from './database';
import { createProfile } from './profile';
import type { ProfileEvent } from './record';
import { inDatabase } from '../../tests/unit/in-database';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const originalIndexedDB = globalThis.indexedDB;

const wishlist: ProfileEvent = { type: 'track', name: 'wishlist_add' };
const page: ProfileEvent = { type: 'page' };

function open(options: Partial<Parameters<typeof openProfileStore>[0]> = {}): Promise<ProfileStore> {
  return openProfileStore({ persistent: true, now: () => T0, onError: () => {}, ...options });
}


/** What is stored in the `segmint` database, read the way another tab would. */
function readStored(): Promise<Record<string, unknown> | undefined> {
  return inDatabase('readonly', (store) => store.get('profile'));
}

async function writeStored(value: unknown): Promise<void> {
  await inDatabase('readwrite', (store) => store.put(value, 'profile'));
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name!);
}

beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.useRealTimers();
  globalThis.indexedDB = originalIndexedDB;
});

describe('openProfileStore', () => {
  it('starts a fresh profile when nothing is stored', async () => {
    const store = await open();
    expect(store.read()).toMatchObject({ sessions: 1, pageViews: 0, firstSeen: T0 });
  });

  it('keeps a recorded profile across two opens of the same database', async () => {
    const first = await open();
    await first.record(page);
    await first.record(wishlist);
    await first.record({ type: 'identify', traits: { tier: 'gold' } });
    const second = await open({ now: () => T0 + 60_000 });
    expect(second.read()).toMatchObject({ id: first.read().id, pageViews: 1, events: { wishlist_add: 1 }, traits: { tier: 'gold' } });
    expect(await readStored()).toMatchObject({ id: first.read().id, pageViews: 1 });
  });

  it('returns the new profile from record', async () => {
    const store = await open();
    const profile = await store.record(page);
    expect(profile.pageViews).toBe(1);
    expect(store.read()).toBe(profile);
  });

  it('loses no count when two tabs record at the same time', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).record(wishlist)));
    expect((await readStored())?.events).toEqual({ wishlist_add: 100 });
    expect((await open()).read().events.wishlist_add).toBe(100);
  });

  it('lets each tab see the counts of the other after its own write', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await a.record(wishlist);
    await a.record(wishlist);
    const seen = await b.record(wishlist);
    expect(seen.events.wishlist_add).toBe(3);
  });
});

describe('openProfileStore without consent', () => {
  it('writes nothing to IndexedDB while not persistent', async () => {
    const store = await open({ persistent: false });
    await store.record(page);
    await store.record(wishlist);
    expect(store.read()).toMatchObject({ pageViews: 1, events: { wishlist_add: 1 } });
    expect(await databaseNames()).not.toContain('segmint');
  });

  it('stores the events recorded before consent once persistence is granted, each once', async () => {
    const store = await open({ persistent: false });
    await store.record(page);
    await store.record(page);
    await store.record(wishlist);
    await store.record(wishlist);
    await store.record(wishlist);
    await store.setPersistent(true);
    expect(await readStored()).toMatchObject({ id: store.read().id, pageViews: 2, events: { wishlist_add: 3 } });
    expect(store.read()).toMatchObject({ pageViews: 2, events: { wishlist_add: 3 } });
    await store.record(wishlist);
    expect((await readStored())?.events).toEqual({ wishlist_add: 4 });
  });

  it('merges the events recorded before consent into a profile stored on an earlier visit', async () => {
    const earlier = await open({ now: () => T0 - 86_400_000 });
    await earlier.record(wishlist);
    await earlier.record(page);
    const store = await open({ persistent: false });
    await store.record(wishlist);
    await store.setPersistent(true);
    expect(await readStored()).toMatchObject({ id: earlier.read().id, pageViews: 1, events: { wishlist_add: 2 } });
  });

  it('erases the stored profile when persistence is withdrawn, and writes nothing after', async () => {
    const store = await open();
    await store.record(page);
    expect(await readStored()).toBeDefined();
    await store.setPersistent(false);
    expect(await readStored()).toBeUndefined();
    await store.record(page);
    expect(await readStored()).toBeUndefined();
    expect(store.read().pageViews).toBe(2);
  });

  it('says whether the visitor consents, apart from whether IndexedDB works', async () => {
    const store = await open({ persistent: false });
    expect(store.hasConsent()).toBe(false);
    await store.setPersistent(true);
    expect(store.hasConsent()).toBe(true);
    await store.setPersistent(false);
    expect(store.hasConsent()).toBe(false);
    const granted = await open();
    expect(granted.hasConsent()).toBe(true);
  });

  it('takes a withdrawal in another tab as its own: no consent here either', async () => {
    const here = await open();
    const there = await open();
    await there.setPersistent(false);
    await vi.waitFor(() => expect(here.hasConsent()).toBe(false));
  });

  it('does not create the database to erase it', async () => {
    const store = await open({ persistent: false });
    await store.setPersistent(false);
    await store.forget();
    expect(await databaseNames()).not.toContain('segmint');
  });
});

describe('forget', () => {
  it('erases the stored profile and starts a fresh anonymous one', async () => {
    const store = await open();
    await store.record(page);
    const oldId = store.read().id;
    await store.forget();
    expect(store.read()).toMatchObject({ pageViews: 0 });
    expect(store.read().id).not.toBe(oldId);
    expect(await readStored()).toBeUndefined();
  });
});

describe('reading a stored record', () => {
  it('revives a record with wrong field types field by field', async () => {
    const good = createProfile(T0 - 86_400_000, 'stored-visitor');
    await writeStored({
      ...good,
      pageViews: 12,
      purchases: '3', // a string where a number belongs
      viewedProducts: 'SKU-1', // a string where a list belongs
      viewedCategories: ['tents', { type: 'img', props: {} }],
      cartItems: ['SKU-2'],
      lastPurchaseAt: { type: 'img', props: {} },
      events: { wishlist_add: 4 },
      traits: { tier: 'gold', avatar: { type: 'img', props: { src: 'x', onerror: 'alert(1)' } } },
      campaigns: 'none',
    });
    const profile = (await open()).read();
    expect(profile).toMatchObject({
      id: 'stored-visitor',
      firstSeen: good.firstSeen,
      pageViews: 12,
      cartItems: ['SKU-2'],
      events: { wishlist_add: 4 },
      purchases: 0,
      viewedProducts: [],
      viewedCategories: ['tents'],
      lastPurchaseAt: null,
      campaigns: {},
    });
    // A bad entry is dropped alone: the good trait beside it survives (SPEC §5, nothing lost).
    expect(profile.traits).toEqual({ tier: 'gold' });
    expect(JSON.stringify(profile)).not.toContain('onerror');
  });

  it('starts fresh when the stored record is unusable', async () => {
    await writeStored('garbage');
    const profile = (await open()).read();
    expect(profile).toMatchObject({ sessions: 1, pageViews: 0 });
    expect(profile.id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('never overwrites a record written by a newer SDK', async () => {
    const future = { ...createProfile(T0 - 1000, 'future-visitor'), v: 99, pageViews: 7, somethingNew: { shape: 'unknown' } };
    await writeStored(future);
    const store = await open();
    await store.record(page);
    await store.record(wishlist);
    expect(await readStored()).toEqual(future);
  });
});

describe('when IndexedDB fails', () => {
  it('keeps the profile in memory and reports once when IndexedDB is missing', async () => {
    delete (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    const onError = vi.fn();
    const store = await open({ onError });
    await store.record(page);
    await store.record(wishlist);
    expect(store.read()).toMatchObject({ pageViews: 1, events: { wishlist_add: 1 } });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('keeps the profile in memory when opening IndexedDB throws', async () => {
    globalThis.indexedDB = {
      open() {
        throw new DOMException('storage is blocked', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const onError = vi.fn();
    const store = await open({ onError });
    await store.record(page);
    expect(store.read().pageViews).toBe(1);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('gives up on an open that never settles after the timeout', async () => {
    vi.useFakeTimers();
    globalThis.indexedDB = { open: () => ({}) } as unknown as IDBFactory;
    const onError = vi.fn();
    let store: ProfileStore | undefined;
    void open({ onError }).then((s) => (store = s));
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS - 1);
    expect(store).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(store).toBeDefined();
    expect(onError).toHaveBeenCalledTimes(1);
    await store!.record(page);
    expect(store!.read().pageViews).toBe(1);
  });
});

describe('a database the start opened ahead', () => {
  it('is the first connection: the profile is read from it and the page view stored in it, with no second open', async () => {
    const { openDatabase } = await import('./database');
    await writeStored({ ...createProfile(T0), pageViews: 4 });
    const database = openDatabase();
    await database;
    const opens = vi.spyOn(indexedDB, 'open');
    const store = await open({ database });
    expect(store.read().pageViews).toBe(4);
    await store.record(page);
    expect(opens).not.toHaveBeenCalled();
    expect((await readStored())?.pageViews).toBe(5);
    store.close();
  });

  it('that failed to open is reported as any failed open, and the profile kept in memory', async () => {
    const errors: string[] = [];
    const store = await open({ database: Promise.reject(new Error('IndexedDB is not available')), onError: (message) => errors.push(message) });
    await store.record(page);
    expect(store.read().pageViews).toBe(1);
    expect(store.isPersistent()).toBe(false);
    expect(errors).toEqual(['IndexedDB is not available; keeping the profile in memory for this page']);
    store.close();
  });
});
