import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openProfileStore, type Replay } from './store';
import { readJournalEntries } from './journal-replay';
import { createJournal, type Journal } from './journal';
import { applyEntries, type Entry } from './apply-entries';
import { createProfile, type Profile } from './profile';
import type { ProfileEvent } from './record';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const originalIndexedDB = globalThis.indexedDB;
const tick = (name = 'tick'): ProfileEvent => ({ type: 'track', name });

/** Replays what other pages left as the page does, with the `replay` chunk's reader (and `follow` when given). */
const replayWith = (follow?: Replay['follow']) => async (keys: string[]): Promise<Replay> => ({ entries: readJournalEntries(keys), follow });

const open = (journal: Journal, options: Partial<Parameters<typeof openProfileStore>[0]> = {}) =>
  openProfileStore({ persistent: true, now: () => T0, onError: () => {}, journal, replay: replayWith(), ...options });

/** Keys of every page's journal in localStorage. */
const journalKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('segmint:wal1:'));

/**
 * A page that went before its IndexedDB writes finished: its journal entries are in
 * localStorage, nothing of them in the profile.
 */
function leaveBehind(events: ProfileEvent[]): Journal {
  const gone = createJournal('granted');
  events.forEach((event, i) => gone.add(event, T0 + i));
  dispatchEvent(new Event('pagehide'));
  return gone;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});

afterEach(() => {
  globalThis.indexedDB = originalIndexedDB;
  localStorage.clear();
});

describe('applyEntries', () => {
  it('applies each id once, however often it is replayed, and remembers the ids', () => {
    const entries: Entry[] = [[tick(), T0, 'p.0'], [tick(), T0, 'p.1']];
    const once = applyEntries(createProfile(T0, 'v'), entries);
    const again = applyEntries(once, [...entries, [tick(), T0, 'p.1']]);
    expect(once.events.tick).toBe(2);
    expect(again.events.tick).toBe(2);
    expect(again.applied).toEqual(['p.1', 'p.0']);
  });

  it('counts entries without an id every time, and drops a malformed one alone', () => {
    const applied: Entry[] = [];
    const profile = applyEntries(createProfile(T0, 'v'), [[tick(), T0], [{ type: 'identify', traits: null } as never, T0, 'bad'], [tick(), T0]], applied);
    expect(profile.events.tick).toBe(2);
    expect(applied).toHaveLength(2);
  });

  it('keeps the ids of a whole replay even beyond its usual bound', () => {
    const entries: Entry[] = Array.from({ length: 250 }, (_, i) => [tick(), T0, `p.${i}`]);
    const profile = applyEntries(applyEntries(createProfile(T0, 'v'), entries), entries);
    expect(profile.events.tick).toBe(250);
    expect(profile.applied).toHaveLength(250);
  });
});

describe('the journal\'s first write', () => {
  const pageKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('segmint:wal1:'));
  const storageCalls = () => {
    const calls: string[] = [];
    for (const method of ['getItem', 'setItem', 'removeItem', 'key'] as const) {
      const original = Storage.prototype[method] as (...args: unknown[]) => unknown;
      vi.spyOn(Storage.prototype, method).mockImplementation(function (this: Storage, ...args: unknown[]) {
        calls.push(method);
        return original.apply(this, args);
      });
    }
    return calls;
  };

  it('touches no storage in the task that adds the first entries, and writes them in the next one', async () => {
    const calls = storageCalls();
    const journal = createJournal('granted');
    journal.add(tick('a'), T0);
    journal.add(tick('b'), T0 + 1);
    expect(calls).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls, 'the entries written (the host granted storage: no earlier page\'s mark to read)').toEqual(['setItem']);
    expect(pageKeys().map((key) => JSON.parse(localStorage.getItem(key)!).length)).toEqual([2]);
    journal.add(tick('c'), T0 + 2);
    expect(pageKeys().map((key) => JSON.parse(localStorage.getItem(key)!).length), 'from then on, when added').toEqual([3]);
  });

  it('writes what waits at once when the page goes or is hidden before that task', () => {
    const going = createJournal('granted');
    going.add(tick(), T0);
    dispatchEvent(new Event('pagehide'));
    expect(pageKeys()).toHaveLength(1);
    const hidden = createJournal('granted');
    hidden.add(tick(), T0);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    visibility.mockRestore();
    expect(pageKeys()).toHaveLength(2);
  });

  it('writes nothing for a first page that does not know yet whether it may, even when it goes', () => {
    createJournal().add(tick(), T0);
    dispatchEvent(new Event('pagehide'));
    expect(pageKeys()).toEqual([]);
  });
});

