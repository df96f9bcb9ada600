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
 * Names a config's exact text and the release checking it: two 32-bit hashes over its JSON and
 * its length. A different config, or a new release whose checks may differ, never matches.
 */
export function fingerprintConfig(raw: unknown): string {
  const text = JSON.stringify(raw) ?? '';
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const version = typeof __SEGMINT_VERSION__ === 'string' ? __SEGMINT_VERSION__ : '';
  return `${version}:${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
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
