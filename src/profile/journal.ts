import type { ProfileEvent } from './record';

/**
 * A profile event as written ahead: the event, when it happened, an id the profile remembers once
 * applied, `emitted` (1) once the page has announced what follows from it (a purchase's beacon
 * record and conversions): a replay derives it for the profile but announces it only without;
 * and the path of the page it happened on, which a replayed purchase's beacon records say (SPEC §10).
 * The path came later, in the same format (a fifth element older readers ignore, `emitted` 0
 * before it): an entry without it is replayed as before, with the replaying page's path.
 */
export type JournalEntry = [event: ProfileEvent, at: number, id: string, emitted?: 0 | 1, path?: string];

/**
 * A write-ahead record of this page's profile events in localStorage. An IndexedDB transaction
 * still running when the page goes away (a link followed, a thank-you page that redirects) is
 * lost; a localStorage write is done when it returns. The next page replays what is left into
 * the profile (`store.ts`); ids make that idempotent. Each page writes only its own key, so two
 * tabs never overwrite each other's entries. Storage faults (no localStorage, full, throwing)
 * are silent: the journal then simply holds nothing, as if it did not exist.
 *
 * The page's first touch of localStorage is the costly one (the browser loads the origin's whole
 * storage area for it: a quarter of evaluating the script at 4× CPU), so it has a task of its
 * own: what is added before it is written in the next task, or at once when the page is hidden
 * or goes (`pagehide` comes before the next page runs), whichever is first. From then on every
 * entry is written when it is added.
 */
export interface Journal {
  /** Writes an event ahead of its IndexedDB transaction (when allowed) and returns its entry. */
  add(event: ProfileEvent, at: number): JournalEntry;
  /** Forgets entries that are in IndexedDB now. */
  remove(ids: readonly string[]): void;
  /** Notes, at once, that what follows from an entry has been announced: a replay of it must not announce it again. */
  markEmitted(id: string): void;
  /**
   * Storage allowed: write this page's entries from now on (those so far at once), and mark that
   * this browser keeps segmint's profile (`remembered`); not allowed: remove them from storage.
   * `nextPageMay`, when given, is remembered: whether the next page may write before its config
   * says whether consent is needed (true only where no consent is needed, not where it was given).
   */
  allow(allowed: boolean, nextPageMay?: boolean): void;
  /**
   * The keys of what other pages left unapplied, to drop once it is applied. Reading their entries
   * is the `replay` chunk's (journal-replay.ts): only a page after one gone too soon needs it.
   */
  readLeftovers(): string[];
  drop(keys: readonly string[]): void;
  /** Removes every page's entries and both marks: consent withdrawn, `forget()`, or no IndexedDB to replay into. */
  erase(): void;
  /**
   * Whether an earlier page was allowed to store the profile (`allow(true)`: needing no consent,
   * or once it was given) and nothing erased it since; without that mark this browser most likely
   * keeps nothing of segmint's (a first visit): what only a first visit needs may start loading at
   * once. Touches storage now when nothing has yet: call it in a task of its own, not in the one
   * that evaluated the script.
   */
  remembered(): boolean;
}

/** The format's name is in the key: a later format gets a new prefix and never misreads this one. */
const PREFIX = 'segmint:wal1:';
/** Set by a page that stored the profile without needing consent: the next one journals before its config arrives. */
const ALLOWED = 'segmint:wal';
/**
 * Set by a page allowed to store the profile, consent needed or not: this browser keeps segmint's
 * profile (and its checked config). It allows no writing before consent, so a site that requires
 * consent has it too. Under ALLOWED's prefix, so every release's erasing removes it with the rest.
 */
const KEPT = 'segmint:wal:kept';
/** Unapplied entries one page keeps; only a page whose IndexedDB keeps failing gets near it. */
const MAX_ENTRIES = 200;

/**
 * Opens this page's journal. `consent` is the host's own setting (`data-consent`, the npm option):
 * `granted` writes, `required` waits for `allow(true)`, unset follows what the last page remembered.
 */
