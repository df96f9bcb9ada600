import { ConfigError } from '../rules/config-error';
import { loadDiagnostics } from '../chunks/load-chunks';

/**
 * Gives a config's errors their messages. The script-tag core is built without them (see
 * rollup.config.mjs): its checks find the same errors, located by pointer, and the messages come
 * from the diagnostics chunk, which checks the config again. Errors that already have messages
 * (the npm build) are returned as they are. Never rejects: when the chunk cannot be loaded,
 * each error still says where it is.
 */
export async function describeConfigErrors(raw: unknown, errors: ConfigError[], now: () => number): Promise<ConfigError[]> {
  if (errors.every((error) => error.message)) return errors;
  try {
    const prepareConfig = await loadDiagnostics();
    // Rebuilt as this bundle's ConfigError: the chunk has its own copy of the class.
    return prepareConfig(raw, now).errors.map((e) => new ConfigError(e.pointer, e.message));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return errors.map((e) => e.message ? e : new ConfigError(e.pointer, `invalid config (the details are not available: ${why})`));
  }
}
