import { describe, expect, it } from 'vitest';
import { prepareConfig } from '../rules/prepare-config';
import { simulateVisit } from './simulate';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const { prepared } = prepareConfig({
  version: 1,
  defaultLocale: 'en',
  pages: { cart: ['/cart'], product: ['/products/*'] },
  catalog: { P: { name: { en: 'P' } } },
  campaigns: [{ id: 'on-products', audience: { pageType: 'product' }, content: { en: { title: 'x' } } }],
});

describe('simulateVisit', () => {
  it('gives a visitor without pageType the page type the browser would detect from the path', () => {
    const pageTypeAt = (visitor: Record<string, unknown>) => simulateVisit(prepared!, visitor, NOW).signals.pageType;
    expect(pageTypeAt({ path: '/products/tent' })).toBe('product');
    expect(pageTypeAt({ path: '/cart' })).toBe('cart');
    expect(pageTypeAt({ path: '/p/tent', product: 'P' })).toBe('product');
    expect(pageTypeAt({ path: '/' })).toBe('home');
    expect(pageTypeAt({ path: '/about' })).toBe('other');
    expect(pageTypeAt({ path: '/products/tent', pageType: 'other' })).toBe('other');
    expect(simulateVisit(prepared!, { path: '/products/tent' }, NOW).winner?.id).toBe('on-products');
  });
});
