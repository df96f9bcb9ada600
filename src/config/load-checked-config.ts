import type { ChunkLoader } from '../chunks/contract';
import { compileConfigSteps, readCleanForm, type CleanConfig, type PreparedConfig } from '../rules/compile-config';
import { readCachedConfig, saveCachedConfig } from './config-cache';
import { fingerprintLoaded, readCheckedConfig, saveCheckedConfig } from './checked-config-cache';
import { VERSION } from './release';
import { readCheckedStamp } from './checked-stamp';
import { readConfigText } from './load-config';
import { runInSlices } from '../lib/run-in-slices';

/** How an instance gets its raw config; the script tag and the npm option differ only here. */
export interface ConfigSource {
  /** Loads the raw config; rejects with a clear message. */
  load: () => Promise<unknown>;
  /** For fetched configs: the URL, under which the last valid config is cached. */
  cacheKey?: string;
  /**
   * The host says the config is served in the form `segmint validate --checked` writes
   * (`data-config-checked`, the npm option `configChecked`): the checks are not fetched ahead of it, only if its stamp does not
   * match, so a first visit to it never has their code in the page.
   */
  stamped?: boolean;
}

/** A config that loaded and compiled, with what was left out of it. */
export interface CheckedConfig {
  raw: unknown;
  prepared: PreparedConfig;
  fromCache: boolean;
  /** Campaigns left out at load, for `explain()`. */
  rejected: { id: string; pointer: string }[];
  /**
   * A config that checked without an error, to keep for the next page view (`rememberConfig`):
   * `isNew` when it was not kept yet, or was kept more than a day ago.
   */
  clean?: { fingerprint: string; needs: string[]; isNew: boolean };
}

/** A kept config is written again (with the last valid one) once it is older than this. */
const REFRESH_MS = 86_400_000;

interface Context {
  source: ConfigSource;
  now: () => number;
  report: (error: unknown, context?: string) => void;
  loadChunk: ChunkLoader;
  /**
   * Told the signals the config can read as soon as they are known (the checks found them, or the
   * kept checked form says them), before compiling: what they need (the signal tables) loads beside.
   */
  onNeeds?: (needs: readonly string[]) => void;
  /**
   * Told the fetched or inline config's JSON text, and the value parsed from it, as soon as it is
   * parsed, before anything checks it: only to load chunks or open storage ahead, never to run it.
   */
  onText?: (text: string, raw: unknown) => void;
  /**
   * False when this browser most likely keeps no checked config (a first visit: `Journal.remembered`):
   * the checks start loading with the fetch instead of after reading IndexedDB finds nothing kept.
   */
  mayHaveKept?: boolean;
  /**
   * The host's settings, and the page's `consent()` calls so far: where the host requires consent
   * and this page has not given it (yet), IndexedDB is not read for a kept checked config (nothing
   * is read before consent) and the checks start loading with the fetch.
   */
  options?: { consent?: string };
  state?: { requestedConsent?: boolean };
  /** The source's load, when the start asked for it already (a fetched config, in the first task after the script's). */
  loading?: Promise<unknown>;
}

/**
 * Loads, checks and compiles the config. The checks are a chunk (`check`), loaded only for a
 * config text not checked before on this browser: a config that checked clean is kept in its
 * checked form under its fingerprint, and later page views compile that without checking again;
 * a text `segmint validate --checked` stamped, unchanged, is compiled so on a first visit too
 * (`checked-stamp.ts`).
 * When fetching fails, or what came back is unusable as a whole (an HTML error page, a newer
 * version), the last valid config cached for that URL is used. Resolves to null when there is
 * nothing usable; every problem is reported once, its message written by the diagnostics chunk
 * off the start path (the valid campaigns run meanwhile). Every step over the whole config
 * (fingerprint, checks, compiling) runs in slices, so thousands of campaigns make no long task.
 */
