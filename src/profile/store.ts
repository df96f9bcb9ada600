import { createProfile, PROFILE_VERSION, type Profile } from './profile';
import type { ProfileEvent } from './record';
import type { Journal, JournalEntry } from './journal';
import { applyEntries, type Entry } from './apply-entries';
import { reviveProfile } from './revive';
import { trimProfile } from './trim';
import { openDatabase, deleteDatabase, hasDatabase, type Database } from './database';
import { createTabChannel, type TabChannel } from './tab-channel';

/** The visitor's profile: always in memory, and in IndexedDB when allowed and working. */
export interface ProfileStore {
  /** The current profile (treat it as read-only). */
  read(): Profile;
  /**
   * Applies an event atomically (one IndexedDB read-modify-write transaction) and returns the new
   * profile. An event is written to the journal first, at once; one already written when it
   * happened (a call queued before start) is passed as its journal entry.
   */
  record(event: ProfileEvent | JournalEntry): Promise<Profile>;
  /** Starts storing (consent granted) or erases everything stored and keeps to memory (withdrawn). */
  setPersistent(persistent: boolean): Promise<void>;
  /** True while the profile is being stored in IndexedDB. */
  isPersistent(): boolean;
  /**
   * Whether the visitor allows storage, whether or not IndexedDB works: false until consent is
   * given where it is required, and after it is withdrawn, in this tab or another.
   */
  hasConsent(): boolean;
  /** Erases everything stored and starts a fresh anonymous profile. */
  forget(): Promise<void>;
  /** Stops listening to other tabs and to visibility changes. */
  close(): void;
}

const KEY = 'profile';
/** Events kept while waiting for consent or for a broken connection, replayed when storing resumes. */
const MAX_PENDING = 500;

/**
 * Opens the profile store. Never rejects: when IndexedDB is missing, blocked, hanging, full or
 * broken it reports through `onError` once and keeps the profile in memory for the page.
 * Other tabs' writes are picked up through a BroadcastChannel.
 */
/** What other pages left, read from their journals, and what follows from it. */
export interface Replay {
  /** Their entries, oldest first. */
  entries: JournalEntry[];
  /**
   * Given the profile before them and the entries of them applied now (not those another tab
   * applied already), the events that follow (a replayed purchase's conversions), applied in the
   * same transaction: two tabs replaying at once derive them once.
   */
  follow?: (base: Profile, applied: readonly Entry[]) => ProfileEvent[];
}

