import type { ConfigError } from '../rules/config-error';
import type { ChunkLoader } from '../chunks/contract';

/**
 * Gives a config's errors their messages, in place. The checks name each error by code; the
 * messages come from the diagnostics chunk (`rules/config-messages.ts`), loaded only when a
 * config has errors. Never rejects: when the chunk cannot be loaded, each error still says where
 * it is and what its code is.
 */
export async function describeConfigErrors(errors: ConfigError[], loadChunk: ChunkLoader): Promise<ConfigError[]> {
  if (!errors.length) return errors;
  try {
    const { formatConfigError: format } = await loadChunk('diagnose');
    for (const error of errors) error.message = format(error);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    for (const e of errors) e.message = `invalid config: ${e.code} (the details are not available: ${why})`;
  }
  return errors;
}
