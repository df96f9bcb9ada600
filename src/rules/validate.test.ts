import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from './validate';
import { prepareConfig } from './prepare-config';
import { MAX_DEPTH } from './compile';
import { validateFile } from '../cli/validate';
import type { Condition } from '../types';
import { FIXTURES, listJsonFixtures, readJsonFixture } from '../../tests/unit/fixtures';

interface TableCase {
  name: string;
  condition: Condition;
  pointer: string;
  segments?: Record<string, Condition>;
  message?: string;
}
const cases = readJsonFixture<{ valid: TableCase[]; invalid: TableCase[] }>('conditions.cases.json');

/** A minimal valid config with the given fields added or replaced. */
function config(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, defaultLocale: 'en', ...fields };
}

/** A minimal valid campaign with the given fields added or replaced. */
function campaign(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'promo', content: { en: { title: 'Hello' } }, ...fields };
}

function pointersOf(raw: unknown): string[] {
  return validateConfig(raw).errors.map((error) => error.pointer);
}

function preparedIds(raw: unknown): string[] | undefined {
  return prepareConfig(raw).prepared?.campaigns.map((c) => c.id);
}

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('validateConfig on the shared condition cases', () => {
  describe.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
    it('validates as a segment', () => {
      expect(validateConfig(config({ segments: { s: c.condition, ...c.segments } }))).toEqual({ ok: true, errors: [] });
    });
  });

  describe.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
    it(`fails as a segment with an error at /segments/s${c.pointer}`, () => {
      const result = validateConfig(config({ segments: { s: c.condition, ...c.segments } }));
      expect(result.ok).toBe(false);
      const error = result.errors.find((e) => e.pointer === `/segments/s${c.pointer}`);
      expect(error, JSON.stringify(result.errors)).toBeDefined();
      if (c.message) expect(error!.message).toContain(c.message);
      expect(prepareConfig(config({ segments: { s: c.condition, ...c.segments } })).prepared?.segments.s).toBeUndefined();
    });

    it('fails as a campaign audience with an error under /campaigns/0/audience, keeping the other campaign', () => {
      const raw = config({
        segments: c.segments,
        campaigns: [campaign({ id: 'broken', audience: c.condition }), campaign({ id: 'fine' })],
      });
      expect(pointersOf(raw)).toContain(`/campaigns/0/audience${c.pointer}`);
      expect(preparedIds(raw)).toEqual(['fine']);
    });
  });

  it('rejects a segment nested deeper than the condition limit', () => {
    let condition: Condition = { device: 'mobile' };
    for (let i = 0; i <= MAX_DEPTH; i++) condition = { not: condition };
    expect(pointersOf(config({ segments: { s: condition } }))).toEqual(['/segments/s' + '/not'.repeat(MAX_DEPTH + 1)]);
  });
});

describe('validateConfig on config files', () => {
  describe.each(listJsonFixtures('configs/valid'))('valid/%s', (file) => {
    it('validates with no errors', () => {
      const result = validateFile(join(FIXTURES, 'configs/valid', file));
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
    });
  });

  const expected = readJsonFixture<Record<string, string>>('configs/invalid/expected.json');

  it('lists an expected pointer for every invalid file, and a file for every entry', () => {
    expect(Object.keys(expected).sort()).toEqual(listJsonFixtures('configs/invalid'));
  });

  describe.each(listJsonFixtures('configs/invalid'))('invalid/%s', (file) => {
    it('fails with its first error at the expected pointer', () => {
      const result = validateFile(join(FIXTURES, 'configs/invalid', file));
      expect(result.ok).toBe(false);
      expect(result.errors[0]?.pointer).toBe(expected[file]);
      expect(result.errors[0]?.message).toBeTruthy();
    });
  });

  it('suggests the nearest segment name for a misspelled reference', () => {
    const result = validateConfig(readJsonFixture('configs/invalid/undefined-segment.json'));
    expect(result.errors[0].message).toContain('did you mean "vip"');
  });

  it('keeps the valid segment next to an invalid one', () => {
    expect(Object.keys(prepareConfig(readJsonFixture('configs/invalid/unknown-operator.json')).prepared!.segments)).toEqual(['dach']);
    expect(preparedIds(readJsonFixture('configs/invalid/unknown-operator.json'))).toEqual(['hello-dach']);
  });
});

