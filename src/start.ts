import type { SegmintOptions } from './types';
import type { ConfigSource } from './create-segmint';
import { prepareConfig, type PreparedConfig } from './rules/prepare-config';
import { openProfileStore, type ProfileStore } from './profile/store';
import type { SignalHints } from './signals/collect';
import type { ConfigError } from './rules/config-error';

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
  loadConfig: ConfigSource;
  now: () => number;
  report: (error: unknown, context?: string) => void;
}): Promise<Session | null> {
  const { options, now, report } = context;
  const raw = await context.loadConfig();
  const { prepared, errors } = prepareConfig(raw, now);
  errors.forEach((error) => report(error));
  if (!prepared) return null;

  const consent = options.consent ?? prepared.config.consent ?? 'granted';
  const store = await openProfileStore({
    persistent: consent !== 'required',
    now,
    onError: (message, cause) => report(cause ?? new Error(message), cause ? message : undefined),
  });
  await store.record({ type: 'page' });

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
    rejected: findRejectedCampaigns(raw, errors),
  };
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
