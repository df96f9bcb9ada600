import { createStore, get, update, del, type UseStore } from 'idb-keyval';
import { createProfile, PROFILE_VERSION, type Profile } from './profile';
import { recordEvent, type ProfileEvent } from './record';
import { reviveProfile } from './revive';
import { withTimeout } from '../lib/with-timeout';

/** The visitor's profile: always in memory, and in IndexedDB when allowed and working. */
export interface ProfileStore {
  /** The current profile (a copy is the caller's job: treat it as read-only). */
  read(): Profile;
  /** Applies an event atomically (one IndexedDB read-modify-write transaction) and returns the new profile. */
  record(event: ProfileEvent): Promise<Profile>;
  /** Starts storing (consent granted) or erases what is stored and keeps to memory (withdrawn). */
  setPersistent(persistent: boolean): Promise<void>;
  /** Erases the stored profile and starts a fresh anonymous one. */
  forget(): Promise<void>;
}

/** Safari 14 can leave `indexedDB.open` pending forever; after this long we use memory (RELIABILITY §19). */
export const OPEN_TIMEOUT_MS = 3000;
const DATABASE = 'segmint';
const KEY = 'profile';
/** Events kept while waiting for consent, replayed into the stored profile once it is granted. */
const MAX_PENDING = 500;

/**
 * Opens the profile store. Never rejects: when IndexedDB is missing, blocked, hanging or broken
 * it reports through `onError` once and keeps the profile in memory for the page.
 */
export async function openProfileStore(options: {
  persistent: boolean;
  now: () => number;
  onError: (message: string, cause?: unknown) => void;
}): Promise<ProfileStore> {
  const { now, onError } = options;
  let memory = createProfile(now());
  let idb: UseStore | null = null;
  let pending: [ProfileEvent, number][] = [];

  const fallBackToMemory = (message: string, cause?: unknown) => {
    if (idb) onError(`${message}; keeping the profile in memory for this page`, cause);
    idb = null;
  };

  const connect = async (): Promise<void> => {
    if (typeof indexedDB === 'undefined' || !indexedDB) {
      onError('IndexedDB is not available; keeping the profile in memory for this page');
      return;
    }
    try {
      const store = createStore(DATABASE, KEY);
      const stored = await withTimeout(get(KEY, store), OPEN_TIMEOUT_MS, 'opening IndexedDB');
      idb = store;
      const revived = reviveProfile(stored, now());
      if (revived) memory = revived;
    } catch (error) {
      idb = null;
      onError('IndexedDB could not be opened; keeping the profile in memory for this page', error);
    }
  };

  /**
   * Applies events to the stored profile in one read-modify-write transaction. With
   * `inMemoryAlready` (consent just granted), memory holds them already: it is stored as it is
   * when nothing was stored before, else the events are replayed onto what was stored.
   */
  const write = async (events: [ProfileEvent, number][], inMemoryAlready = false): Promise<void> => {
    const store = idb;
    if (!store) return;
    let next = memory;
    try {
      await withTimeout(update(KEY, (stored: unknown) => {
        const revived = reviveProfile(stored, now());
        const base = revived ?? memory;
        next = !revived && inMemoryAlready ? memory : events.reduce((profile, [event, at]) => recordEvent(profile, event, at), base);
        // A record from a newer SDK is used read-only: never downgrade what it wrote.
        return base.v > PROFILE_VERSION ? stored : next;
      }, store), OPEN_TIMEOUT_MS, 'writing the profile');
      memory = next;
    } catch (error) {
      if (!inMemoryAlready) memory = events.reduce((profile, [event, at]) => recordEvent(profile, event, at), memory);
      fallBackToMemory('the profile could not be saved', error);
    }
  };

  if (options.persistent) await connect();

  return {
    read: () => memory,
    async record(event) {
      const at = now();
      if (idb) {
        await write([[event, at]]);
      } else {
        memory = recordEvent(memory, event, at);
        if (!options.persistent && pending.length < MAX_PENDING) pending.push([event, at]);
      }
      return memory;
    },
    async setPersistent(persistent) {
      if (persistent === options.persistent && (idb || !persistent)) return;
      options.persistent = persistent;
      if (persistent) {
        const replay = pending;
        pending = [];
        await connect();
        if (idb) await write(replay, true);
      } else {
        pending = [];
        await erase();
      }
    },
    async forget() {
      await erase();
      memory = createProfile(now());
    },
  };

  async function erase(): Promise<void> {
    const store = idb ?? (options.persistent ? null : await existingStore());
    if (!options.persistent) idb = null;
    if (!store) return;
    try {
      await withTimeout(del(KEY, store), OPEN_TIMEOUT_MS, 'erasing the profile');
    } catch (error) {
      onError('the stored profile could not be erased', error);
    }
  }

  /** The store only if the database already exists: erasing must not create it. */
  async function existingStore(): Promise<UseStore | null> {
    try {
      const databases = await indexedDB.databases?.();
      return databases?.some((db) => db.name === DATABASE) ? createStore(DATABASE, KEY) : null;
    } catch {
      return null;
    }
  }
}
