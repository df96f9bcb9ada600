import { describe, expect, it } from 'vitest';
import { formatPrice } from './price';

const tent = { name: { en: 'Tent' }, price: { USD: 39, EUR: 36 } };

describe('formatPrice', () => {
  // Intl separates amount and symbol with a no-break space, so a price never wraps apart.
  it('formats the catalog price in the visitor currency and locale', () => {
    expect(formatPrice(tent, { locale: 'de-AT', currency: 'EUR' }, 'USD')).toBe('€\u00a036,00');
    expect(formatPrice(tent, { locale: 'en-US', currency: 'USD' }, 'USD')).toBe('$39.00');
    expect(formatPrice(tent, { locale: 'de-DE', currency: 'EUR' }, 'USD')).toBe('36,00\u00a0€');
  });

  it('falls back to the default currency when the catalog has no price in the visitor currency', () => {
    expect(formatPrice(tent, { locale: 'en-GB', currency: 'GBP' }, 'USD')).toBe('US$39.00');
  });

  it('has no price when the catalog has neither', () => {
    expect(formatPrice({ name: { en: 'x' }, price: { JPY: 100 } }, { locale: 'en-US', currency: 'USD' }, 'EUR')).toBeUndefined();
    expect(formatPrice({ name: { en: 'x' } }, { locale: 'en-US', currency: 'USD' }, 'USD')).toBeUndefined();
  });
});
