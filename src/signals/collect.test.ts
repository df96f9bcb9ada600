import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectSignals, type SignalHints } from './collect';
import { SIGNALS } from '../rules/signals';
import { createProfile } from '../profile/profile';
import { tables } from './tables';

/** SPEC §3, first table: the signals computed on each page. */
const PAGE_SIGNALS = [
  'locale', 'language', 'languages', 'country', 'timezone', 'currency', 'device', 'os', 'browser',
  'touch', 'reducedMotion', 'darkMode', 'viewportWidth', 'url', 'path', 'pageType', 'referrer', 'referrerType',
  'utmSource', 'utmMedium', 'utmCampaign', 'hour', 'weekday',
];
const NULLABLE = ['country', 'referrer', 'utmSource', 'utmMedium', 'utmCampaign'];

const NOW = new Date(2026, 10, 23, 14, 30).getTime(); // a Monday, 14:30 local time
const hints = (extra: Partial<SignalHints> = {}): SignalHints => ({ defaultLocale: 'en', pageTypes: [], tables, ...extra });
const collect = (extra?: Partial<SignalHints>) => collectSignals(window, hints(extra), createProfile(NOW, 'visitor'), NOW);

const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;
function setTimeZone(timeZone: string): void {
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...resolvedOptions.call(this), timeZone };
  });
}
function setReferrer(referrer: string): void {
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
}

beforeEach(() => {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en']);
  setTimeZone('Etc/UTC');
  setReferrer('');
  history.replaceState(null, '', '/');
});
afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.body.removeAttribute('data-segmint-page');
});