export async function loadCheckedConfig({ source, now, report, loadChunk, onNeeds, onText, mayHaveKept, options, state, loading }: Context): Promise<CheckedConfig | null> {
  const checkChunk = () => loadChunk('check').then(({ checkLoadedConfig }) => (raw: unknown) => checkLoadedConfig(raw, loadChunk));
  const compile = (clean: CleanConfig) => runInSlices(compileConfigSteps(clean, now));
  const fallBack = async (error: unknown) => {
    let prepared: PreparedConfig | null = null;
    const cached = source.cacheKey ? await readCachedConfig(source.cacheKey, now(), loadChunk) : undefined;
    if (cached !== undefined) {
      try {
        const { clean } = await (await checkChunk())(cached);
        prepared = clean && (await compile(clean));
      } catch {
        // The checks could not be loaded: the cached config cannot be used unchecked.
      }
    }
    void Promise.resolve(error).then((described) => report(described, prepared ? 'using the last valid config' : undefined));
    return prepared ? { raw: cached, prepared, fromCache: true, rejected: [] } : null;
  };
  const key = source.cacheKey ?? 'inline';
  // Read beside the fetch; with nothing kept, the checks start loading beside it too: at once on a
  // first visit, where asking IndexedDB whether anything is kept can take longer than the fetch.
  const kept = options?.consent === 'required' && !state?.requestedConsent ? undefined : readCheckedConfig(key);
  if (!source.stamped) {
    // A stamped config loads the checks below, only if the stamp does not match.
    void Promise.resolve(mayHaveKept !== false && kept).then((entry) => {
      if (!entry) checkChunk().catch(() => {});
    });
  }
  // A page that cannot hash natively (http) fingerprints with a chunk: it loads beside the fetch too.
  if (!globalThis.crypto?.subtle) loadChunk('fingerprint').catch(() => {});
  let raw: unknown;
  try {
    raw = await (loading ?? source.load());
  } catch (error) {
    return fallBack(error);
  }
  const text = readConfigText(raw);
  if (text !== undefined) onText?.(text, raw);
  const fingerprint = await fingerprintLoaded(raw, text, loadChunk);
  const entry = await kept;
  /** Compiles the config's checked form: itself, with the needs its checks found. */
  const compileChecked = async (needs: string[], isNew: boolean): Promise<CheckedConfig | undefined> => {
    try {
      onNeeds?.(needs);
      return { raw, prepared: await compile(readCleanForm(raw, needs)), fromCache: false, rejected: [], clean: fingerprint === undefined ? undefined : { fingerprint, needs, isNew } };
    } catch {
      // A form this release cannot compile: check the config again.
      return undefined;
    }
  };
  const isKept = fingerprint !== undefined && entry?.fingerprint === fingerprint;
  const fromKept = isKept ? await compileChecked(entry.needs, now() - entry.savedAt > REFRESH_MS) : undefined;
  if (fromKept) return fromKept;
  // Kept afterwards as a config checked here is, so the next page view needs no stamp to read.
  const stampNeeds = isKept ? undefined : await readCheckedStamp(text, VERSION);
  const fromStamp = stampNeeds && (await compileChecked(stampNeeds, true));
  if (fromStamp) return fromStamp;
  let checked: Awaited<ReturnType<Awaited<ReturnType<typeof checkChunk>>>>;
  try {
    checked = await (await checkChunk())(raw);
  } catch (error) {
    return fallBack(error);
  }
  const { clean, errorCount, rejected, describe } = checked;
  if (!clean) return fallBack(describe().then((all) => all[all.length - 1]));
  if (errorCount) void describe().then((all) => all.forEach((error) => report(error)));
  onNeeds?.(clean.needs);
  const prepared = await compile(clean);
  return { raw, prepared, fromCache: false, rejected, clean: errorCount || !fingerprint ? undefined : { fingerprint, needs: clean.needs, isNew: true } };
}

/**
 * Remembers a config that loaded and validated, for when the next fetch fails, and that it
 * checked clean when it did; only where storing is allowed. A config kept less than a day ago is
 * not written again: writing a large one is a long task, and it is the one stored.
 */
export function rememberConfig(source: ConfigSource, config: CheckedConfig, isPersistent: boolean, now: number): void {
  const { clean } = config;
  if (config.fromCache || !isPersistent || (clean && !clean.isNew)) return;
  // The fallback first: a checked mark without the config beside it would skip writing it for a day.
  void (source.cacheKey ? saveCachedConfig(source.cacheKey, config.raw, now) : Promise.resolve())
    .then(() => clean && saveCheckedConfig(source.cacheKey ?? 'inline', { fingerprint: clean.fingerprint, savedAt: now, needs: clean.needs }))
    .catch(() => {
      // A config that cannot be cached still runs; the next page tries again.
    });
}
