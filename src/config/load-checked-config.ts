import type { ChunkLoader } from '../chunks/contract';
import { compileConfig, type CleanConfig, type PreparedConfig } from '../rules/compile-config';
import { readCachedConfig, saveCachedConfig } from './config-cache';
import { fingerprintConfig, readCheckedConfig, saveCheckedConfig } from './checked-config-cache';

/** How an instance gets its raw config; the script tag and the npm option differ only here. */
export interface ConfigSource {
  /** Loads the raw config; rejects with a clear message. */
  load: () => Promise<unknown>;
  /** For fetched configs: the URL, under which the last valid config is cached. */
  cacheKey?: string;
}

/** A config that loaded and compiled, with what was left out of it. */
export interface CheckedConfig {
  raw: unknown;
  prepared: PreparedConfig;
  fromCache: boolean;
  /** Campaigns left out at load, for `explain()`. */
  rejected: { id: string; pointer: string }[];
  /** A config that checked without an error, to keep for the next page view (`rememberConfig`). */
  clean?: { fingerprint: string; form: CleanConfig; isNew: boolean };
}

interface Context {
  source: ConfigSource;
  now: () => number;
  report: (error: unknown, context?: string) => void;
  loadChunk: ChunkLoader;
}

/**
 * Loads, checks and compiles the config. The checks are a chunk (`check`), loaded only for a
 * config text not checked before on this browser: a config that checked clean is kept in its
 * checked form under its fingerprint, and later page views compile that without checking again.
 * When fetching fails, or what came back is unusable as a whole (an HTML error page, a newer
 * version), the last valid config cached for that URL is used. Resolves to null when there is
 * nothing usable; every problem is reported once, its message written by the diagnostics chunk
 * off the start path (the valid campaigns run meanwhile).
 */
export async function loadCheckedConfig({ source, now, report, loadChunk }: Context): Promise<CheckedConfig | null> {
  const checkChunk = () => loadChunk('check').then(({ checkLoadedConfig }) => (raw: unknown) => checkLoadedConfig(raw, loadChunk));
  const fallBack = async (error: unknown) => {
    let prepared: PreparedConfig | null = null;
    const cached = source.cacheKey ? await readCachedConfig(source.cacheKey, now()) : undefined;
    if (cached !== undefined) {
      try {
        const { clean } = (await checkChunk())(cached);
        prepared = clean && compileConfig(clean, now);
      } catch {
        // The checks could not be loaded: the cached config cannot be used unchecked.
      }
    }
    void Promise.resolve(error).then((described) => report(described, prepared ? 'using the last valid config' : undefined));
    return prepared ? { raw: cached, prepared, fromCache: true, rejected: [] } : null;
  };
  const key = source.cacheKey ?? 'inline';
  // Read beside the fetch; with nothing kept, the checks start loading beside it too.
  const kept = readCheckedConfig(key);
  void kept.then((entry) => {
    if (!entry) checkChunk().catch(() => {});
  });
  let raw: unknown;
  try {
    raw = await source.load();
  } catch (error) {
    return fallBack(error);
  }
  const fingerprint = fingerprintConfig(raw);
  const entry = await kept;
  if (entry?.fingerprint === fingerprint) {
    try {
      return { raw, prepared: compileConfig(entry.clean, now), fromCache: false, rejected: [], clean: { fingerprint, form: entry.clean, isNew: false } };
    } catch {
      // A kept form this release cannot compile: check the config again.
    }
  }
  let checked: ReturnType<Awaited<ReturnType<typeof checkChunk>>>;
  try {
    checked = (await checkChunk())(raw);
  } catch (error) {
    return fallBack(error);
  }
  const { clean, errorCount, rejected, describe } = checked;
  if (!clean) return fallBack(describe().then((all) => all[all.length - 1]));
  if (errorCount) void describe().then((all) => all.forEach((error) => report(error)));
  const prepared = compileConfig(clean, now);
  return { raw, prepared, fromCache: false, rejected, clean: errorCount ? undefined : { fingerprint, form: clean, isNew: true } };
}

/**
 * Remembers a config that loaded and validated, for when the next fetch fails, and its checked
 * form when it checked clean; only where storing is allowed.
 */
export function rememberConfig(source: ConfigSource, config: CheckedConfig, isPersistent: boolean, now: number): void {
  if (config.fromCache || !isPersistent) return;
  const ignore = () => {
    // A config that cannot be cached still runs; the next page tries again.
  };
  if (config.clean?.isNew) saveCheckedConfig(source.cacheKey ?? 'inline', { fingerprint: config.clean.fingerprint, clean: config.clean.form }).catch(ignore);
  if (source.cacheKey) saveCachedConfig(source.cacheKey, config.raw, now).catch(ignore);
}