export async function openProfileStore(options: {
  persistent: boolean;
  /**
   * Stored because no consent is needed, not because it was given: only then may the next page
   * journal before its config arrives (`Journal.allow`'s `nextPageMay`). Default true.
   */
  needsNoConsent?: boolean;
  now: () => number;
  onError: (message: string, cause?: unknown) => void;
  /** Called when another tab changed the profile and this tab has re-read it. */
  onChange?: (profile: Profile) => void;
  /** This page's write-ahead journal; without one, an event lost with its page is lost. */
  journal?: Journal;
  /**
   * Loads what replaying needs (the `replay` chunk), given the journal keys that pages gone before
   * their writes finished left behind; asked only when there are some. Without it they stay there.
   */
  replay?: (keys: string[]) => Promise<Replay>;
  /** Called once such a replay is stored. */
  onReplay?: () => void;
  /** The database, when the start opened it already (where storing is allowed): the first connection uses it. */
  database?: Promise<Database>;
}): Promise<ProfileStore> {
  const { now, onError, journal } = options;
  let opened = options.database;
  let persistent = options.persistent;
  let memory = createProfile(now());
  let db: Database | null = null;
  /** Events recorded in memory only, oldest first: before consent, or while IndexedDB was failing. */
  let pending: Entry[] = [];
  let failing = false;
  /** A write failed even after its one reopen: buffer until the next visibilitychange (no retry storm). */
  let deferred = false;
  const channel: TabChannel = createTabChannel((message) => {
    if (message === 'changed') void refresh();
    else if (message === 'erased') {
      // Another tab withdrew consent: writing now would recreate what it erased.
      persistent = false;
      db = null;
      journal?.erase();
      memory = createProfile(now());
    } else if (message === 'forgotten') memory = createProfile(now());
  });

  const report = (message: string, cause?: unknown) => {
    if (failing) return;
    failing = true;
    onError(`${message}; keeping the profile in memory for this page`, cause);
  };

  /** A record written by a newer SDK: used, never rewritten (RELIABILITY §21); we count in memory. */
  let readOnly = false;

  /** Adopts what is stored; says once when invalid parts had to be reset. */
  const adopt = (stored: unknown): void => {
    const revived = reviveProfile(stored, now());
    if (!revived) return;
    memory = revived.profile;
    readOnly = memory.v > PROFILE_VERSION;
    if (revived.dropped.length) {
      onError(`the stored profile had invalid values (${revived.dropped.slice(0, 5).join(', ')}); they were reset and the rest kept`);
    }
  };

  const connect = async (): Promise<void> => {
    // What pages gone before their writes finished left behind: its code loads while the database opens.
    const keys = journal?.readLeftovers() ?? [];
    const replaying = keys.length && options.replay
      ? options.replay(keys).catch((error: unknown) => void onError('replay kept for the next page', error))
      : undefined;
    try {
      const opening = opened ?? openDatabase();
      opened = undefined;
      db = await opening;
      adopt(await db.get(KEY));
      failing = false;
    } catch (error) {
      db = null;
      // Nothing to replay into: entries would only pile up, page after page.
      journal?.erase();
      report(describeOpenFailure(error), error);
      return;
    }
    // It comes before this page's events.
    const replay = await replaying;
    if (replay && !readOnly) await write(replay.entries, false, { keys, follow: replay.follow });
  };

  const refresh = async (): Promise<void> => {
    if (!db || readOnly) return;
    try {
      const revived = reviveProfile(await db.get(KEY), now());
      if (revived) memory = revived.profile;
      options.onChange?.(memory);
    } catch {
      // The next write re-reads anyway.
    }
  };

  /**
   * Applies events to the stored profile in one read-modify-write transaction. With
   * `inMemoryAlready` (consent just granted, or a retry), memory holds them already: it is
   * stored as it is when nothing was stored before, else they are replayed onto what was stored.
   * With `leftovers` (the journal keys they came from, and what follows) they are other pages'
   * entries: on failure they stay in the journal for the next page instead of in this page's memory.
   */
  const write = async (events: Entry[], inMemoryAlready: boolean, leftovers?: { keys: string[]; follow: Replay['follow'] }): Promise<void> => {
    const apply = (base: Profile) => {
      const applied: Entry[] = [];
      const next = applyEntries(base, events, applied);
      return leftovers?.follow ? applyEntries(next, leftovers.follow(base, applied).map((event) => [event, now()])) : next;
    };
    const done = () => journal?.remove(events.map((entry) => entry[2]!));
    if (readOnly) {
      if (!inMemoryAlready) memory = apply(memory);
      return done();
    }
    const attempt = async (shrink: boolean) => {
      let next = memory;
      await db!.update(KEY, (stored: unknown) => {
        const revived = reviveProfile(stored, now())?.profile;
        if (revived && revived.v > PROFILE_VERSION) {
          // Another tab's newer SDK wrote it meanwhile: leave it, count in memory.
          readOnly = true;
          next = inMemoryAlready ? memory : apply(memory);
          return stored;
        }
        next = !revived && inMemoryAlready ? memory : apply(revived ?? memory);
        return shrink ? (next = trimProfile(next)) : next;
      });
      return next;
    };
    try {
      try {
        memory = await attempt(false);
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        // Full disk: store a trimmed profile once; the previous record stays readable if even that fails.
        memory = await attempt(true);
      }
      if (pending.length && !inMemoryAlready) pending = [];
      done();
      if (leftovers) {
        journal!.drop(leftovers.keys);
        options.onReplay?.();
      }
      if (!readOnly) channel.post('changed');
    } catch (error) {
      if (!leftovers) {
        if (!inMemoryAlready) memory = apply(memory);
        // Kept for the next try, a retry's events too (they are in memory only).
        remember(events);
      }
      deferred = true;
      report(isQuotaError(error) ? 'storage is full' : 'the profile could not be saved', error);
    }
  };

  const remember = (events: Entry[]) => {
    pending = [...pending, ...events].slice(-MAX_PENDING);
  };

  /**
   * After a failed write, try once more at the next visibilitychange: the visitor leaving the tab
   * (the last moment to save) or coming back to it. Until then events only count in memory.
   */
  const retryOnVisibilityChange = () => {
    if (!persistent || !pending.length) return;
    const replay = pending;
    pending = [];
    failing = false;
    deferred = false;
    void (db ? write(replay, true) : connect().then(() => (db ? write(replay, true) : remember(replay))));
  };
  const hasDocument = typeof document !== 'undefined';
  if (hasDocument) document.addEventListener('visibilitychange', retryOnVisibilityChange);

  // The next page may journal before its config arrives only where no consent is needed, not where it was given.
  journal?.allow(persistent, persistent && (options.needsNoConsent ?? true));
  if (persistent) await connect();

  const erase = async (broadcast: 'erased' | 'forgotten') => {
    const open = db;
    db = null;
    journal?.erase();
    channel.post(broadcast);
    try {
      if (open) await open.erase();
      else if (await hasDatabase()) await deleteDatabase();
    } catch (error) {
      onError('the stored profile could not be erased', error);
    }
  };

  return {
    read: () => memory,
    async record(event) {
      // Written ahead synchronously, before the first await: the page may be gone after it.
      const entry: Entry = Array.isArray(event) ? event : journal ? journal.add(event, now()) : [event, now()];
      if (db && !deferred) await write([entry], false);
      else {
        memory = applyEntries(memory, [entry]);
        remember([entry]);
      }
      return memory;
    },
    async setPersistent(next) {
      if (next === persistent && next && db) return;
      if (!next && !persistent) {
        // Already withdrawn (or never given) on this page: a database left by an earlier delete
        // that another tab blocked is deleted now (RELIABILITY §31); otherwise nothing to do.
        pending = [];
        if (await hasDatabase()) await erase('erased');
        return;
      }
      persistent = next;
      if (next) journal?.allow(true);
      if (next) {
        const replay = pending;
        pending = [];
        await connect();
        if (db) await write(replay, true);
      } else {
        pending = [];
        await erase('erased');
      }
    },
    isPersistent: () => !!db,
    hasConsent: () => persistent,
    async forget() {
      await erase('forgotten');
      pending = [];
      memory = createProfile(now());
      if (persistent) journal?.allow(true);
      // The fresh profile is stored with its first event, like a first visit's.
      if (persistent) await connect();
    },
    close() {
      channel.close();
      if (hasDocument) document.removeEventListener('visibilitychange', retryOnVisibilityChange);
    },
  };
}

function isQuotaError(error: unknown): boolean {
  const err = error as { name?: string; inner?: { name?: string } } | null;
  // Chrome surfaces a full disk as an AbortError whose transaction carries the QuotaExceededError.
  return err?.name === 'QuotaExceededError' || /quota/i.test(String((error as Error)?.message ?? ''));
}

function describeOpenFailure(error: unknown): string {
  const message = (error as Error)?.message ?? '';
  if (/not available/.test(message)) return 'IndexedDB is not available';
  if (/timed out/.test(message)) return 'IndexedDB did not open within 3 seconds (blocked or hanging)';
  return 'IndexedDB could not be opened';
}
