import type { ReferrerType } from './referrer';

/**
 * The signals' lookup tables: time zone → country, country → currency, referrer host → type.
 * About 2.5 KB gzip that most configs never consult, so they are a chunk (`tables`, built from
 * `signals/tables.ts`), loaded at start only when the config needs one of `country`, `currency`
 * or `referrerType` (rules/needed-signals.ts). Without them those signals still come from what
 * the host, the locale, the page and the URL say.
 */
export interface SignalLookups {
  /** The country of an IANA time zone, or null. */
  guessCountry(timeZone: string): string | null;
  /** The currency of a country, or null. */
  findCurrency(country: string | null): string | null;
  /** What a referrer host is (webmail, a social network, a search engine), or null. */
  findHostType(host: string): 'email' | 'social' | 'search' | null;
}

/**
 * The lookups with the code of the two signals only they serve: reading the page's currency and
 * classifying the referrer run only when a condition or a price needs them, that is when this
 * chunk is loaded (signals/table-signals.ts). The core says less without them (collect.ts).
 */
export interface SignalTables extends SignalLookups {
  /** The `currency` signal: signals/currency.ts. */
  detectCurrency(hint: string | undefined, doc: Document, country: string | null, fallback: string | undefined): string;
  /** The `referrerType` signal: signals/referrer.ts. */
  classifyReferrer(referrerHost: string | null, pageHost: string, utmMedium: string | null): ReferrerType;
}
