import { afterEach, describe, expect, it } from 'vitest';
import { detectPageType, hasProductData } from './page-type';
import { addJsonLd } from '../../tests/unit/json-ld';

const configPages: [string, ((path: string) => boolean)[]][] = [
  ['product', [(path) => path.startsWith('/products/')]],
  ['cart', [(path) => path === '/cart']],
];

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.body.removeAttribute('data-segmint-page');
});

describe('detectPageType', () => {
  it('takes data-segmint-page on <body> over everything else', () => {
    document.body.setAttribute('data-segmint-page', 'checkout');
    addJsonLd({ '@type': 'Product' });
    expect(detectPageType(document, '/cart', configPages)).toBe('checkout');
  });

  it('ignores an unknown data-segmint-page value', () => {
    document.body.setAttribute('data-segmint-page', 'landing');
    expect(detectPageType(document, '/cart', configPages)).toBe('cart');
  });

  it('takes the config patterns over the page data', () => {
    addJsonLd({ '@type': 'Product' });
    expect(detectPageType(document, '/cart', configPages)).toBe('cart');
  });

  it('takes schema.org Product data over the home and other fallbacks', () => {
    addJsonLd({ '@type': 'Product' });
    expect(detectPageType(document, '/', configPages)).toBe('product');
    expect(detectPageType(document, '/p/123', [])).toBe('product');
  });

  it('is home for / and other for anything else', () => {
    expect(detectPageType(document, '/', configPages)).toBe('home');
    expect(detectPageType(document, '/about', configPages)).toBe('other');
  });
});

describe('hasProductData', () => {
  it('finds a Product in JSON-LD: alone, in an array, in @graph, as mainEntity, or a ProductGroup', () => {
    for (const data of [
      { '@type': 'Product' },
      [{ '@type': 'BreadcrumbList' }, { '@type': 'Product' }],
      { '@graph': [{ '@type': 'WebPage' }, { '@type': 'http://schema.org/Product' }] },
      { '@type': 'ItemPage', mainEntity: { '@type': 'Product' } },
      { '@type': 'ProductGroup', hasVariant: [] },
    ]) {
      document.head.innerHTML = '';
      addJsonLd(data);
      expect(hasProductData(document), JSON.stringify(data)).toBe(true);
    }
  });

  it('finds a top-level microdata Product', () => {
    document.body.innerHTML = '<main itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Tent</h1></main>';
    expect(hasProductData(document)).toBe(true);
  });

  it('does not count products listed on another page: nested in an ItemList, or microdata items that are properties', () => {
    addJsonLd({ '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', item: { '@type': 'Product' } }] });
    document.body.innerHTML = '<ul itemscope itemtype="https://schema.org/ItemList"><li itemprop="itemListElement" itemscope itemtype="https://schema.org/Product"></li></ul>';
    expect(hasProductData(document)).toBe(false);
  });

  it('ignores malformed JSON-LD and other types', () => {
    addJsonLd('{"@type":"Product"');
    addJsonLd({ '@type': 'Organization' });
    document.body.innerHTML = '<div itemscope itemtype="https://schema.org/Organization"></div>';
    expect(hasProductData(document)).toBe(false);
  });
});