export function createJournal(consent?: 'granted' | 'required'): Journal {
  const page = PREFIX + Math.random().toString(36).slice(2, 10);
  let entries: JournalEntry[] = [];
  let count = 0;
  /** Unset until storage says what the last page remembered (`consent` unset). */
  let allowed: boolean | undefined = consent === 'granted' ? true : consent === 'required' ? false : undefined;
  /** Set once storage has been touched: then writes happen as entries are added. */
  let touched = false;
  let scheduled = false;
  let mark: boolean | undefined;

  const isMarked = (key: string) => attempt((s) => s.getItem(key)) === '1';
  const readMark = () => (mark ??= isMarked(ALLOWED));
  const write = () => {
    allowed ??= readMark();
    if (allowed) attempt((s) => (entries.length ? s.setItem(page, JSON.stringify(entries)) : s.removeItem(page)));
  };
  /** Storage is touched now: what waited for this first touch is written (unless `writeWaiting` is false: the caller writes). */
  const touch = (writeWaiting = true) => {
    if (touched) return;
    touched = true;
    if (writeWaiting && entries.length) write();
  };
  const schedule = () => {
    if (!scheduled) afterThisTask(() => touch());
    scheduled = true;
  };
  const save = () => (touched ? write() : schedule());

  return {
    remembered: () => {
      touch();
      // ALLOWED alone, as a release before KEPT left it, says so too.
      return readMark() || isMarked(KEPT);
    },
    add(event, at) {
      // Without a location (a server render calling the npm API) nothing is written anyway.
      const entry: JournalEntry = [event, at, `${page.slice(PREFIX.length)}.${count++}`, 0, globalThis.location?.pathname];
      entries = [...entries, entry].slice(-MAX_ENTRIES);
      save();
      return entry;
    },
    remove(ids) {
      const before = entries.length;
      entries = entries.filter((entry) => !ids.includes(entry[2]));
      if (entries.length < before) save();
    },
    markEmitted(id) {
      if (!entries.some((entry) => entry[2] === id)) return;
      entries = entries.map((entry) => (entry[2] === id ? [entry[0], entry[1], id, 1, entry[4]] : entry));
      save();
    },
    allow(next, nextPageMay) {
      touch(false);
      if (next) attempt((s) => s.setItem(KEPT, '1'));
      if (nextPageMay !== undefined) attempt((s) => (nextPageMay ? s.setItem(ALLOWED, '1') : s.removeItem(ALLOWED)));
      if (!next) attempt((s) => s.removeItem(page));
      allowed = next;
      write();
    },
    readLeftovers: () => {
      touch();
      return listKeys(PREFIX).filter((key) => key !== page);
    },
    drop: (keys) => {
      touch();
      attempt((s) => keys.forEach((key) => s.removeItem(key)));
    },
    erase() {
      touch(false);
      allowed = false;
      entries = [];
      // ALLOWED is a prefix of PREFIX and of KEPT: this removes both marks and every page's entries.
      attempt((s) => listKeys(ALLOWED).forEach((key) => s.removeItem(key)));
    },
  };
}

/**
 * Calls `run` in a task after this one, and again whenever the page is hidden or goes (a
 * navigation's `pagehide` runs before the next page does; a hidden tab may be discarded unseen):
 * the first call is the one that counts. No `unload` listener: it would keep the page out of the
 * back/forward cache (RELIABILITY §40).
 */
function afterThisTask(run: () => void): void {
  // Without a document (a server render calling the npm API), nothing is written anyway.
  if (typeof document === 'undefined') return;
  setTimeout(run, 0);
  addEventListener('pagehide', run);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && run());
}

/** Runs a storage operation; reading `localStorage` itself throws where storage is blocked. */
export function attempt<T>(operation: (storage: Storage) => T): T | undefined {
  try {
    return operation(localStorage);
  } catch {
    return undefined;
  }
}

/** The localStorage keys that start with `prefix`. */
function listKeys(prefix: string): string[] {
  return attempt((s) => Object.keys(s).filter((key) => key.startsWith(prefix))) ?? [];
}