describe('the journal and its replay', () => {
  it('replays what a page left behind into the next page\'s profile, once, and removes it', async () => {
    leaveBehind([{ type: 'page' }, tick(), tick()]);
    const store = await open(createJournal());
    expect(store.read()).toMatchObject({ pageViews: 1, events: { tick: 2 } });
    expect(journalKeys()).toEqual([]);
    store.close();
    const later = await open(createJournal());
    expect(later.read()).toMatchObject({ pageViews: 1, events: { tick: 2 } });
    later.close();
  });

  it('counts once when two tabs replay the same leftovers at once', async () => {
    leaveBehind(Array.from({ length: 30 }, () => tick()));
    const [a, b] = await Promise.all([open(createJournal()), open(createJournal())]);
    const third = await open(createJournal());
    expect(third.read().events.tick).toBe(30);
    [a, b, third].forEach((store) => store.close());
  });

  it('counts once when the page stored an entry but went before removing it from its journal', async () => {
    const journal = createJournal('granted');
    const store = await open(journal);
    const remove = vi.spyOn(journal, 'remove').mockImplementation(() => {});
    await store.record(tick());
    expect(remove).toHaveBeenCalled();
    expect(journalKeys()).toHaveLength(1);
    store.close();
    const next = await open(createJournal());
    expect(next.read().events.tick).toBe(1);
    expect(journalKeys()).toEqual([]);
    next.close();
  });

  it('removes an entry from the journal once its IndexedDB write is done', async () => {
    const journal = createJournal('granted');
    const store = await open(journal);
    const writing = store.record(tick());
    expect(journalKeys(), 'written ahead, synchronously').toHaveLength(1);
    await writing;
    expect(journalKeys()).toEqual([]);
    store.close();
  });

  it('derives what follows from replayed events inside the replay\'s transaction, once across two tabs', async () => {
    leaveBehind([tick('purchase')]);
    // Like a conversion: it follows from a purchase this replay applied (the other tab's replay applies nothing).
    const derived: string[] = [];
    const follow = (_base: Profile, applied: readonly Entry[]) => {
      const found = applied.some(([e]) => e.type === 'track' && e.name === 'purchase');
      if (found) derived.push('derived');
      return found ? [tick('derived')] : [];
    };
    const [a, b] = await Promise.all([open(createJournal(), { replay: replayWith(follow) }), open(createJournal(), { replay: replayWith(follow) })]);
    const third = await open(createJournal());
    expect(third.read()).toMatchObject({ purchases: 1, events: { derived: 1 } });
    expect(derived, 'in the transaction that stored it').toEqual(['derived']);
    [a, b, third].forEach((store) => store.close());
  });

  it('gives what several pages left in the order it happened, whatever the order of their keys: a purchase after a click on an earlier page converts it', async () => {
    const later = createJournal('granted');
    later.add(tick('purchase'), T0 + 60_000);
    const earlier = createJournal('granted');
    earlier.add(tick('click'), T0);
    earlier.add(tick('after-click'), T0 + 1);
    dispatchEvent(new Event('pagehide'));
    const entries = readJournalEntries(createJournal('granted').readLeftovers());
    expect(entries.map(([event, at]) => [event.type === 'track' && event.name, at])).toEqual([['click', T0], ['after-click', T0 + 1], ['purchase', T0 + 60_000]]);
  });

  it('writes nothing while consent is required, and nothing is left after a withdrawal', async () => {
    const journal = createJournal('required');
    const store = await open(journal, { persistent: false });
    await store.record(tick());
    expect(Object.keys(localStorage)).toEqual([]);
    await store.setPersistent(true);
    await store.record(tick());
    expect(store.read().events.tick).toBe(2);
    journal.add(tick(), T0);
    await store.setPersistent(false);
    expect(Object.keys(localStorage)).toEqual([]);
    store.close();
  });

  it('remembers, on a page that needed no consent, that the next page may write before its config arrives', async () => {
    expect(createJournal().add(tick(), T0)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(journalKeys(), 'a first page writes nothing before it knows').toEqual([]);
    (await open(createJournal())).close();
    createJournal().add(tick(), T0);
    dispatchEvent(new Event('pagehide'));
    expect(journalKeys()).toHaveLength(1);
    (await open(createJournal(), { persistent: false })).close();
    expect(localStorage.getItem('segmint:wal'), 'forgotten once a page needs consent').toBeNull();
  });

  it('a store opened on consent given (not needing none) keeps its page journalled, and lets no next page journal before its config', async () => {
    localStorage.setItem('segmint:wal', '1');
    const journal = createJournal('required');
    journal.allow(true);
    journal.add(tick(), T0);
    const before = journalKeys();
    expect(before).toHaveLength(1);
    const store = await open(journal, { persistent: true, needsNoConsent: false });
    expect(journalKeys(), "this page's entries stay in storage").toEqual(before);
    expect(localStorage.getItem('segmint:wal'), 'consent given is no permission for the next page').toBeNull();
    expect(localStorage.getItem('segmint:wal:kept')).toBe('1');
    store.close();
  });

  it('falls back to the profile without a journal when localStorage throws, is full or is missing, with no error', async () => {
    const errors: string[] = [];
    for (const fault of ['throws', 'full', 'missing'] as const) {
      const restore = breakStorage(fault);
      try {
        leaveBehind([tick()]);
        const store = await open(createJournal(), { onError: (message) => errors.push(message) });
        await store.record(tick(fault));
        expect(store.read().events[fault]).toBe(1);
        store.close();
      } finally {
        restore();
      }
    }
    expect(errors).toEqual([]);
  });

  it('stops journalling and keeps nothing behind when IndexedDB cannot be opened', async () => {
    globalThis.indexedDB = undefined as never;
    const journal = createJournal('granted');
    journal.add(tick(), T0);
    const store = await open(journal);
    await store.record(tick());
    expect(store.read().events.tick).toBe(1);
    expect(Object.keys(localStorage)).toEqual([]);
    store.close();
  });
});

function breakStorage(fault: 'throws' | 'full' | 'missing'): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')!;
  if (fault === 'missing') {
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, get: () => { throw new DOMException('denied', 'SecurityError'); } });
    return () => Object.defineProperty(globalThis, 'localStorage', descriptor);
  }
  const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
    throw new DOMException('full', fault === 'full' ? 'QuotaExceededError' : 'SecurityError');
  });
  const getItem = fault === 'throws' ? vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => { throw new DOMException('no', 'SecurityError'); }) : undefined;
  return () => {
    setItem.mockRestore();
    getItem?.mockRestore();
  };
}

