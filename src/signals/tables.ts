import { createSignalTables, createSignalsWithoutTables } from './table-signals';
import { guessCountryFromTimeZone } from './timezone-country';
import { findCountryCurrency } from './country-currency';
import { findHostType } from './referrer-hosts';

/** The `tables` chunk (`segmint-tables.js`): see signal-tables.ts. */
export const tables = createSignalTables({ guessCountry: guessCountryFromTimeZone, findCurrency: findCountryCurrency, findHostType });

/** Their code without them, for explain() on a config that needs none (runtime/explain.ts). */
export const withoutTables = createSignalsWithoutTables();
