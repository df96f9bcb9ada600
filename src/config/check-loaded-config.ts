import type { ChunkLoader } from '../chunks/contract';
import type { CleanConfig } from '../rules/compile-config';
import type { ConfigError } from '../rules/config-error';
import { checkConfigSteps } from '../rules/prepare-config';
import { runInSlices } from '../lib/run-in-slices';
import { describeConfigErrors } from './describe-config-errors';

/** What the checks made of a loaded config: all the core needs, so what errors need stays in the chunk. */
export interface LoadedConfigCheck {
  /** The config with what failed left out; null when it is unusable as a whole. */
  clean: CleanConfig | null;
  /** How many errors the checks found: a config with none is kept in its checked form. */
  errorCount: number;
  /** The campaigns left out, for `explain()`. */
  rejected: { id: string; pointer: string }[];
  /** The errors, each with its message once the diagnostics chunk has written it; never rejects. */
  describe: () => Promise<ConfigError[]>;
}

/**
 * Checks a loaded config for the runtime (src/config/load-checked-config.ts). Part of the `check`
 * chunk, with the rest of what only a config text not checked before needs: the campaigns its
 * errors leave out, and describing those errors (the `diagnose` chunk, loaded only when asked).
 * In slices, so that thousands of campaigns make no long task.
 */
export async function checkLoadedConfig(raw: unknown, loadChunk: ChunkLoader): Promise<LoadedConfigCheck> {
  const { clean, errors } = await runInSlices(checkConfigSteps(raw));
  return { clean, errorCount: errors.length, rejected: findRejectedCampaigns(raw, errors), describe: () => describeConfigErrors(errors, loadChunk) };
}

function findRejectedCampaigns(raw: unknown, errors: ConfigError[]): LoadedConfigCheck['rejected'] {
  const campaigns = (raw as { campaigns?: unknown } | null)?.campaigns;
  if (!Array.isArray(campaigns)) return [];
  const rejected = new Map<number, string>();
  for (const { pointer } of errors) {
    const match = /^\/campaigns\/(\d+)(\/|$)/.exec(pointer);
    if (match && !rejected.has(+match[1])) rejected.set(+match[1], pointer);
  }
  return [...rejected].map(([index, pointer]) => ({ id: String((campaigns[index] as { id?: unknown })?.id ?? `#${index}`), pointer }));
}
