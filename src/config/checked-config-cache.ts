import type { CleanConfig } from '../rules/compile-config';
import { openDatabase, hasDatabase } from '../profile/database';
import { isPlainObject } from '../lib/is-plain-object';

/** Written by the script-tag build (rollup.config.mjs); empty where it is not (unit tests). */
declare const __SEGMINT_VERSION__: string;

const KEY_PREFIX = 'checked:';

/**
 * What the checks made of one config text, kept so that later page views compile it without
 * loading the checks again. Only a config that checked without an error is kept: one with errors
 * is checked (and its errors reported) on every page view, as before.
 */
interface CheckedEntry {
  /** The config text it was checked from, and the release that checked it (`fingerprintConfig`). */
  fingerprint: string;
  clean: CleanConfig;
}

/**
 * Names a config's exact content and the release checking it: two 32-bit hashes over a walk of
 * its values (own keys in order, type-tagged, strings with their length) and the count of what
 * was hashed. A different config, or a new release whose checks may differ, never matches.
 * Walked rather than `JSON.stringify`d: a host's `Array.prototype.toJSON` (Prototype.js) would
 * change or break the text, and one answering a constant would make different configs match.
 */
export function fingerprintConfig(raw: unknown): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let count = 0;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    count += text.length;
  };
  // Iterative, so no depth overflows the stack; what is deeper than the checks allow is refused by them.
  const stack: [value: unknown, depth: number][] = [[raw, 0]];
  while (stack.length) {
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
  const version = typeof __SEGMINT_VERSION__ === 'string' ? __SEGMINT_VERSION__ : '';
  return `${version}:${count}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
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
    return isPlainObject(entry) && typeof entry.fingerprint === 'string' && isPlainObject(entry.clean) ? (entry as unknown as CheckedEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a config that checked clean; call only when storing is allowed. */
export async function saveCheckedConfig(source: string, entry: CheckedEntry): Promise<void> {
  const db = await openDatabase();
  await db.update(KEY_PREFIX + source, () => entry);
}
