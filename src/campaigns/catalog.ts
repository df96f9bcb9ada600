import type { CatalogProduct } from '../types';
import { ConfigError } from '../rules/config-error';
import { joinPointer } from '../lib/pointer';
import { isSafeUrl } from '../lib/safe-url';
import { isPlainObject } from '../lib/is-plain-object';
import { checkKnownKeys, isValidLocale } from '../rules/config-checks';
import { createRecord } from '../lib/create-record';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';

const PRODUCT_FIELDS = ['name', 'price', 'image', 'url', 'upsell', 'crossSell', 'category'];

/**
 * Checks the config `catalog`: localized names, prices per currency, safe URLs, links to known
 * products. A bad product is left out and reported alone (its neighbours are kept); so is one
 * `isSkipped` says was already reported (a forbidden key or too deep a value inside it).
 */
export function checkCatalog(value: unknown, errors: ConfigError[], isSkipped: (at: string) => boolean): Record<string, CatalogProduct> {
  const catalog = createRecord<CatalogProduct>();
  if (value === undefined) return catalog;
  if (!isPlainObject(value)) {
    errors.push(new ConfigError('/catalog', 'catalog-not-object', value));
    return catalog;
  }
  // References are checked against every product named, so a link to a rejected one is not a second error.
  const ids = Object.keys(value);
  for (const [id, product] of Object.entries(value)) {
    const at = joinPointer('/catalog', id);
    if (FORBIDDEN_KEYS.has(id) || isSkipped(at)) continue;
    try {
      catalog[id] = checkProduct(product, at, ids);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
    }
  }
  return catalog;
}

function checkProduct(product: unknown, at: string, ids: string[]): CatalogProduct {
  if (!isPlainObject(product)) throw new ConfigError(at, 'item-not-object', 'product', product);
  checkKnownKeys(product, PRODUCT_FIELDS, at, 'product');
  checkTexts(product.name, joinPointer(at, 'name'));
  if (product.price !== undefined) checkPrices(product.price, joinPointer(at, 'price'));
  for (const field of ['image', 'url'] as const) {
    if (product[field] !== undefined && !isSafeUrl(product[field])) {
      throw new ConfigError(joinPointer(at, field), 'expected-url', product[field]);
    }
  }
  for (const field of ['upsell', 'crossSell'] as const) {
    if (product[field] !== undefined) checkProductIds(product[field], joinPointer(at, field), ids);
  }
  if (product.category !== undefined && typeof product.category !== 'string') {
    throw new ConfigError(joinPointer(at, 'category'), 'expected-text', product.category);
  }
  return product as unknown as CatalogProduct;
}

/** Checks a list of product ids against the catalog, suggesting the nearest id for a typo. */
export function checkProductIds(value: unknown, at: string, ids: readonly string[]): string[] {
  if (!Array.isArray(value)) throw new ConfigError(at, 'expected-product-ids', value);
  value.forEach((id, i) => {
    if (typeof id !== 'string' || !ids.includes(id)) {
      throw new ConfigError(joinPointer(at, i), 'unknown-product', id, ids);
    }
  });
  return value;
}

function checkTexts(value: unknown, at: string): void {
  if (!isPlainObject(value) || Object.keys(value).length === 0) throw new ConfigError(at, 'missing-product-name');
  for (const [locale, text] of Object.entries(value)) {
    if (!isValidLocale(locale)) throw new ConfigError(joinPointer(at, locale), 'invalid-locale');
    if (typeof text !== 'string') throw new ConfigError(joinPointer(at, locale), 'expected-text', text);
  }
}

function checkPrices(value: unknown, at: string): void {
  if (!isPlainObject(value)) throw new ConfigError(at, 'invalid-prices', value);
  for (const [currency, amount] of Object.entries(value)) {
    if (!/^[A-Z]{3}$/.test(currency)) throw new ConfigError(joinPointer(at, currency), 'invalid-currency-code');
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      throw new ConfigError(joinPointer(at, currency), 'expected-amount', amount);
    }
  }
}
