import { describe, expect, it } from 'vitest';
import { tables } from './tables';
import { detectCountry, normalizeCountry, readRegion } from './country';

describe('detectCountry', () => {
  it('takes the host hint over the locale region and the time zone', () => {
    expect(detectCountry('ch', 'de-AT', 'Europe/Berlin', tables)).toBe('CH');
  });

  it('takes the locale region over the time zone', () => {
    expect(detectCountry(undefined, 'de-AT', 'Europe/Berlin', tables)).toBe('AT');
  });

  it('falls back to the time zone when the locale has no region', () => {
    expect(detectCountry(undefined, 'de', 'Europe/Berlin', tables)).toBe('DE');
    expect(detectCountry(undefined, 'es-419', 'America/Mexico_City', tables)).toBe('MX');
  });

  it('passes over an invalid hint', () => {
    expect(detectCountry('Germany', 'fr-BE', 'Europe/Paris', tables)).toBe('BE');
    expect(detectCountry('', 'fr', 'Europe/Paris', tables)).toBe('FR');
  });

  it('is null when no source knows', () => {
    expect(detectCountry(undefined, 'en', 'UTC', tables)).toBeNull();
  });
});

describe('normalizeCountry', () => {
  it.each([
    ['de', 'DE'], [' AT ', 'AT'], ['uk', 'GB'], ['DEU', null], ['D', null], ['12', null], [undefined, null], [42, null],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeCountry(input)).toBe(expected);
  });
});

describe('readRegion', () => {
  it.each([
    ['de-AT', 'AT'], ['zh-Hant-TW', 'TW'], ['sr-Latn-RS', 'RS'], ['en', null], ['es-419', null], ['zh-Hans', null], ['de-DE-1996', 'DE'],
  ])('finds the region of %s: %j', (locale, expected) => {
    expect(readRegion(locale)).toBe(expected);
  });
});
