import { describe, expect, it } from 'vitest';
import { guessCountryFromTimeZone } from './timezone-country';
import { COVERED_ZONES, OTHER_ZONES } from './timezone-country.cases';

describe('guessCountryFromTimeZone', () => {
  it.each(COVERED_ZONES)('places %s in %s', (zone, country) => {
    expect(guessCountryFromTimeZone(zone)).toBe(country);
  });

  it('never guesses a wrong country for the zones of other countries', () => {
    const guessed = OTHER_ZONES.filter((zone) => guessCountryFromTimeZone(zone) !== null);
    expect(guessed).toEqual([]);
  });

  it.each([
    ['Asia/Kolkata', 'IN'], ['Asia/Calcutta', 'IN'],
    ['Europe/Kyiv', 'UA'], ['Europe/Kiev', 'UA'],
    ['Asia/Ho_Chi_Minh', 'VN'], ['Asia/Saigon', 'VN'],
    ['America/Argentina/Salta', 'AR'], ['America/Buenos_Aires', 'AR'],
    ['America/Indiana/Vevay', 'US'], ['America/Kentucky/Monticello', 'US'], ['America/North_Dakota/Beulah', 'US'],
    ['Australia/Lord_Howe', 'AU'], ['Australia/NSW', 'AU'],
    ['US/Eastern', 'US'], ['Canada/Atlantic', 'CA'], ['Brazil/West', 'BR'], ['Mexico/BajaNorte', 'MX'],
    ['America/Thunder_Bay', 'CA'], ['Europe/Uzhgorod', 'UA'],
    ['Asia/Istanbul', 'TR'], ['Europe/Nicosia', 'CY'],
  ])('knows the alias or grouped zone %s', (zone, country) => {
    expect(guessCountryFromTimeZone(zone)).toBe(country);
  });

  it.each(['UTC', 'Etc/GMT+5', 'Etc/UTC', 'GMT', '', 'Europe', 'America', 'Not/A_Zone', 'europe/berlin'])('makes no guess for %j', (zone) => {
    expect(guessCountryFromTimeZone(zone)).toBeNull();
  });

  it('does not read inherited object keys as zones', () => {
    expect(guessCountryFromTimeZone('constructor')).toBeNull();
    expect(guessCountryFromTimeZone('Europe/__proto__')).toBeNull();
  });
});
