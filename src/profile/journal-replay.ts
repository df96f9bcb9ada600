import { attempt, type JournalEntry } from './journal';

/**
 * What other pages left in their journals under `keys` (Journal.readLeftovers), in the order it
 * happened, whatever order the pages' keys come in: a replayed purchase converts the click an
 * earlier page left behind (stable: one page's entries keep theirs). Part of the `replay` chunk.
 */
export function readJournalEntries(keys: readonly string[]): JournalEntry[] {
  return keys.flatMap((key) => readEntries(attempt((s) => s.getItem(key)))).sort((a, b) => a[1] - b[1]);
}

/** A stored page's entries, dropping anything malformed (another script's key, a torn write). */
function readEntries(text: string | null | undefined): JournalEntry[] {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    return Array.isArray(parsed)
      ? parsed.filter((e): e is JournalEntry => Array.isArray(e) && typeof e[0]?.type === 'string' && Number.isFinite(e[1]) && typeof e[2] === 'string')
      : [];
  } catch {
    return [];
  }
}
