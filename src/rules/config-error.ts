import type { ConfigErrorCode, ConfigErrorParams } from './config-error-codes';

/**
 * A config mistake found at load time, located by a JSON pointer into the config and named by a
 * code. Its `message` is the code until the message table has described it: `segmint/rules`,
 * the CLI and the runtime's `error` event always give the full message.
 */
export class ConfigError<C extends ConfigErrorCode = ConfigErrorCode> extends Error {
  /** JSON pointer (RFC 6901) to the offending value, e.g. `/segments/dach/country/inn`. */
  readonly pointer: string;
  /** What is wrong, e.g. `unknown-field`; stable across releases, for tools that act on it. */
  readonly code: C;
  /** The values the message names (what was found, the allowed ones). */
  readonly params: ConfigErrorParams[C];

  constructor(pointer: string, code: C, ...params: ConfigErrorParams[C]) {
    super(code);
    this.name = 'ConfigError';
    this.pointer = pointer;
    this.code = code;
    this.params = params;
  }
}
