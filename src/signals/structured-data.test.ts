import { afterEach, describe, expect, it } from 'vitest';
import { hasSchemaType, readJsonLdNodes } from './structured-data';
import { addJsonLd } from '../../tests/unit/json-ld';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('readJsonLdNodes', () => {
  it('reads objects, arrays, @graph members and their mainEntity', () => {
    addJsonLd('{"@type":"Organization","name":"Shop"}');
    addJsonLd('[{"@type":"BreadcrumbList"},{"@type":"WebSite"}]');
    addJsonLd('{"@graph":[{"@type":"ItemPage","mainEntity":{"@type":"Product","name":"Tent"}}]}');
    expect(readJsonLdNodes(document).map((node) => node['@type'] ?? '(graph)')).toEqual([
      'Organization', 'BreadcrumbList', 'WebSite', '(graph)', 'ItemPage', 'Product',
    ]);
  });

  it('leaves out nodes nested in other properties, such as a list of products', () => {
    addJsonLd('{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"Product"}}]}');
    expect(readJsonLdNodes(document).map((node) => node['@type'])).toEqual(['ItemList']);
  });

  it('skips malformed scripts and keeps the others', () => {
    addJsonLd('{"@type": "Product", oops');
    addJsonLd('');
    addJsonLd('null');
    addJsonLd('"just a string"');
    addJsonLd('{"@type":"Offer"}');
    expect(readJsonLdNodes(document).map((node) => node['@type'])).toEqual(['Offer']);
  });

  it('survives absurdly deep nesting', () => {
    addJsonLd('['.repeat(5000) + ']'.repeat(5000));
    expect(() => readJsonLdNodes(document)).not.toThrow();
  });
});

describe('hasSchemaType', () => {
  it.each([
    [{ '@type': 'Product' }, true],
    [{ '@type': 'https://schema.org/Product' }, true],
    [{ '@type': 'http://schema.org/Product' }, true],
    [{ '@type': 'schema:Product' }, true],
    [{ '@type': ['Thing', 'Product'] }, true],
    [{ '@type': 'ProductModelX' }, false],
    [{ '@type': 'Products' }, false],
    [{ '@type': 42 }, false],
    [{}, false],
    [null, false],
  ])('%j is a Product: %s', (node, expected) => {
    expect(hasSchemaType(node, ['Product'])).toBe(expected);
  });
});
