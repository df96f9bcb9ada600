import type { Profile } from './profile';
import { recordEvent, type ProfileEvent } from './record';

/** An event to apply, when it happened, and its journal id, mark and page path (see JournalEntry) when it has them. */
export type Entry = [event: ProfileEvent, at: number, id?: string, emitted?: 0 | 1, path?: string];

/**
 * Ids the profile keeps. An id is needed only from the commit that applied its entry until the
 * page removes the entry from its journal, a moment later; a replay's whole batch is kept even
 * when larger.
 */
const KEPT_IDS = 100;

/**
 * Applies entries in order, skipping those whose id the profile has applied already, and
 * remembers the new ids: replaying an entry again (two tabs at once, a page gone between its
 * commit and its clean-up) counts it once. What was applied is pushed to `applied`. Pure.
 */
export function applyEntries(profile: Profile, entries: readonly Entry[], applied: Entry[] = []): Profile {
  const seen = new Set(profile.applied);
  const ids: string[] = [];
  let next = profile;
  for (const entry of entries) {
    const id = entry[2];
    if (id !== undefined && seen.has(id)) continue;
    try {
      next = recordEvent(next, entry[0], entry[1]);
    } catch {
      // A malformed entry from storage (another SDK version, a torn write) is dropped alone.
      continue;
    }
    applied.push(entry);
    if (id === undefined) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids.length ? { ...next, applied: [...ids.reverse(), ...profile.applied].slice(0, Math.max(KEPT_IDS, ids.length)) } : next;
}
