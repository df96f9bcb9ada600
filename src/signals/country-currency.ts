import { createLookup } from '../lib/create-lookup';

/**
 * ISO 4217 currency → the countries (ISO 3166-1 alpha-2) that use it: every country the time-zone
 * table knows plus the territories and microstates that share those currencies. Grouped by
 * currency because the euro alone covers thirty codes. Bulgaria has used the euro since 1 January 2026.
 */
const COUNTRIES_BY_CURRENCY: Record<string, string> = {
  EUR: 'AD AT AX BE BG BL CY DE EE ES FI FR GF GP GR HR IE IT LT LU LV MC ME MF MQ MT NL PM PT RE SI SK SM VA XK YT',
  USD: 'AS BQ EC FM GU MH MP PR PW SV TC TL UM US VG VI',
  GBP: 'GB GG IM JE',
  CHF: 'CH LI',
  DKK: 'DK FO GL',
  NOK: 'BV NO SJ',
  AUD: 'AU CC CX HM KI NF NR TV',
  NZD: 'CK NU NZ PN TK',
  SEK: 'SE', PLN: 'PL', CZK: 'CZ', HUF: 'HU', RON: 'RO', ISK: 'IS',
  CAD: 'CA', MXN: 'MX', BRL: 'BR', ARS: 'AR',
  JPY: 'JP', KRW: 'KR', CNY: 'CN', HKD: 'HK', TWD: 'TW', SGD: 'SG', INR: 'IN', IDR: 'ID',
  THB: 'TH', VND: 'VN', PHP: 'PH', MYR: 'MY', AED: 'AE', SAR: 'SA', ILS: 'IL', TRY: 'TR',
  ZAR: 'ZA', EGP: 'EG', NGN: 'NG', KES: 'KE', RUB: 'RU', UAH: 'UA',
};

const findCurrency = createLookup(COUNTRIES_BY_CURRENCY);

/** The currency a country pays in, or null when it is not in the table (or `country` is null). */
export function findCountryCurrency(country: string | null): string | null {
  return (country && findCurrency(country)) || null;
}
