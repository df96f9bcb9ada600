import { describe, expect, it } from 'vitest';
import { tables } from './tables';
import { canonicalizeLocale, collectLocaleSignals } from './locale';

describe('collectLocaleSignals', () => {
  it('prefers the host locale and canonicalizes it', () => {
    expect(collectLocaleSignals({ locale: 'de-at' }, ['en-US'], 'en', 'UTC', tables)).toEqual({
      locale: 'de-AT', language: 'de', languages: ['en-US'], country: 'AT',
    });
  });

  it('uses the first preferred language and lists them all, canonicalized and deduplicated', () => {
    const signals = collectLocaleSignals({}, ['fr-ca', 'fr-CA', 'en', 'en_US'], 'en', 'UTC', tables);
    expect(signals).toMatchObject({ locale: 'fr-CA', language: 'fr', languages: ['fr-CA', 'en'], country: 'CA' });
  });

  it('falls back to the config default when the browser names no valid language', () => {
    expect(collectLocaleSignals({}, ['en_US', ''], 'pt-br', 'UTC', tables)).toMatchObject({ locale: 'pt-BR', languages: ['pt-BR'] });
  });

  it('takes the country from the hint, else the locale region, else the given time zone', () => {
    expect(collectLocaleSignals({ country: 'nz' }, ['en-AU'], 'en', 'Europe/London', tables).country).toBe('NZ');
    expect(collectLocaleSignals({}, ['en-AU'], 'en', 'Europe/London', tables).country).toBe('AU');
    expect(collectLocaleSignals({}, ['en'], 'en', 'Europe/London', tables).country).toBe('GB');
    expect(collectLocaleSignals({}, ['en'], 'en', 'Etc/UTC', tables).country).toBeNull();
  });
});

describe('canonicalizeLocale', () => {
  it.each([['EN-gb', 'en-GB'], ['zh-hant-tw', 'zh-Hant-TW'], ['en_US', undefined], ['', undefined], [null, undefined]])('reads %j as %j', (tag, expected) => {
    expect(canonicalizeLocale(tag)).toBe(expected);
  });
});
