import type { CatalogProduct } from '../types';

/**
 * A product's price for the visitor, formatted in their locale: the catalog price in their
 * currency, else in the default currency (`€ 36,00` for de-AT, `$39.00` for en-US). Undefined when
 * the catalog has neither.
 */
export function formatPrice(product: CatalogProduct, visitor: { locale: string; currency: string }, defaultCurrency: string | undefined): string | undefined {
  const prices = product.price ?? {};
  const currency = typeof prices[visitor.currency] === 'number' ? visitor.currency : defaultCurrency;
  if (!currency || typeof prices[currency] !== 'number') return undefined;
  try {
    return new Intl.NumberFormat(visitor.locale, { style: 'currency', currency }).format(prices[currency]);
  } catch {
    // A locale Intl does not know still gets a readable price.
    return `${prices[currency].toFixed(2)} ${currency}`;
  }
}
