import { createLookup } from '../lib/create-lookup';

/**
 * Time zone → country, for guessing where a visitor is when neither the host nor the locale says.
 * Keys are path components of IANA names (`America/Indiana/Vevay` is found by `Indiana`), so one
 * word covers a whole sub-area and the table stays small enough for the browser bundle. Covered:
 * every zone that tzdata's zone.tab lists for the EU/EEA (with Åland and the French overseas
 * departments), GB, CH, US, CA, MX, BR, AR, AU, NZ, JP, KR, CN, HK, TW, SG, IN, ID, TH, VN, PH,
 * MY, AE, SA, IL, TR, ZA, EG, NG, KE, RU and UA; the legacy names ICU still reports (Chrome says
 * `Asia/Calcutta`, `Europe/Kiev`, `America/Buenos_Aires`, `Asia/Saigon`); zones merged into others
 * in tzdata 2022 that older systems still report (`America/Thunder_Bay`, `Europe/Uzhgorod`); and
 * country-style links (`US/Eastern`, `Canada/Atlantic`). Generated from tzdata 2025c and checked
 * against every zone.tab entry in timezone-country.test.ts.
 */
const ZONES_BY_COUNTRY: Record<string, string> = {
  AE: 'Dubai',
  AR: 'Argentina Buenos_Aires Catamarca Cordoba Jujuy Mendoza',
  AT: 'Vienna',
  AU: 'Australia Macquarie',
  AX: 'Mariehamn',
  BE: 'Brussels',
  BG: 'Sofia',
  BR: 'Araguaina Bahia Belem Boa_Vista Brazil Campo_Grande Cuiaba Eirunepe Fortaleza Maceio Manaus Noronha Porto_Velho Recife Rio_Branco Santarem Sao_Paulo',
  CA: 'Atikokan Blanc-Sablon Cambridge_Bay Canada Coral_Harbour Creston Dawson Dawson_Creek Edmonton Fort_Nelson Glace_Bay Goose_Bay Halifax Inuvik Iqaluit Moncton Montreal Nipigon Pangnirtung Rainy_River Rankin_Inlet Regina Resolute St_Johns Swift_Current Thunder_Bay Toronto Vancouver Whitehorse Winnipeg Yellowknife',
  CH: 'Zurich',
  CN: 'Shanghai Urumqi',
  CY: 'Famagusta Nicosia',
  CZ: 'Prague',
  DE: 'Berlin Busingen',
  DK: 'Copenhagen',
  EE: 'Tallinn',
  EG: 'Cairo',
  ES: 'Canary Ceuta Madrid',
  FI: 'Helsinki',
  FR: 'Paris',
  GB: 'London',
  GF: 'Cayenne',
  GP: 'Guadeloupe',
  GR: 'Athens',
  HK: 'Hong_Kong',
  HR: 'Zagreb',
  HU: 'Budapest',
  ID: 'Jakarta Jayapura Makassar Pontianak',
  IE: 'Dublin',
  IL: 'Jerusalem',
  IN: 'Calcutta Kolkata',
  IS: 'Reykjavik',
  IT: 'Rome',
  JP: 'Tokyo',
  KE: 'Nairobi',
  KR: 'Seoul',
  LI: 'Vaduz',
  LT: 'Vilnius',
  LU: 'Luxembourg',
  LV: 'Riga',
  MQ: 'Martinique',
  MT: 'Malta',
  MX: 'Bahia_Banderas Cancun Chihuahua Ciudad_Juarez Hermosillo Matamoros Mazatlan Merida Mexico Mexico_City Monterrey Ojinaga Tijuana',
  MY: 'Kuala_Lumpur Kuching',
  NG: 'Lagos',
  NL: 'Amsterdam',
  NO: 'Oslo',
  NZ: 'Auckland Chatham',
  PH: 'Manila',
  PL: 'Warsaw',
  PT: 'Azores Lisbon Madeira',
  RE: 'Reunion',
  RO: 'Bucharest',
  RU: 'Anadyr Astrakhan Barnaul Chita Irkutsk Kaliningrad Kamchatka Khandyga Kirov Krasnoyarsk Magadan Moscow Novokuznetsk Novosibirsk Omsk Sakhalin Samara Saratov Srednekolymsk Tomsk Ulyanovsk Ust-Nera Vladivostok Volgograd Yakutsk Yekaterinburg',
  SA: 'Riyadh',
  SE: 'Stockholm',
  SG: 'Singapore',
  SI: 'Ljubljana',
  SK: 'Bratislava',
  TH: 'Bangkok',
  TR: 'Istanbul',
  TW: 'Taipei',
  UA: 'Kiev Kyiv Simferopol Uzhgorod Zaporozhye',
  US: 'Adak Anchorage Boise Chicago Denver Detroit Honolulu Indiana Indianapolis Juneau Kentucky Los_Angeles Louisville Menominee Metlakatla New_York Nome North_Dakota Phoenix Sitka US Yakutat',
  VN: 'Ho_Chi_Minh Saigon',
  YT: 'Mayotte',
  ZA: 'Johannesburg',
};

const findCountryByZonePart = createLookup(ZONES_BY_COUNTRY);

/** The country a time zone most likely lies in (ISO 3166-1 alpha-2), or null when it is not in the table. */
export function guessCountryFromTimeZone(timeZone: string): string | null {
  // The most specific part first: `America/Indiana/Indianapolis` is found by its city before its state.
  const parts = String(timeZone).split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const country = findCountryByZonePart(parts[i]);
    if (country) return country;
  }
  return null;
}