describe('validateConfig on the config as a whole', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a number', 1],
    ['a string', '{"version":1}'],
    ['a boolean', true],
    ['undefined', undefined],
  ])('rejects a root that is %s, at the root pointer', (_name, raw) => {
    const result = validateConfig(raw);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.pointer)).toEqual(['']);
    expect(prepareConfig(raw).prepared).toBeNull();
  });

  it.each([2, 0, '1', undefined])('rejects version %s as unsupported, evaluating no campaign', (version) => {
    const raw = config({ version, campaigns: [campaign()] });
    const result = validateConfig(raw);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].pointer).toBe('/version');
    expect(result.errors[0].message).toContain('unsupported config version');
    expect(prepareConfig(raw).prepared).toBeNull();
  });

  it.each(['en_US', '', 42])('rejects a malformed defaultLocale %j', (defaultLocale) => {
    expect(pointersOf(config({ defaultLocale }))).toEqual(['/defaultLocale']);
  });

  it('rejects a config nested 10,000 levels deep without overflowing the stack', () => {
    let condition: Condition = { device: 'mobile' };
    for (let i = 0; i < 10_000; i++) condition = { all: [condition] };
    const result = validateConfig(config({ segments: { s: condition } }));
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(/nested deeper/);
  });

  it.each([
    ['currency', 'usd', '/currency'],
    ['pages', { produkt: ['/p/*'] }, '/pages/produkt'],
    ['limits', { maxPerSession: -1 }, '/limits/maxPerSession'],
    ['limits', { minSecondsBetween: Infinity }, '/limits/minSecondsBetween'],
    ['segments', [], '/segments'],
    ['campaigns', {}, '/campaigns'],
  ])('rejects a bad %s at its pointer', (field, value, pointer) => {
    expect(pointersOf(config({ [field]: value }))).toEqual([pointer]);
  });
});

