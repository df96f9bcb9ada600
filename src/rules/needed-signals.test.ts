import { describe, expect, it } from 'vitest';
import { prepareConfig } from './prepare-config';
import { mayNeedSignalTables, needsSignalTables } from './needed-signals';

const prepare = (fields: Record<string, unknown>) => prepareConfig({ version: 1, defaultLocale: 'en', ...fields }).prepared!;
const campaign = (id: string, audience?: unknown) => ({ id, ...(audience ? { audience } : {}), content: { en: { title: id } } });

describe('the signals a config needs', () => {
  it('are the signals its audiences and segments name, through all/any/not and segment references', () => {
    const { needs } = prepare({
      segments: { dach: { country: { in: ['DE', 'AT'] } }, returning: { any: [{ isReturning: true }, { 'traits.tier': 'gold' }] } },
      campaigns: [campaign('a', { all: [{ segment: 'dach' }, { not: { device: 'mobile' } }] }), campaign('b', { 'events.quiz': { gte: 1 } }), campaign('c')],
    });
    expect([...needs].sort()).toEqual(['country', 'device', 'events.quiz', 'isReturning', 'traits.tier']);
    expect(needsSignalTables(needs)).toBe(true);
  });

  it('leave out what only rejected campaigns name', () => {
    const { needs } = prepare({ campaigns: [campaign('ok', { device: 'mobile' }), { id: 'bad', audience: { referrerType: 'search' }, content: {} }] });
    expect([...needs]).toEqual(['device']);
    expect(needsSignalTables(needs)).toBe(false);
  });

  it('need no tables for a config without country, currency, referrer type or prices', () => {
    expect(needsSignalTables(prepare({ campaigns: [campaign('a', { pageType: 'product', utmSource: 'x' })] }).needs)).toBe(false);
    expect(needsSignalTables(prepare({ campaigns: [campaign('a', { referrerType: 'social' })] }).needs)).toBe(true);
  });

  it('include currency and country when a catalog product has a price a popup would show', () => {
    const withPrice = prepare({ catalog: { p: { name: { en: 'P' }, price: { EUR: 9 } } }, campaigns: [campaign('a')] });
    expect([...withPrice.needs].sort()).toEqual(['country', 'currency']);
    expect(needsSignalTables(prepare({ catalog: { p: { name: { en: 'P' } } }, campaigns: [campaign('a')] }).needs)).toBe(false);
  });

  it('leave out currency and country when every price is in the config\'s currency: the visitor\'s currency changes no price shown', () => {
    const product = (price: Record<string, number>) => ({ name: { en: 'P' }, price });
    const needs = (fields: Record<string, unknown>) => [...prepare({ campaigns: [campaign('a')], ...fields }).needs].sort();
    expect(needs({ currency: 'EUR', catalog: { p: product({ EUR: 9 }), q: product({ EUR: 12 }) } })).toEqual([]);
    expect(needs({ currency: 'EUR', catalog: { p: product({ EUR: 9 }), q: product({ EUR: 12, CHF: 13 }) } })).toEqual(['country', 'currency']);
    expect(needs({ currency: 'EUR', catalog: { p: product({ USD: 9 }) } })).toEqual(['country', 'currency']);
    // Without a default currency a price shows only to visitors paying in its currency.
    expect(needs({ catalog: { p: product({ EUR: 9 }) } })).toEqual(['country', 'currency']);
  });
});

describe('mayNeedSignalTables: whether a config text may need the tables, before its checks', () => {
  const configs: Record<string, unknown>[] = [
    { segments: { dach: { country: { in: ['DE', 'AT'] } } }, campaigns: [campaign('a', { segment: 'dach' })] },
    { campaigns: [campaign('a', { referrerType: 'search' })] },
    { campaigns: [campaign('a', { all: [{ not: { country: 'FR' } }] })] },
    { campaigns: [campaign('a', { currency: { in: ['EUR'] } })] },
    { catalog: { p: { name: { en: 'P' }, price: { EUR: 9 } } }, campaigns: [campaign('a')] },
    { currency: 'EUR', campaigns: [campaign('a', { pageType: 'product' })] },
    { currency: 'EUR', catalog: { p: { name: { en: 'P' } } }, campaigns: [campaign('a', { device: 'mobile' })] },
    { campaigns: [{ id: 'a', content: { en: { title: 'a', body: 'Say "country": {here} and "price": {there}' } } }] },
    { currency: 'EUR', catalog: { p: { name: { en: 'P' }, price: { EUR: 9 } } }, campaigns: [campaign('a')] },
    { currency: 'EUR', catalog: { p: { name: { en: 'P' }, price: { EUR: 9, USD: 10 } } }, campaigns: [campaign('a')] },
  ];
  const mayNeed = (text: string) => mayNeedSignalTables(text, JSON.parse(text));

  it('is true, compact or pretty-printed, for every config whose checks find it needs them', () => {
    for (const fields of configs) {
      const needs = needsSignalTables(prepare(fields).needs);
      for (const text of [JSON.stringify({ version: 1, ...fields }), JSON.stringify({ version: 1, ...fields }, null, 2)]) {
        if (needs) expect(mayNeed(text), text).toBe(true);
      }
    }
  });

  it('is false for the configs here that need none: a default currency, a catalog without prices or priced in the default currency only, such words inside strings', () => {
    const answers = configs.map((fields) => [needsSignalTables(prepare(fields).needs), mayNeed(JSON.stringify({ version: 1, ...fields }))]);
    expect(answers).toEqual([[true, true], [true, true], [true, true], [true, true], [true, true], [false, false], [false, false], [false, false], [false, false], [true, true]]);
  });
});
