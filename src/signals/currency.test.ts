import { afterEach, describe, expect, it } from 'vitest';
import { tables } from './tables';
import { detectCurrency, normalizeCurrency, readPageCurrency } from './currency';
import { addJsonLd } from '../../tests/unit/json-ld';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('detectCurrency', () => {
  it('takes the host hint over the page data, the country and the config', () => {
    addJsonLd({ '@type': 'Product', offers: { '@type': 'Offer', priceCurrency: 'GBP' } });
    expect(detectCurrency('chf', document, 'DE', 'USD', tables)).toBe('CHF');
  });

  it('takes the page data over the country and the config', () => {
    addJsonLd({ '@type': 'Product', offers: { '@type': 'Offer', priceCurrency: 'GBP' } });
    expect(detectCurrency(undefined, document, 'DE', 'USD', tables)).toBe('GBP');
  });

  it("takes the country's currency over the config", () => {
    expect(detectCurrency(undefined, document, 'JP', 'USD', tables)).toBe('JPY');
  });

  it('takes the config default when the country is unknown or has no entry', () => {
    expect(detectCurrency(undefined, document, null, 'SEK', tables)).toBe('SEK');
    expect(detectCurrency(undefined, document, 'ZZ', 'SEK', tables)).toBe('SEK');
  });

  it('falls back to USD', () => {
    expect(detectCurrency(undefined, document, null, undefined, tables)).toBe('USD');
  });

  it('passes over invalid codes at every step', () => {
    addJsonLd({ '@type': 'Product', offers: { priceCurrency: '€' } });
    expect(detectCurrency('euro', document, null, 'dollars', tables)).toBe('USD');
    expect(detectCurrency('', document, 'AT', undefined, tables)).toBe('EUR');
  });
});

describe('readPageCurrency', () => {
  it('reads a Product offer in JSON-LD', () => {
    addJsonLd({ '@context': 'https://schema.org', '@type': 'Product', name: 'Tent', offers: { '@type': 'Offer', price: 229, priceCurrency: 'eur' } });
    expect(readPageCurrency(document)).toBe('EUR');
  });

  it('reads offers given as an array, passing over one without a valid currency', () => {
    addJsonLd({ '@type': 'Product', offers: [{ '@type': 'Offer', price: 1 }, { '@type': 'Offer', priceCurrency: 'CAD' }] });
    expect(readPageCurrency(document)).toBe('CAD');
  });

  it('reads a Product inside @graph, and an AggregateOffer with nested offers', () => {
    addJsonLd({ '@graph': [{ '@type': 'WebPage' }, { '@type': 'Product', offers: { '@type': 'AggregateOffer', offers: [{ priceCurrency: 'AUD' }] } }] });
    expect(readPageCurrency(document)).toBe('AUD');
  });

  it('reads a priceSpecification', () => {
    addJsonLd({ '@type': 'Product', offers: { '@type': 'Offer', priceSpecification: { '@type': 'UnitPriceSpecification', price: 5, priceCurrency: 'NZD' } } });
    expect(readPageCurrency(document)).toBe('NZD');
  });

  it('reads a top-level Offer, and a Product typed by URL or in a type list', () => {
    addJsonLd([{ '@type': 'Offer', priceCurrency: 'PLN' }]);
    expect(readPageCurrency(document)).toBe('PLN');
    document.head.innerHTML = '';
    addJsonLd({ '@type': ['https://schema.org/Product', 'Thing'], offers: { priceCurrency: 'CZK' } });
    expect(readPageCurrency(document)).toBe('CZK');
  });

  it('ignores currencies of nodes that are no Product or Offer', () => {
    addJsonLd({ '@type': 'Organization', priceCurrency: 'EUR', offers: { priceCurrency: 'EUR' } });
    expect(readPageCurrency(document)).toBeNull();
  });

  it('ignores malformed JSON-LD and reads the next source', () => {
    addJsonLd('{"@type":"Product","offers":{"priceCurrency":"EUR"');
    document.body.innerHTML = '<div itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="HUF"></div>';
    expect(readPageCurrency(document)).toBe('HUF');
  });

  it('prefers JSON-LD over microdata', () => {
    addJsonLd({ '@type': 'Product', offers: { priceCurrency: 'EUR' } });
    document.body.innerHTML = '<meta itemprop="priceCurrency" content="HUF">';
    expect(readPageCurrency(document)).toBe('EUR');
  });

  it('reads microdata from the content attribute, else the text', () => {
    document.body.innerHTML = '<div itemscope itemtype="https://schema.org/Product"><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">12</span><span itemprop="priceCurrency" content="TRY">₺</span></div></div>';
    expect(readPageCurrency(document)).toBe('TRY');
    document.body.innerHTML = '<span itemprop="priceCurrency"> ils </span>';
    expect(readPageCurrency(document)).toBe('ILS');
  });

  it('reads the Open Graph product price currency', () => {
    document.head.innerHTML = '<meta property="og:price:currency" content="MXN">';
    expect(readPageCurrency(document)).toBe('MXN');
  });

  it('is null for a page without price data', () => {
    document.body.innerHTML = '<p>Hello</p>';
    expect(readPageCurrency(document)).toBeNull();
  });
});

describe('normalizeCurrency', () => {
  it.each([['eur', 'EUR'], [' Usd ', 'USD'], ['EURO', null], ['€', null], ['E1R', null], ['', null], [undefined, null], [978, null]])('reads %j as %j', (input, expected) => {
    expect(normalizeCurrency(input)).toBe(expected);
  });
});
