/**
 * The signals' lookup tables: time zone → country, country → currency, referrer host → type.
 * About 2.5 KB gzip that most configs never consult, so they are a chunk (`tables`, built from
 * `signals/tables.ts`), loaded at start only when the config needs one of `country`, `currency`
 * or `referrerType` (rules/needed-signals.ts). Without them those signals still come from what
 * the host, the locale, the page and the URL say.
 */
export interface SignalTables {
  /** The country of an IANA time zone, or null. */
  guessCountry(timeZone: string): string | null;
  /** The currency of a country, or null. */
  findCurrency(country: string | null): string | null;
  /** What a referrer host is (webmail, a social network, a search engine), or null. */
  findHostType(host: string): 'email' | 'social' | 'search' | null;
}
