import type { SignalLookups, SignalTables } from './signal-tables';
import { detectCurrency } from './currency';
import { classifyReferrer } from './referrer';

/**
 * The lookups with the currency and referrer-type code, which only they need: both in the `tables`
 * chunk (tables.ts), also with empty lookups, which explain() fetches on a config that needs no
 * tables, to say what those signals say as far as the host, the page and the URL tell.
 */
export function createSignalTables(lookups: SignalLookups): SignalTables {
  // Read through the object itself, so a lookup replaced on it (a spy) is the one consulted.
  const tables: SignalTables = {
    ...lookups,
    detectCurrency: (hint, doc, country, fallback) => detectCurrency(hint, doc, country, fallback, tables),
    classifyReferrer: (referrerHost, pageHost, utmMedium) => classifyReferrer(referrerHost, pageHost, utmMedium, tables),
  };
  return tables;
}

/** The code without the tables: what a page whose config needs none would have said. */
export function createSignalsWithoutTables(): SignalTables {
  return createSignalTables({ guessCountry: () => null, findCurrency: () => null, findHostType: () => null });
}