describe('collectSignals', () => {
  it('returns every page signal of SPEC §3 with its catalogue type', () => {
    const signals = collect();
    for (const name of PAGE_SIGNALS) {
      const value = signals[name];
      const spec = SIGNALS[name];
      if (value === null) {
        expect(NULLABLE, `${name} is null`).toContain(name);
        continue;
      }
      if (spec.kind === 'list') expect(value, name).toEqual(expect.arrayContaining([expect.any(String)]));
      else expect(typeof value, name).toBe(spec.kind);
      if (spec.values) expect(spec.values, name).toContain(value);
    }
  });

  it('is null for what an anonymous direct visit does not tell', () => {
    expect(collect()).toMatchObject({
      country: null, referrer: null, referrerType: 'direct', utmSource: null, utmMedium: null, utmCampaign: null,
      currency: 'USD', timezone: 'Etc/UTC', hour: 14, weekday: 1, pageType: 'home', path: '/',
    });
  });

  it('guesses the country from the time zone, after the hint and the locale region', () => {
    setTimeZone('Europe/Vienna');
    expect(collect()).toMatchObject({ country: 'AT', currency: 'EUR', timezone: 'Europe/Vienna' });
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-CH', 'de']);
    expect(collect()).toMatchObject({ country: 'CH', currency: 'CHF', locale: 'de-CH', languages: ['de-CH', 'de'] });
    expect(collect({ country: 'de' })).toMatchObject({ country: 'DE', currency: 'EUR' });
  });

  it('falls back to navigator.language when navigator.languages is empty', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue([]);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-BE');
    expect(collect()).toMatchObject({ locale: 'fr-BE', country: 'BE' });
  });

  it('takes the currency from the hint, the page, the country, then the config', () => {
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.textContent = JSON.stringify({ '@type': 'Product', offers: { priceCurrency: 'GBP' } });
    document.head.append(script);
    expect(collect({ currency: 'sek', country: 'DE', defaultCurrency: 'USD' }).currency).toBe('SEK');
    expect(collect({ country: 'DE', defaultCurrency: 'USD' }).currency).toBe('GBP');
    document.head.innerHTML = '';
    expect(collect({ country: 'DE', defaultCurrency: 'USD' }).currency).toBe('EUR');
    expect(collect({ defaultCurrency: 'CAD' }).currency).toBe('CAD');
  });

  it("reads the URL's UTM values and classifies the referrer with its medium", () => {
    history.replaceState(null, '', '/products/tent?utm_source=fb&utm_medium=paid_social&utm_campaign=spring');
    setReferrer('https://www.google.com/');
    expect(collect()).toMatchObject({
      path: '/products/tent', referrer: 'www.google.com', referrerType: 'social',
      utmSource: 'fb', utmMedium: 'paid_social', utmCampaign: 'spring',
    });
  });

  it("prefers the session's first touch, for the UTM signals and the referrer type", () => {
    history.replaceState(null, '', '/cart?utm_source=banner&utm_medium=display');
    setReferrer(`${location.origin}/products/tent`);
    const sessionUtm = { utmSource: 'newsletter', utmMedium: 'email', utmCampaign: 'may' };
    expect(collect({ sessionUtm })).toMatchObject({ ...sessionUtm, referrerType: 'email', referrer: location.hostname });
    const noCampaign = { utmSource: null, utmMedium: null, utmCampaign: null };
    expect(collect({ sessionUtm: noCampaign })).toMatchObject({ ...noCampaign, referrerType: 'internal' });
  });

  it('uses the URL given to page() for the path, the page type and the UTM values', () => {
    const pageTypes: SignalHints['pageTypes'] = [['category', [(path) => path.startsWith('/collections/')]]];
    expect(collect({ pageTypes, url: '/collections/tents?utm_campaign=tents' })).toMatchObject({
      path: '/collections/tents', pageType: 'category', utmCampaign: 'tents', url: `${location.origin}/collections/tents?utm_campaign=tents`,
    });
  });

  it('keeps the behaviour signals from the profile', () => {
    expect(collect()).toMatchObject({ sessions: 1, pageViews: 0, isReturning: false, events: {}, traits: {} });
  });

  it('does not throw where Intl cannot say the time zone', () => {
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(() => {
      throw new Error('no Intl');
    });
    expect(collect()).toMatchObject({ timezone: 'UTC', country: null });
  });

  it('without the lookup tables (a config that needs none), says only what the host, the locale and the URL say', () => {
    setTimeZone('Europe/Vienna');
    setReferrer('https://www.google.com/search?q=x');
    expect(collect({ tables: undefined })).toMatchObject({ country: null, currency: 'USD', referrerType: 'other' });
    expect(collect({ tables: undefined, locale: 'de-AT' })).toMatchObject({ country: 'AT', currency: 'USD' });
    expect(collect()).toMatchObject({ country: 'AT', currency: 'EUR', referrerType: 'search' });
  });

  it('asks the browser for device signals, the page type and the referrer type only when a condition reads them, and once per collection', () => {
    document.body.innerHTML = '<div itemscope itemtype="https://schema.org/Product"></div>';
    setReferrer('https://www.google.com/search?q=x');
    const matchMedia = vi.spyOn(window, 'matchMedia');
    const userAgent = vi.spyOn(navigator, 'userAgent', 'get');
    const query = vi.spyOn(document, 'querySelectorAll');
    const productQueries = () => query.mock.calls.filter(([selector]) => selector.includes('itemscope')).length;
    const signals = collect();
    // A decision on `productViews` and `path`: nothing of the device, the document or the referrer's host table.
    expect([signals.path, signals.productViews]).toEqual(['/', 0]);
    expect([matchMedia.mock.calls.length, userAgent.mock.calls.length, query.mock.calls.length]).toEqual([0, 0, 0]);
    const tableLookup = vi.spyOn(tables, 'findHostType');
    expect([signals.device, signals.touch, signals.viewportWidth, signals.pageType, signals.referrerType]).toEqual(['desktop', false, window.innerWidth, 'product', 'search']);
    expect(matchMedia.mock.calls.map(([query]) => query)).toEqual(['(pointer: coarse)', '(prefers-reduced-motion: reduce)', '(prefers-color-scheme: dark)']);
    // Read again, or all at once (explain() copies them): the same values, not asked again.
    expect({ ...signals }).toMatchObject({ device: 'desktop', os: expect.any(String), browser: expect.any(String), reducedMotion: false, darkMode: false, pageType: 'product', referrerType: 'search' });
    expect([matchMedia.mock.calls.length, productQueries(), tableLookup.mock.calls.length]).toEqual([3, 1, 1]);
    // A later collection (a later decision) asks again: the viewport or the page may have changed.
    expect(collect().device).toBe('desktop');
    expect(matchMedia.mock.calls.length).toBe(6);
  });
});