describe('the journal says whether an earlier page stored the profile (a first visit has nothing kept)', () => {
  it('is false on a first visit, true once a page stored the profile without needing consent, false again once erased', async () => {
    expect(await createJournal().remembered()).toBe(false);
    const store = await open(createJournal());
    store.close();
    expect(await createJournal().remembered()).toBe(true);
    expect(await createJournal('required').remembered()).toBe(true);
    createJournal().erase();
    expect(await createJournal().remembered()).toBe(false);
  });

  it('is true, on a site that requires consent, once a page was given it, and never lets a page journal before its consent', async () => {
    const store = await open(createJournal('required'), { persistent: false });
    await store.record(tick());
    expect(Object.keys(localStorage), 'nothing before consent').toEqual([]);
    await store.setPersistent(true);
    store.close();
    expect(journalKeys(), 'its entries written and removed').toEqual([]);
    expect(createJournal('required').remembered()).toBe(true);
    expect(createJournal().remembered(), 'whatever the next page\'s own setting').toBe(true);
    expect(localStorage.getItem('segmint:wal'), 'no page needed no consent').toBeNull();
    // A page whose config says consent is required, the host unset: it writes nothing before `allow(true)`.
    const next = createJournal();
    next.add(tick(), T0);
    dispatchEvent(new Event('pagehide'));
    expect(journalKeys()).toEqual([]);
  });

  it('is true after consent() grants storage before the store opens, and stays so on a later page that has no consent yet', () => {
    createJournal('required').allow(true);
    const later = createJournal('required');
    later.allow(false, false);
    expect(later.remembered()).toBe(true);
    expect(Object.keys(localStorage)).toEqual(['segmint:wal:kept']);
  });

  it('is false again once consent is withdrawn or the profile forgotten, and with no IndexedDB to keep it in', async () => {
    const granted = createJournal('required');
    const store = await open(granted, { persistent: false });
    await store.setPersistent(true);
    await store.setPersistent(false);
    store.close();
    expect(Object.keys(localStorage), 'withdrawn').toEqual([]);
    expect(createJournal('required').remembered()).toBe(false);

    createJournal('required').allow(true);
    createJournal('required').erase();
    expect(createJournal('required').remembered(), 'forget() and another tab\'s withdrawal erase').toBe(false);

    globalThis.indexedDB = undefined as never;
    const broken = await open(createJournal('required'), { persistent: false });
    await broken.setPersistent(true);
    broken.close();
    expect(createJournal('required').remembered(), 'no IndexedDB: nothing is kept').toBe(false);
    expect(Object.keys(localStorage)).toEqual([]);
  });
});