describe('validateConfig on campaigns', () => {
  it('accepts a minimal campaign', () => {
    expect(validateConfig(config({ campaigns: [campaign()] }))).toEqual({ ok: true, errors: [] });
  });

  it('reports a duplicate campaign id and keeps the first', () => {
    const raw = config({
      campaigns: [campaign({ id: 'promo', priority: 1 }), campaign({ id: 'promo', priority: 9 }), campaign({ id: 'other' })],
    });
    const result = validateConfig(raw);
    expect(result.errors.map((e) => e.pointer)).toEqual(['/campaigns/1/id']);
    expect(result.errors[0].message).toContain('duplicate');
    const kept = prepareConfig(raw).prepared!.campaigns;
    expect(kept.map((c) => [c.id, c.priority])).toEqual([['promo', 1], ['other', 0]]);
  });

  it('rejects a campaign without content in the default locale', () => {
    const raw = config({ defaultLocale: 'en', campaigns: [campaign({ content: { de: { title: 'Hallo' } } }), campaign({ id: 'ok' })] });
    expect(pointersOf(raw)).toEqual(['/campaigns/0/content']);
    expect(preparedIds(raw)).toEqual(['ok']);
  });

  it.each([
    ['-1', -1],
    ['NaN', NaN],
    ['1e309 (Infinity)', Infinity],
    ['-Infinity', -Infinity],
    ['the string "3"', '3'],
    ['null', null],
    ['an object', { max: 3 }],
  ])('disables a campaign whose frequency cap is %s rather than leaving it uncapped', (_name, value) => {
    for (const field of ['maxImpressions', 'maxPerSession', 'cooldownHours', 'afterDismissHours', 'afterConversionHours']) {
      const raw = config({ campaigns: [campaign({ frequency: { [field]: value } })] });
      expect(pointersOf(raw)).toEqual([`/campaigns/0/frequency/${field}`]);
      expect(preparedIds(raw)).toEqual([]);
    }
  });

  it('rejects an unknown frequency field with a did-you-mean', () => {
    const result = validateConfig(config({ campaigns: [campaign({ frequency: { maxImpression: 3 } })] }));
    expect(result.errors[0].pointer).toBe('/campaigns/0/frequency/maxImpression');
    expect(result.errors[0].message).toContain('did you mean "maxImpressions"');
  });

  it.each([
    ['from after until', { from: '2027-01-06T00:00:00Z', until: '2026-12-01T00:00:00Z' }, '/campaigns/0/schedule/until'],
    ['from equal to until', { from: '2026-12-01T00:00:00Z', until: '2026-12-01T01:00:00+01:00' }, '/campaigns/0/schedule/until'],
    ['a timezone-less from', { from: '2026-12-01T00:00:00' }, '/campaigns/0/schedule/from'],
    ['a timezone-less until', { until: '2026-12-01T08:00' }, '/campaigns/0/schedule/until'],
    ['a date without a time', { from: '2026-12-01' }, '/campaigns/0/schedule/from'],
    ['an impossible date', { from: '2026-13-45T00:00:00Z' }, '/campaigns/0/schedule/from'],
    ['epoch milliseconds', { from: 1764547200000 }, '/campaigns/0/schedule/from'],
    ['hours beyond 24', { hours: [8, 25] }, '/campaigns/0/schedule/hours'],
    ['a single hour', { hours: [8] }, '/campaigns/0/schedule/hours'],
    ['fractional hours', { hours: [8.5, 20] }, '/campaigns/0/schedule/hours'],
    ['weekday 0', { weekdays: [0, 1] }, '/campaigns/0/schedule/weekdays'],
    ['weekday names', { weekdays: ['mon'] }, '/campaigns/0/schedule/weekdays'],
  ])('rejects a schedule with %s', (_name, schedule, pointer) => {
    const raw = config({ campaigns: [campaign({ schedule })] });
    expect(pointersOf(raw)).toEqual([pointer]);
    expect(preparedIds(raw)).toEqual([]);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '\tjavascript:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    'file:///etc/passwd',
  ])('rejects the cta url %j', (url) => {
    const raw = config({ campaigns: [campaign({ cta: { action: 'link', url } }), campaign({ id: 'ok' })] });
    expect(pointersOf(raw)).toEqual(['/campaigns/0/cta/url']);
    expect(preparedIds(raw)).toEqual(['ok']);
  });

  it('rejects an unsafe cta url in a variant', () => {
    const raw = config({ campaigns: [campaign({ variants: [{ id: 'a' }, { id: 'b', cta: { action: 'link', url: 'JaVaScRiPt:alert(1)' } }] })] });
    expect(pointersOf(raw)).toEqual(['/campaigns/0/variants/1/cta/url']);
  });

  it('rejects a link without a url', () => {
    expect(pointersOf(config({ campaigns: [campaign({ cta: { action: 'link' } })] }))).toEqual(['/campaigns/0/cta/url']);
  });

  it.each(['https://shop.example/cart', 'http://shop.example/', '/collections/new', 'sale?x=1', '#top'])('accepts the cta url %j', (url) => {
    expect(validateConfig(config({ campaigns: [campaign({ cta: { action: 'link', url } })] })).ok).toBe(true);
  });

  it.each([
    ['a VNode-shaped object', { type: 'img', props: { src: 'x', onerror: 'alert(1)' } }],
    ['a list', ['Hello']],
    ['a number', 42],
    ['null', null],
  ])('rejects a content field that is %s', (_name, title) => {
    const raw = config({ campaigns: [campaign({ content: { en: { title } } })] });
    expect(pointersOf(raw)).toEqual(['/campaigns/0/content/en/title']);
    expect(preparedIds(raw)).toEqual([]);
  });

  it('rejects a VNode-shaped object in a variant content', () => {
    const raw = config({ campaigns: [campaign({ variants: [{ id: 'a', content: { en: { body: { type: 'script', props: {} } } } }] })] });
    expect(pointersOf(raw)).toEqual(['/campaigns/0/variants/0/content/en/body']);
  });

  it('rejects a malformed content locale and an unknown content field', () => {
    expect(pointersOf(config({ campaigns: [campaign({ content: { en: { title: 'x' }, en_US: { title: 'y' } } })] }))).toEqual(['/campaigns/0/content/en_US']);
    const result = validateConfig(config({ campaigns: [campaign({ content: { en: { titel: 'x' } } })] }));
    expect(result.errors[0].pointer).toBe('/campaigns/0/content/en/titel');
    expect(result.errors[0].message).toContain('did you mean "title"');
  });

  it.each([
    ['an unknown trigger', { trigger: { on: 'hover' } }, '/campaigns/0/trigger/on'],
    ['a scroll trigger without percent', { trigger: { on: 'scroll' } }, '/campaigns/0/trigger/percent'],
    ['a scroll trigger over 100 percent', { trigger: { on: 'scroll', percent: 150 } }, '/campaigns/0/trigger/percent'],
    ['an idle trigger with an option of another trigger', { trigger: { on: 'idle', percent: 5 } }, '/campaigns/0/trigger/percent'],
    ['a copy-coupon action without a coupon', { cta: { action: 'copy-coupon' } }, '/campaigns/0/cta/action'],
    ['an event trigger without an event', { trigger: { on: 'event' } }, '/campaigns/0/trigger/event'],
    ['an add-to-cart action without products', { cta: { action: 'add-to-cart' } }, '/campaigns/0/cta/action'],
    ['an unknown cta action', { cta: { action: 'subscribe' } }, '/campaigns/0/cta/action'],
    ['an unknown layout', { layout: { type: 'popover' } }, '/campaigns/0/layout/type'],
    ['an unknown position', { layout: { type: 'slide-in', position: 'middle' } }, '/campaigns/0/layout/position'],
    ['a holdout over 100', { holdout: 101 }, '/campaigns/0/holdout'],
    ['a negative holdout', { holdout: -5 }, '/campaigns/0/holdout'],
    ['a priority that is a string', { priority: 'high' }, '/campaigns/0/priority'],
    ['pages that are a list', { pages: ['/products/*'] }, '/campaigns/0/pages'],
    ['a page pattern that is not a string', { pages: { include: [42] } }, '/campaigns/0/pages/include/0'],
    ['an empty variant list', { variants: [] }, '/campaigns/0/variants'],
    ['a variant called holdout', { variants: [{ id: 'holdout' }] }, '/campaigns/0/variants/0/id'],
    ['duplicate variant ids', { variants: [{ id: 'a' }, { id: 'a' }] }, '/campaigns/0/variants/1/id'],
    ['variants all weighted 0', { variants: [{ id: 'a', weight: 0 }, { id: 'b', weight: 0 }] }, '/campaigns/0/variants'],
    ['a negative variant weight', { variants: [{ id: 'a', weight: -1 }] }, '/campaigns/0/variants/0/weight'],
    ['an empty id', { id: '' }, '/campaigns/0/id'],
  ])('rejects a campaign with %s', (_name, fields, pointer) => {
    const raw = config({ campaigns: [campaign(fields), campaign({ id: 'ok' })] });
    expect(pointersOf(raw)).toEqual([pointer]);
    expect(preparedIds(raw)).toEqual(['ok']);
  });

  it('rejects a campaign that is not an object', () => {
    expect(pointersOf(config({ campaigns: ['promo'] }))).toEqual(['/campaigns/0']);
  });

  it('rejects a campaign referencing an invalid segment and keeps the others', () => {
    const raw = config({
      segments: { broken: { productViews: { gtee: 2 } }, dach: { country: { in: ['DE', 'AT', 'CH'] } } },
      campaigns: [
        campaign({ id: 'uses-broken', audience: { all: [{ segment: 'dach' }, { segment: 'broken' }] } }),
        campaign({ id: 'uses-dach', audience: { segment: 'dach' } }),
        campaign({ id: 'everyone' }),
      ],
    });
    const result = validateConfig(raw);
    expect(result.errors.map((e) => e.pointer)).toEqual(['/segments/broken/productViews/gtee', '/campaigns/0/audience/all/1/segment']);
    expect(result.errors[1].message).toContain('broken');
    expect(preparedIds(raw)).toEqual(['uses-dach', 'everyone']);
    expect(Object.keys(prepareConfig(raw).prepared!.segments)).toEqual(['dach']);
  });

  it('keeps campaigns in config order', () => {
    const raw = config({ campaigns: [campaign({ id: 'a' }), campaign({ id: 'b' }), campaign({ id: 'c' })] });
    expect(prepareConfig(raw).prepared!.campaigns.map((c) => [c.id, c.order])).toEqual([['a', 0], ['b', 1], ['c', 2]]);
  });
});

