import type { SignalLookups } from './signal-tables';

/**
 * The visitor's country (ISO 3166-1 alpha-2) by SPEC §3's precedence: the host's hint
 * (`data-country`, which comes from what its server knows), else the locale's region, else a guess
 * from the time zone (with the tables); null when none of them says. The time zone may be given as a function, read
 * only when it comes to that (reading it can be costly: see collectSignals).
 */
export function detectCountry(hint: string | undefined, locale: string, timeZone: string | (() => string), tables: SignalLookups | undefined): string | null {
  return normalizeCountry(hint) ?? readRegion(locale) ?? tables?.guessCountry(typeof timeZone === 'function' ? timeZone() : timeZone) ?? null;
}

/** An ISO 3166-1 alpha-2 code in upper case, or null when `code` is not one. */
export function normalizeCountry(code: unknown): string | null {
  if (typeof code !== 'string' || !/^[a-z]{2}$/i.test(code.trim())) return null;
  const country = code.trim().toUpperCase();
  // "UK" is reserved in ISO 3166 and not the UK's code, yet hosts write it; GB is what rules say.
  return country === 'UK' ? 'GB' : country;
}

/**
 * The region subtag of a canonical BCP 47 tag (`de-AT` → `AT`, `zh-Hant-TW` → `TW`); null for none
 * or for a UN M.49 area such as `es-419`, which is no country. Read from the tag itself rather than
 * `Intl.Locale`, which older browsers lack.
 */
export function readRegion(locale: string): string | null {
  const [, second, third] = locale.split('-');
  const region = second?.length === 4 ? third : second;
  return region && /^[A-Z]{2}$/.test(region) ? region : null;
}
