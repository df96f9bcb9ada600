import { describe, expect, it } from 'vitest';
import { prepareConfig } from './prepare-config';
import { needsSignalTables } from './needed-signals';

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
});
