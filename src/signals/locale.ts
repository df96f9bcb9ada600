import type { SignalLookups } from './signal-tables';
import { detectCountry } from './country';

/** Locale signals: what the visitor reads and where they probably are. */
export interface LocaleSignals {
  locale: string;
  language: string;
  languages: string[];
  country: string | null;
}

/**
 * Reads the locale from the host's hint (`data-locale`) or the browser's preferences, canonicalized
 * (`de-at` → `de-AT`); malformed tags such as `en_US` are skipped rather than trusted. `timeZone`
 * is the visitor's IANA zone, the last resort for the country.
 */
export function collectLocaleSignals(
  hint: { locale?: string; country?: string },
  preferred: readonly string[],
  fallback: string,
  timeZone: string | (() => string),
  tables: SignalLookups | undefined,
): LocaleSignals {
  const languages = unique(preferred.map(canonicalizeLocale).filter((tag): tag is string => !!tag));
  const locale = canonicalizeLocale(hint.locale) ?? languages[0] ?? canonicalizeLocale(fallback) ?? 'en';
  return {
    locale,
    language: locale.split('-')[0],
    languages: languages.length ? languages : [locale],
    country: detectCountry(hint.country, locale, timeZone, tables),
  };
}

/** The canonical form of a BCP 47 tag, or undefined when it is not one. */
export function canonicalizeLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag.trim() === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
