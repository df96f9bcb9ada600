import type { SignalTables } from './signal-tables';
import { guessCountryFromTimeZone } from './timezone-country';
import { findCountryCurrency } from './country-currency';
import { findHostType } from './referrer-hosts';

/** The `tables` chunk (`segmint-tables.js`): see signal-tables.ts. */
export const tables: SignalTables = { guessCountry: guessCountryFromTimeZone, findCurrency: findCountryCurrency, findHostType };
