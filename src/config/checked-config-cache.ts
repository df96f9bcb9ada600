import { openDatabase, hasDatabase } from '../profile/database';
import { isPlainObject } from '../lib/is-plain-object';
import { runAtOnce, runInSlices, type Steps } from '../lib/run-in-slices';
import { toHex } from '../lib/random-hex';

/** Written by the script-tag build (rollup.config.mjs); empty where it is not (unit tests). */
declare const __SEGMINT_VERSION__: string;

const KEY_PREFIX = 'checked:';
/** The release checking: a new one, whose checks may differ, matches no fingerprint of another. */
const VERSION = typeof __SEGMINT_VERSION__ === 'string' ? __SEGMINT_VERSION__ : '';

/**
 * That one config text checked without an error, kept so that later page views compile it without
 * loading the checks again. Only its fingerprint: with no error, the checked form is the config
 * itself (`readCleanForm`), and reading back a second copy of a large config would be a long task.
 * A config with errors is checked (and its errors reported) on every page view, as before.
 */
interface CheckedEntry {
  /** The config text it was checked from, and the release that checked it (`fingerprintConfig`). */
  fingerprint: string;
  /** When it was kept, with the last valid config beside it (`config-cache.ts`); both are written again after a day. */
  savedAt: number;
  /** The signals the config can read, as the checks found them (`rules/needed-signals.ts`). */
  needs: string[];
}

/**
 * Names a config's exact content and the release checking it: two 32-bit hashes over the JSON
 * text it was parsed from when there is one (`text`), else over a walk of its values (own keys in
 * order, type-tagged, strings with their length), and the count of what was hashed. A different
 * config, or a new release whose checks may differ, never matches. Walked rather than
 * `JSON.stringify`d: a host's `Array.prototype.toJSON` (Prototype.js) would change or break the
 * text, and one answering a constant would make different configs match.
 */
export function fingerprintConfig(raw: unknown, text?: string): string {
  return runAtOnce(fingerprintSteps(raw, text));
}

/**
 * How many characters one step hashes, and how many values walked: small, because the first
 * steps run before the engine has optimised the loop (65,536 characters took over 40 ms at 4× CPU).
 */
const TEXT_STEP = 8192;
const WALK_STEP = 512;

/** `fingerprintConfig` in steps (`lib/run-in-slices.ts`). */
export function* fingerprintSteps(raw: unknown, text?: string): Steps<string> {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let count = 0;
  // The characters of `text` from `from` to `to`: hashed in order, so how a text is cut into steps changes nothing.
  const add = (text: string, from = 0, to = text.length) => {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    count += to - from;
  };
  // Iterative, so no depth overflows the stack; what is deeper than the checks allow is refused by them.
  const stack: [value: unknown, depth: number][] = [[raw, 0]];
  // A plain loop over `limit` values at a time: the engine optimises it as it cannot inside a generator.
  const walk = (limit: number) => {
    for (; stack.length && limit; limit--) {
      const [value, depth] = stack.pop()!;
      if (value instanceof Mark) add(value.text);
      else if (typeof value === 'string') add(`s${value.length}:${value}`);
      else if (typeof value !== 'object' || value === null) add(`${typeof value}:${String(value)};`);
      else if (depth > 80) add('deep;');
      else {
        const keys = Array.isArray(value) ? null : Object.keys(value);
        add(keys ? '{' : `[${(value as unknown[]).length}`);
        stack.push([new Mark(keys ? '}' : ']'), depth]);
        const items = keys ?? (value as unknown[]);
        for (let i = items.length - 1; i >= 0; i--) {
          const key = keys ? keys[i] : i;
          stack.push([(value as Record<string | number, unknown>)[key], depth + 1]);
          if (keys) stack.push([new Mark(`k${keys[i].length}:${keys[i]}`), depth]);
        }
      }
    }
  };
  if (text === undefined) {
    for (; stack.length; yield) walk(WALK_STEP);
  } else {
    add('t');
    for (let from = 0; from < text.length; from += TEXT_STEP, yield) add(text, from, Math.min(text.length, from + TEXT_STEP));
  }
  return `${VERSION}:${count}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/**
 * The fingerprint of a loaded config, as `fingerprintSteps` names one but cheaper on the main
 * thread: from its JSON text, when there is one and the browser hashes (`crypto.subtle`, in secure
 * contexts), the SHA-256 of the text, which the browser computes in native code off the page's
 * JavaScript; else the hashes of `fingerprintSteps`, in slices. The two never match each other,
 * so a config is checked again at most once when a page changes from one to the other.
 */
export async function fingerprintLoaded(raw: unknown, text: string | undefined): Promise<string> {
  try {
    // Throws without a text (a config object from npm), without `crypto.subtle`, or where the browser refuses.
    return `${VERSION}:sha256:${text!.length}:${toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))))}`;
  } catch {
    return runInSlices(fingerprintSteps(raw, text));
  }
}

/** Structure in the walk (a key, a closing bracket), told apart from the config's own strings. */
class Mark {
  constructor(readonly text: string) {}
}

/** The checked form of the config last checked clean from `source`, or undefined. Never creates the database. */
export async function readCheckedConfig(source: string): Promise<CheckedEntry | undefined> {
  try {
    if (!(await hasDatabase())) return undefined;
    const entry = await (await openDatabase()).get(KEY_PREFIX + source);
    return isPlainObject(entry) && typeof entry.fingerprint === 'string' && typeof entry.savedAt === 'number' && Array.isArray(entry.needs) ? (entry as unknown as CheckedEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a config that checked clean; call only when storing is allowed. */
export async function saveCheckedConfig(source: string, entry: CheckedEntry): Promise<void> {
  const db = await openDatabase();
  await db.set(KEY_PREFIX + source, entry);
}
