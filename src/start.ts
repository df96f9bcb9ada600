import type { SegmintOptions } from './types';
import type { ConfigSource } from './create-segmint';
import { prepareConfig, type PreparedConfig } from './rules/prepare-config';
import { openProfileStore, type ProfileStore } from './profile/store';
import type { SignalHints } from './signals/collect';
import type { ConfigError } from './rules/config-error';
import { readCachedConfig, saveCachedConfig } from './config/config-cache';
import { readUtm } from './signals/utm';
import { describeConfigErrors } from './config/describe-config-errors';

/** A started instance's state: the compiled config, the profile, and what the host told us. */
export interface Session {
  prepared: PreparedConfig;
  store: ProfileStore;
  hints: SignalHints;
  /** Campaigns left out at load, for `explain()`. */
  rejected: { id: string; pointer: string }[];
}

/**
 * The start sequence: load the config → check and compile it → open the profile → count this
 * page view. Triggers are armed by the caller once this resolves. Resolves to null when the
 * config is unusable (already reported).
 */
export async function startSession(context: {
  options: Omit<SegmintOptions, 'config'>;
  source: ConfigSource;
  now: () => number;
  report: (error: unknown, context?: string) => void;
}): Promise<Session | null> {
  const { options, source, now, report } = context;
  const loaded = await loadConfig(source, now, report);
  if (!loaded) return null;
  const { raw, prepared, fromCache } = loaded;

  const consent = options.consent ?? prepared.config.consent ?? 'granted';
  const store = await openProfileStore({
    persistent: consent !== 'required',
    now,
    onError: (message, cause) => report(cause ?? new Error(message), cause ? message : undefined),
  });
  await store.record({ type: 'page', utm: readUtm(location.href) });
  if (source.cacheKey && !fromCache && store.isPersistent()) {
    saveCachedConfig(source.cacheKey, raw, now()).catch(() => {
      // A config that cannot be cached still runs; the next page tries again.
    });
  }

  return {
    prepared,
    store,
    hints: {
      locale: options.locale,
      country: options.country,
      currency: options.currency,
      defaultLocale: prepared.defaultLocale,
      defaultCurrency: prepared.currency,
      pageTypes: prepared.pageTypes,
    },
    rejected: findRejectedCampaigns(raw, loaded.errors),
  };
}

/**
 * Loads and compiles the config. When fetching fails, or what came back is unusable as a whole
 * (an HTML error page, a newer version), the last valid config cached for that URL is used.
 * Returns null when there is nothing usable; every problem is reported once.
 */
async function loadConfig(source: ConfigSource, now: () => number, report: (error: unknown, context?: string) => void) {
  const fallBack = async (error: unknown) => {
    const cached = source.cacheKey ? await readCachedConfig(source.cacheKey, now()) : undefined;
    const prepared = cached === undefined ? null : prepareConfig(cached, now).prepared;
    void Promise.resolve(error).then((described) => report(described, prepared ? 'using the last valid config' : undefined));
    return prepared ? { raw: cached, prepared, errors: [], fromCache: true } : null;
  };
  let raw: unknown;
  try {
    raw = await source.load();
  } catch (error) {
    return fallBack(error);
  }
  const { prepared, errors } = prepareConfig(raw, now);
  // Described off the start path: the valid campaigns run meanwhile.
  const described = describeConfigErrors(errors);
  if (!prepared) return fallBack(described.then((all) => all[all.length - 1]));
  void described.then((all) => all.forEach((error) => report(error)));
  return { raw, prepared, errors, fromCache: false };
}

function findRejectedCampaigns(raw: unknown, errors: ConfigError[]): Session['rejected'] {
  const campaigns = (raw as { campaigns?: unknown }).campaigns;
  if (!Array.isArray(campaigns)) return [];
  const rejected = new Map<number, string>();
  for (const { pointer } of errors) {
    const match = /^\/campaigns\/(\d+)(\/|$)/.exec(pointer);
    if (match && !rejected.has(+match[1])) rejected.set(+match[1], pointer);
  }
  return [...rejected].map(([index, pointer]) => ({ id: String((campaigns[index] as { id?: unknown })?.id ?? `#${index}`), pointer }));
}
