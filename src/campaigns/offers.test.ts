import { describe, expect, it } from 'vitest';
import { selectOfferProducts, DEFAULT_OFFER_LIMIT } from './offers';
import type { CatalogProduct } from '../types';

const product = (upsell: string[] = [], crossSell: string[] = []): CatalogProduct => ({ name: { en: 'x' }, upsell, crossSell });
const catalog: Record<string, CatalogProduct> = {
  TENT: product(['TENT-3P'], ['MAT', 'LAMP', 'STOVE', 'CUP']),
  'TENT-3P': product([], ['MAT']),
  MAT: product([], ['PILLOW', 'TENT']),
  LAMP: product(),
  STOVE: product(),
  CUP: product(),
  PILLOW: product(),
};
const visitor = { cartItems: [] as string[], viewedProducts: [] as string[] };

describe('selectOfferProducts', () => {
  it('offers explicit products, skipping unknown ids and what is in the cart', () => {
    expect(selectOfferProducts({ products: ['LAMP', 'NOPE', 'CUP'] }, catalog, { ...visitor, cartItems: ['CUP'] })).toEqual(['LAMP']);
  });

  it('offers the cross-sells of the current product, up to the limit', () => {
    expect(selectOfferProducts({ from: 'crossSell', of: 'current', limit: 2 }, catalog, { ...visitor, currentProduct: 'TENT' })).toEqual(['MAT', 'LAMP']);
    expect(selectOfferProducts({ from: 'crossSell', of: 'current' }, catalog, { ...visitor, currentProduct: 'TENT' })).toHaveLength(DEFAULT_OFFER_LIMIT);
  });

  it('offers the upsell of the current product', () => {
    expect(selectOfferProducts({ from: 'upsell', of: 'current' }, catalog, { ...visitor, currentProduct: 'TENT' })).toEqual(['TENT-3P']);
  });

  it('draws on every product in the cart, never offering one already in it or twice', () => {
    const offered = selectOfferProducts({ from: 'crossSell', of: 'cart' }, catalog, { ...visitor, cartItems: ['TENT', 'MAT'] });
    expect(offered).toEqual(['LAMP', 'STOVE', 'CUP']);
  });

  it('draws on recently viewed products, without offering those products themselves', () => {
    expect(selectOfferProducts({ from: 'crossSell', of: 'viewed', limit: 5 }, catalog, { ...visitor, viewedProducts: ['MAT', 'TENT'] }))
      .toEqual(['PILLOW', 'LAMP', 'STOVE', 'CUP']);
  });

  it('has nothing to offer without a current product, or when everything is in the cart', () => {
    expect(selectOfferProducts({ from: 'crossSell', of: 'current' }, catalog, visitor)).toEqual([]);
    expect(selectOfferProducts({ from: 'upsell', of: 'current' }, catalog, { ...visitor, currentProduct: 'TENT', cartItems: ['TENT-3P'] })).toEqual([]);
    expect(selectOfferProducts({ from: 'crossSell', of: 'current' }, catalog, { ...visitor, currentProduct: 'UNKNOWN' })).toEqual([]);
  });
});
