import type { SignalLookups, SignalTables } from './signal-tables';
import { detectCurrency } from './currency';
import { classifyReferrer } from './referrer';

/**
 * The lookups with the currency and referrer-type code, which needs them or nothing else: in the
 * `tables` chunk (tables.ts), and without the tables in the `explain` chunk, so that explain()
 * says what those signals say as far as the host, the page and the URL tell.
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
