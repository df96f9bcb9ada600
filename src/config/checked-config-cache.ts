import { readIfStored, writeStored } from '../profile/database';
import { isPlainObject } from '../lib/is-plain-object';
import type { ChunkLoader } from '../chunks/contract';
import { runInSlices } from '../lib/run-in-slices';
import { sha256 } from '../lib/sha256';
import { VERSION } from './release';

const KEY_PREFIX = 'checked:';

/**
 * That one config text checked without an error, kept so that later page views compile it without
 * loading the checks again. Only its fingerprint: with no error, the checked form is the config
 * itself (`readCleanForm`), and reading back a second copy of a large config would be a long task.
 * A config with errors is checked (and its errors reported) on every page view, as before.
 */
interface CheckedEntry {
  /** The config text it was checked from, and the release that checked it (`fingerprintLoaded`). */
  fingerprint: string;
  /** When it was kept, with the last valid config beside it (`config-cache.ts`); both are written again after a day. */
  savedAt: number;
  /** The signals the config can read, as the checks found them (`rules/needed-signals.ts`). */
  needs: string[];
}

/**
 * The fingerprint of a loaded config: from its JSON text, when there is one and the browser
 * hashes (`crypto.subtle`, in secure contexts), the SHA-256 of the text, which the browser
 * computes in native code off the page's JavaScript; else the hashes of `fingerprintSteps`
 * (`config/fingerprint-steps.ts`), in slices, with the `fingerprint` chunk, which only such a page
 * (http, or an npm config object) loads. The two never match each other, so a config is checked
 * again at most once when a page changes from one to the other. Undefined when the chunk cannot be
 * loaded: the config is then checked, and not kept as checked.
 */
export async function fingerprintLoaded(raw: unknown, text: string | undefined, loadChunk: ChunkLoader): Promise<string | undefined> {
  try {
    // Throws without a text (a config object from npm), without `crypto.subtle`, or where the browser refuses.
    return `${VERSION}:sha256:${text!.length}:${await sha256(text!)}`;
  } catch {
    try {
      return await runInSlices((await loadChunk('fingerprint')).fingerprintSteps(raw, text));
    } catch {
      return undefined;
    }
  }
}

/** The checked form of the config last checked clean from `source`, or undefined. Never creates the database. */
export async function readCheckedConfig(source: string): Promise<CheckedEntry | undefined> {
  const entry = await readIfStored(KEY_PREFIX + source);
  return isPlainObject(entry) && typeof entry.fingerprint === 'string' && typeof entry.savedAt === 'number' && Array.isArray(entry.needs) ? (entry as unknown as CheckedEntry) : undefined;
}

/** Keeps a config that checked clean; call only when storing is allowed. */
export async function saveCheckedConfig(source: string, entry: CheckedEntry): Promise<void> {
  await writeStored(KEY_PREFIX + source, entry);
}