describe('validateConfig on forbidden keys', () => {
  it.each([
    ['__proto__ in a campaign layout', '{"version":1,"defaultLocale":"en","campaigns":[{"id":"x","layout":{"type":"modal","__proto__":{"polluted":true}},"content":{"en":{"title":"Hi"}}},{"id":"ok","content":{"en":{"title":"Hi"}}}]}', '/campaigns/0/layout/__proto__'],
    ['constructor.prototype in an offer', '{"version":1,"defaultLocale":"en","campaigns":[{"id":"x","offer":{"constructor":{"prototype":{"polluted":true}}},"content":{"en":{"title":"Hi"}}},{"id":"ok","content":{"en":{"title":"Hi"}}}]}', '/campaigns/0/offer/constructor'],
    ['prototype in content', '{"version":1,"defaultLocale":"en","campaigns":[{"id":"x","content":{"en":{"title":"Hi"},"prototype":{"polluted":true}}},{"id":"ok","content":{"en":{"title":"Hi"}}}]}', '/campaigns/0/content/prototype'],
    ['__proto__ deep in a variant', '{"version":1,"defaultLocale":"en","campaigns":[{"id":"x","content":{"en":{"title":"Hi"}},"variants":[{"id":"a","content":{"en":{"__proto__":{"polluted":true}}}}]},{"id":"ok","content":{"en":{"title":"Hi"}}}]}', '/campaigns/0/variants/0/content/en/__proto__'],
  ])('rejects %s and keeps the other campaigns', (_name, json, pointer) => {
    const raw = JSON.parse(json);
    expect(pointersOf(raw)).toEqual([pointer]);
    expect(preparedIds(raw)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects __proto__ as a segment id', () => {
    const raw = JSON.parse('{"version":1,"defaultLocale":"en","segments":{"__proto__":{"device":"mobile"},"ok":{"device":"mobile"}}}');
    expect(pointersOf(raw)).toEqual(['/segments/__proto__']);
    expect(Object.keys(prepareConfig(raw).prepared!.segments)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a campaign referencing the __proto__ segment', () => {
    const raw = JSON.parse('{"version":1,"defaultLocale":"en","campaigns":[{"id":"x","audience":{"segment":"__proto__"},"content":{"en":{"title":"Hi"}}}]}');
    expect(pointersOf(raw)).toEqual(['/campaigns/0/audience/segment']);
  });

  it('rejects forbidden keys at the top level', () => {
    const raw = JSON.parse('{"version":1,"defaultLocale":"en","__proto__":{"polluted":true},"campaigns":[{"id":"ok","content":{"en":{"title":"Hi"}}}]}');
    expect(pointersOf(raw)).toEqual(['/__proto__']);
    expect(preparedIds(raw)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateConfig on unknown keys', () => {
  it('rejects a misspelt campaign field with a did-you-mean, so a typo never widens the audience', () => {
    const raw = config({ campaigns: [campaign({ id: 'typo', audiance: { device: 'mobile' } }), campaign({ id: 'ok' })] });
    const { errors } = validateConfig(raw);
    expect(errors).toEqual([{ pointer: '/campaigns/0/audiance', message: 'unknown campaign field "audiance" (did you mean "audience"?)' }]);
    expect(preparedIds(raw)).toEqual(['ok']);
  });

  it.each([
    [{ frequency: { maxImpresions: 2 } }, '/campaigns/0/frequency/maxImpresions', 'maxImpressions'],
    [{ layout: { type: 'modal', postion: 'top' } }, '/campaigns/0/layout/postion', 'position'],
    [{ trigger: { on: 'pageview', delay: 2 } }, '/campaigns/0/trigger/delay', 'delaySeconds'],
    [{ pages: { includes: ['/x'] } }, '/campaigns/0/pages/includes', 'include'],
    [{ cta: { action: 'link', url: '/x', href: '/y' } }, '/campaigns/0/cta/href', undefined],
  ])('rejects unknown nested field %j', (fields, pointer, suggestion) => {
    const { errors } = validateConfig(config({ campaigns: [campaign(fields)] }));
    expect(errors.map((e) => e.pointer)).toEqual([pointer]);
    if (suggestion) expect(errors[0].message).toContain(`did you mean "${suggestion}"`);
  });

  it('reports an unknown top-level key but keeps the config usable', () => {
    const raw = config({ segmentz: {}, campaigns: [campaign({ id: 'ok' })] });
    expect(validateConfig(raw).errors).toEqual([{ pointer: '/segmentz', message: 'unknown config field "segmentz" (did you mean "segments"?)' }]);
    expect(preparedIds(raw)).toEqual(['ok']);
  });
});

describe('validateConfig on catalog, offers, theme and analytics', () => {
  const catalog = {
    'SKU-TENT': { name: { en: 'Tent', de: 'Zelt' }, price: { USD: 249, EUR: 229 }, url: '/products/tent', crossSell: ['SKU-MAT'] },
    'SKU-MAT': { name: { en: 'Mat' }, price: { USD: 59 } },
  };

  it('accepts a catalog whose products link to each other and an offer naming catalog products', () => {
    const raw = config({ catalog, campaigns: [campaign({ kind: 'cross-sell', offer: { products: ['SKU-MAT'], limit: 1, coupon: 'CAMP10' } })] });
    expect(validateConfig(raw)).toEqual({ ok: true, errors: [] });
  });

  it.each([
    [{ catalog: { X: { price: { USD: 1 } } } }, '/catalog/X/name'],
    [{ catalog: { X: { name: { en: 'X' }, price: { usd: 1 } } } }, '/catalog/X/price/usd'],
    [{ catalog: { X: { name: { en: 'X' }, price: { USD: -1 } } } }, '/catalog/X/price/USD'],
    [{ catalog: { X: { name: { en: 'X' }, image: 'javascript:alert(1)' } } }, '/catalog/X/image'],
    [{ catalog: { X: { name: { en: 'X' }, crossSell: ['Y'] } } }, '/catalog/X/crossSell/0'],
    [{ catalog: { X: { name: { en_US: 'X' } } } }, '/catalog/X/name/en_US'],
    [{ catalog: { X: { name: { en: 'X' }, colour: 'red' } } }, '/catalog/X/colour'],
    [{ catalog, campaigns: [campaign({ offer: { products: ['SKU-MATT'] } })] }, '/campaigns/0/offer/products/0'],
    [{ catalog, campaigns: [campaign({ offer: { from: 'related' } })] }, '/campaigns/0/offer/from'],
    [{ catalog, campaigns: [campaign({ offer: { from: 'upsell', of: 'wishlist' } })] }, '/campaigns/0/offer/of'],
    [{ catalog, campaigns: [campaign({ offer: { from: 'upsell', limit: 0 } })] }, '/campaigns/0/offer/limit'],
    [{ catalog, campaigns: [campaign({ variants: [{ id: 'a', offer: { products: ['NOPE'] } }] })] }, '/campaigns/0/variants/0/offer/products/0'],
    [{ campaigns: [campaign({ kind: 'crossSell' })] }, '/campaigns/0/kind'],
    [{ theme: { radius: '12px' } }, '/theme/radius'],
    [{ theme: { accent: 5 } }, '/theme/accent'],
    [{ theme: { scheme: 'sepia' } }, '/theme/scheme'],
    [{ analytics: { beacon: 'javascript:alert(1)' } }, '/analytics/beacon'],
    [{ analytics: { dataLayer: 'yes' } }, '/analytics/dataLayer'],
    [{ consent: 'maybe' }, '/consent'],
  ])('rejects %j at its pointer', (fields, pointer) => {
    expect(pointersOf(config(fields))).toEqual([pointer]);
  });

  it('suggests the nearest product id for a typo in an offer', () => {
    const { errors } = validateConfig(config({ catalog, campaigns: [campaign({ offer: { products: ['SKU-MATT'] } })] }));
    expect(errors[0].message).toContain('did you mean "SKU-MAT"');
  });
});
