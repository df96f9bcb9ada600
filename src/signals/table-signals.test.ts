import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectSignals, type SignalHints } from './collect';
import { createProfile } from '../profile/profile';
import { createSignalsWithoutTables } from './table-signals';
import { tables } from './tables';

const NOW = new Date(2026, 10, 23, 14, 30).getTime();
const collect = (extra: Partial<SignalHints>) => collectSignals(window, { defaultLocale: 'en', pageTypes: [], ...extra }, createProfile(NOW, 'visitor'), NOW);

function setReferrer(referrer: string): void {
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
}
function pricePageIn(currency: string): void {
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  script.textContent = JSON.stringify({ '@type': 'Product', offers: { priceCurrency: currency } });
  document.head.append(script);
}

beforeEach(() => {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-AT']);
  history.replaceState(null, '', '/');
});
afterEach(() => {
  vi.restoreAllMocks();
  document.head.innerHTML = '';
  setReferrer('');
});

describe('the code of currency and referrerType, in the tables chunk', () => {
  it('with the tables: the page, then the country; the medium, the site, then the known hosts', () => {
    pricePageIn('GBP');
    setReferrer('https://www.google.com/search?q=x');
    expect(collect({ tables })).toMatchObject({ currency: 'GBP', referrerType: 'search' });
    document.head.innerHTML = '';
    history.replaceState(null, '', '/?utm_medium=email');
    expect(collect({ tables })).toMatchObject({ currency: 'EUR', referrerType: 'email' });
  });

  it('without the tables (explain() on a config that needs none): what the host, the page and the URL say, as the core said before it left them to the chunk', () => {
    const withoutTables = createSignalsWithoutTables();
    pricePageIn('GBP');
    setReferrer(`${location.origin}/products/tent`);
    expect(collect({ tables: withoutTables, defaultCurrency: 'USD' })).toMatchObject({ country: 'AT', currency: 'GBP', referrerType: 'internal' });
    document.head.innerHTML = '';
    setReferrer('https://www.google.com/search?q=x');
    expect(collect({ tables: withoutTables, defaultCurrency: 'USD' })).toMatchObject({ currency: 'USD', referrerType: 'other' });
    history.replaceState(null, '', '/?utm_medium=Paid_Social');
    expect(collect({ tables: withoutTables }).referrerType).toBe('social');
  });

  it('in the core, without the chunk: no page read for the currency, only the host and the config; the referrer there or not', () => {
    pricePageIn('GBP');
    setReferrer(`${location.origin}/products/tent`);
    const query = vi.spyOn(document, 'querySelectorAll');
    expect(collect({ currency: ' sek ', defaultCurrency: 'USD' })).toMatchObject({ currency: 'SEK', referrerType: 'other' });
    expect(collect({ defaultCurrency: 'CAD' }).currency).toBe('CAD');
    expect(collect({}).currency).toBe('USD');
    setReferrer('');
    expect(collect({}).referrerType).toBe('direct');
    expect(query).not.toHaveBeenCalled();
  });
});
