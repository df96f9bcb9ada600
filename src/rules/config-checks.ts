import { ConfigError } from './config-error';
import { joinPointer } from '../lib/pointer';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';

/**
 * Rejects keys the contract does not know. A typo is never harmless here: `"audiance"` would
 * otherwise show a campaign to everyone.
 */
export function checkKnownKeys(value: Record<string, unknown>, known: readonly string[], at: string, what: string): void {
  for (const key of Object.keys(value)) {
    // Prototype keys are reported on their own, wherever they stand.
    if (!known.includes(key) && !FORBIDDEN_KEYS.has(key)) throw new ConfigError(joinPointer(at, key), 'unknown-field', what, known);
  }
}

/** True for a well-formed BCP 47 tag (`en`, `de-AT`); `en_US` and `""` are not. */
export function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A finite number no smaller than `min` (default 0): counts, hours, seconds, prices. */
export function checkNumber(value: unknown, at: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ConfigError(at, 'expected-finite-number', value, min);
  }
  return value;
}
