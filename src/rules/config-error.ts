/** A config mistake found at load time, located by a JSON pointer into the config. */
export class ConfigError extends Error {
  /** JSON pointer (RFC 6901) to the offending value, e.g. `/segments/dach/country/inn`. */
  readonly pointer: string;

  constructor(pointer: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.pointer = pointer;
  }
}
