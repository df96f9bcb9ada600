import { readIfStored, writeStored } from '../profile/database';
import { isPlainObject } from '../lib/is-plain-object';
import type { ChunkLoader } from '../chunks/contract';
import { parseJson } from '../lib/parse-json';
import { readConfigText } from './load-config';

/** A cached config older than this is not trusted any more. */
export const CONFIG_CACHE_TTL_MS = 30 * 86_400_000;
const KEY_PREFIX = 'config:';

/**
 * The last valid config fetched from `source`, for when fetching fails (RELIABILITY §45); undefined
 * when there is none or it expired. Never creates the database.
 */
export async function readCachedConfig(source: string, now: number, loadChunk?: ChunkLoader): Promise<unknown> {
  const entry = await readIfStored(KEY_PREFIX + source);
  if (!isPlainObject(entry) || typeof entry.savedAt !== 'number' || now - entry.savedAt > CONFIG_CACHE_TTL_MS) return undefined;
  // Kept as its text when it was fetched (`saveCachedConfig`).
  return typeof entry.config === 'string' ? parseJson(entry.config, loadChunk).catch(() => undefined) : entry.config;
}

/**
 * Remembers a config that loaded and validated; call only when storing is allowed. As the text
 * it was parsed from, when there is one: storing a string copies it, while storing a large
 * parsed config is one long task of cloning.
 */
export async function saveCachedConfig(source: string, config: unknown, now: number): Promise<void> {
  await writeStored(KEY_PREFIX + source, { savedAt: now, config: readConfigText(config) ?? config });
}
