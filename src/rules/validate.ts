import { prepareConfig } from './prepare-config';
import { formatConfigError } from './config-messages';

/** One problem in a config, located by a JSON pointer. */
export interface ValidationError {
  pointer: string;
  message: string;
}

/** Checks a whole config the way the runtime will load it; use it in editors, CI and tests. */
export function validateConfig(config: unknown): { ok: boolean; errors: ValidationError[] } {
  const errors = prepareConfig(config).errors.map((error) => ({ pointer: error.pointer, message: formatConfigError(error) }));
  return { ok: errors.length === 0, errors };
}
