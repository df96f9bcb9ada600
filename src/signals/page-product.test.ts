import { afterEach, describe, expect, it } from 'vitest';
import { readPageProductId } from './page-product';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('readPageProductId', () => {
  it('reads the sku of a JSON-LD Product, also inside @graph', () => {
    document.head.innerHTML = '<script type="application/ld+json">{"@graph":[{"@type":"BreadcrumbList"},{"@type":"Product","sku":"SKU-TENT-2P","productID":"x"}]}</script>';
    expect(readPageProductId(document)).toBe('SKU-TENT-2P');
  });

  it('falls back to productID, then to microdata', () => {
    document.head.innerHTML = '<script type="application/ld+json">{"@type":"Product","productID":42}</script>';
    expect(readPageProductId(document)).toBe('42');
    document.head.innerHTML = '';
    document.body.innerHTML = '<div itemscope itemtype="https://schema.org/Product"><meta itemprop="sku" content="SKU-MAT"></div>';
    expect(readPageProductId(document)).toBe('SKU-MAT');
  });

  it('ignores the products listed on a category page and pages without product data', () => {
    document.head.innerHTML = '<script type="application/ld+json">{"@type":"ItemList","itemListElement":[{"@type":"Product","sku":"A"}]}</script>';
    expect(readPageProductId(document)).toBeUndefined();
  });
});
