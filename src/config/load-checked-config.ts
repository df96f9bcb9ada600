import type { ConfigError } from '../rules/config-error';
import type { ChunkLoader } from '../chunks/contract';
import { prepareConfig, type PreparedConfig } from '../rules/prepare-config';
import { readCachedConfig, saveCachedConfig } from './config-cache';
import { describeConfigErrors } from './describe-config-errors';

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
}

interface Context {
  source: ConfigSource;
  now: () => number;
  report: (error: unknown, context?: string) => void;
  loadChunk: ChunkLoader;
}

/**
 * Loads and compiles the config. When fetching fails, or what came back is unusable as a whole
 * (an HTML error page, a newer version), the last valid config cached for that URL is used.
 * Resolves to null when there is nothing usable; every problem is reported once, its message
 * written by the diagnostics chunk off the start path (the valid campaigns run meanwhile).
 */
export async function loadCheckedConfig({ source, now, report, loadChunk }: Context): Promise<CheckedConfig | null> {
  const fallBack = async (error: unknown) => {
    const cached = source.cacheKey ? await readCachedConfig(source.cacheKey, now()) : undefined;
    const prepared = cached === undefined ? null : prepareConfig(cached, now).prepared;
    void Promise.resolve(error).then((described) => report(described, prepared ? 'using the last valid config' : undefined));
    return prepared ? { raw: cached, prepared, fromCache: true, rejected: [] } : null;
  };
  let raw: unknown;
  try {
    raw = await source.load();
  } catch (error) {
    return fallBack(error);
  }
  const { prepared, errors } = prepareConfig(raw, now);
  const described = describeConfigErrors(errors, loadChunk);
  if (!prepared) return fallBack(described.then((all) => all[all.length - 1]));
  void described.then((all) => all.forEach((error) => report(error)));
  return { raw, prepared, fromCache: false, rejected: findRejectedCampaigns(raw, errors) };
}

/** Remembers a config that loaded and validated, for when the next fetch fails; only where storing is allowed. */
export function rememberConfig(source: ConfigSource, config: CheckedConfig, isPersistent: boolean, now: number): void {
  if (!source.cacheKey || config.fromCache || !isPersistent) return;
  saveCachedConfig(source.cacheKey, config.raw, now).catch(() => {
    // A config that cannot be cached still runs; the next page tries again.
  });
}

function findRejectedCampaigns(raw: unknown, errors: ConfigError[]): CheckedConfig['rejected'] {
  const campaigns = (raw as { campaigns?: unknown }).campaigns;
  if (!Array.isArray(campaigns)) return [];
  const rejected = new Map<number, string>();
  for (const { pointer } of errors) {
    const match = /^\/campaigns\/(\d+)(\/|$)/.exec(pointer);
    if (match && !rejected.has(+match[1])) rejected.set(+match[1], pointer);
  }
  return [...rejected].map(([index, pointer]) => ({ id: String((campaigns[index] as { id?: unknown })?.id ?? `#${index}`), pointer }));
}
