import { describe, expect, it } from 'vitest';
import { findCountryCurrency } from './country-currency';
import { COVERED_ZONES } from './timezone-country.cases';

describe('findCountryCurrency', () => {
  it.each([
    ['DE', 'EUR'], ['AT', 'EUR'], ['HR', 'EUR'], ['BG', 'EUR'], ['IE', 'EUR'], ['GP', 'EUR'],
    ['US', 'USD'], ['GB', 'GBP'], ['CH', 'CHF'], ['LI', 'CHF'], ['DK', 'DKK'], ['NO', 'NOK'], ['SE', 'SEK'], ['PL', 'PLN'],
    ['JP', 'JPY'], ['IN', 'INR'], ['BR', 'BRL'], ['AE', 'AED'], ['UA', 'UAH'],
  ])('pays %s in %s', (country, currency) => {
    expect(findCountryCurrency(country)).toBe(currency);
  });

  it('knows a currency for every country the time-zone table can guess', () => {
    const countries = [...new Set(COVERED_ZONES.map(([, country]) => country))];
    expect(countries.filter((country) => !findCountryCurrency(country))).toEqual([]);
  });

  it('is null for an unknown or missing country', () => {
    expect(findCountryCurrency('ZZ')).toBeNull();
    expect(findCountryCurrency(null)).toBeNull();
    expect(findCountryCurrency('constructor')).toBeNull();
  });
});
