import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openProfileStore, type ProfileStore } from './store';
import { PROFILE_VERSION } from './profile';
import type { ProfileEvent } from './record';
import { inDatabase } from '../../tests/unit/in-database';

// Store faults that fake-indexeddb reproduces faithfully (RELIABILITY §22, §25): a connection
// closed under segmint whose reopen fails too, and a write of a migrated record that fails. The
// browser versions of the neighbouring faults are in tests/e2e/storage.spec.ts.

const T0 = Date.parse('2026-03-02T10:00:00Z');
const track = (name: string): ProfileEvent => ({ type: 'track', name });

const opened: ProfileStore[] = [];
async function open(onError = vi.fn()): Promise<ProfileStore> {
  const store = await openProfileStore({ persistent: true, now: () => T0, onError });
  opened.push(store);
  return store;
}
afterEach(() => opened.splice(0).forEach((store) => store.close()));


const readStored = () => inDatabase('readonly', (store) => store.get('profile')) as Promise<Record<string, any> | undefined>;
const writeStored = (value: unknown) => inDatabase('readwrite', (store) => store.put(value, 'profile'));

/**
 * Watches segmint's connections and counts its opens; `failOpens` makes every later open fail
 * the way a browser that lost its storage backend does.
 */
function watchOpens() {
  const factory = globalThis.indexedDB;
  const open = factory.open.bind(factory);
  const watched = { opens: 0, connections: [] as IDBDatabase[], failOpens: false };
  factory.open = ((name: string, version?: number) => {
    watched.opens++;
    if (watched.failOpens) throw new DOMException('The backing store is gone.', 'UnknownError');
    const request = open(name, version);
    request.addEventListener('success', () => watched.connections.push(request.result));
    return request;
  }) as IDBFactory['open'];
  return watched;
}

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Lets IndexedDB callbacks and the store's promise chains run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
});

describe('RELIABILITY §22: the connection closes mid-session and cannot be reopened', () => {
  it('reopens once, then buffers in memory without touching IndexedDB, and writes everything on the next visibilitychange', async () => {
    const watched = watchOpens();
    const onError = vi.fn();
    const store = await open(onError);
    await store.record(track('before'));
    expect((await readStored())?.events).toEqual({ before: 1 });

    // DevTools "Clear storage": every connection closes, and for now no new one can be opened.
    watched.connections.forEach((db) => db.close());
    watched.failOpens = true;
    const opensBefore = watched.opens;
    await store.record(track('lost_connection'));
    expect(watched.opens - opensBefore, 'one reopen for the failed write').toBe(1);
    expect(onError).toHaveBeenCalledTimes(1);

    // No retry storm: the visitor keeps going, and nothing more is tried until the tab is revisited.
    for (let i = 0; i < 20; i++) await store.record(track('while_broken'));
    expect(watched.opens - opensBefore, 'no attempt per event while broken').toBe(1);
    expect(store.read().events).toEqual({ before: 1, lost_connection: 1, while_broken: 20 });
    expect(onError).toHaveBeenCalledTimes(1);

    // Storage is back; the visitor switches tabs and returns.
    watched.failOpens = false;
    setVisibility('hidden');
    await settle();
    expect((await readStored())?.events, 'the buffered events, each once').toEqual({ before: 1, lost_connection: 1, while_broken: 20 });
    setVisibility('visible');
    await settle();
    // Later events are written at once again, on top of what was buffered.
    await store.record(track('after'));
    expect((await readStored())?.events).toEqual({ before: 1, lost_connection: 1, while_broken: 20, after: 1 });
    expect(store.read().events).toEqual({ before: 1, lost_connection: 1, while_broken: 20, after: 1 });
    store.close();
  });

  it('loses no buffered event when the connection comes back before the tab is revisited', async () => {
    const watched = watchOpens();
    const store = await open();
    await store.record(track('before'));
    watched.connections.forEach((db) => db.close());
    watched.failOpens = true;
    await store.record(track('buffered'));
    watched.failOpens = false;
    await store.record(track('next'));
    setVisibility('visible');
    await settle();
    expect((await readStored())?.events).toEqual({ before: 1, buffered: 1, next: 1 });
    expect(store.read().events).toEqual({ before: 1, buffered: 1, next: 1 });
    store.close();
  });
});

describe('RELIABILITY §25: an old-schema record', () => {
  const v1 = () => ({ v: 1, id: 'visitor-1', firstSeen: T0 - 86_400_000, lastSeen: T0 - 86_400_000, pageViews: 3, viewedCategories: ['tents', 'stoves'], events: { signup: 1 } });

  it('is migrated inside the readwrite transaction that writes it: read and write in one transaction, none before', async () => {
    await writeStored(v1());
    const modes: IDBTransactionMode[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      modes.push(args[1] ?? 'readonly');
      return transaction.apply(this, args);
    });
    const store = await open();
    modes.length = 0;
    await store.record(track('after_upgrade'));
    expect(modes, 'one readwrite transaction for the read-migrate-write').toEqual(['readwrite']);
    const stored = await readStored();
    expect(stored).toMatchObject({ v: PROFILE_VERSION, id: 'visitor-1', pageViews: 3, categoryViews: { tents: 1, stoves: 1 }, events: { signup: 1, after_upgrade: 1 } });
    store.close();
  });

  it('stays exactly as it was when writing the migrated record fails', async () => {
    const original = v1();
    await writeStored(original);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (args[1] === 'profile') throw new DOMException('The write failed.', 'UnknownError');
      return put.apply(this, args);
    });
    const onError = vi.fn();
    const store = await open(onError);
    await store.record(track('after_upgrade'));
    expect(onError).toHaveBeenCalledTimes(1);
    // In memory the visitor is migrated and counted; on disk the v1 record is untouched.
    expect(store.read()).toMatchObject({ v: PROFILE_VERSION, id: 'visitor-1', events: { signup: 1, after_upgrade: 1 } });
    vi.restoreAllMocks();
    expect(await readStored()).toEqual(original);
    store.close();
  });
});
