import { describe, it, expect } from 'vitest';
import schema from './schema.json';
import { SIGNALS } from './rules/signals';
import { createSchemaValidator } from '../tests/unit/schema-validator';

const validate = createSchemaValidator();

/** The config of SPEC §6 with the campaign of SPEC §7, completed so that it is valid. */
function specConfig(): Record<string, any> {
  return {
    $schema: './node_modules/segmint/schema.json',
    version: 1,
    defaultLocale: 'en',
    currency: 'USD',
    pages: { product: ['/products/*'], category: ['/collections/*'], cart: ['/cart'], checkout: ['/checkout*'] },
    catalog: {
      'SKU-TENT-2P': {
        name: { en: 'Trail Tent 2P', de: 'Trekkingzelt 2P' },
        price: { USD: 249, EUR: 229 },
        image: '/img/tent-2p.jpg',
        url: '/products/trail-tent-2p',
        upsell: ['SKU-TENT-3P'],
        crossSell: ['SKU-MAT', 'SKU-LAMP'],
      },
      'SKU-TENT-3P': { name: { en: 'Trail Tent 3P' }, price: { USD: 329 }, category: 'tents' },
      'SKU-MAT': { name: { en: 'Sleeping Mat' }, price: { USD: 59 }, category: 'sleeping' },
      'SKU-LAMP': { name: { en: 'Camp Lamp' }, price: { USD: 29 }, category: 'lighting' },
    },
    segments: {
      dach: { country: { in: ['DE', 'AT', 'CH'] } },
      'mobile-browsers': { all: [{ device: 'mobile' }, { productViews: { gte: 3 } }, { cartAdds: 0 }] },
      'lapsed-buyers': { purchases: { gte: 1 }, lastPurchaseAt: { olderThanDays: 60 } },
    },
    campaigns: [
      {
        id: 'tent-cross-sell',
        kind: 'cross-sell',
        audience: { all: [{ segment: 'dach' }, { pageType: 'product' }] },
        pages: { include: ['/products/*'], exclude: ['/checkout*'] },
        trigger: { on: 'scroll', percent: 50 },
        schedule: { from: '2026-12-01T00:00:00Z', until: '2027-01-06T00:00:00Z', hours: [8, 22], weekdays: [1, 2, 3, 4, 5, 6, 7] },
        frequency: { maxImpressions: 3, maxPerSession: 1, cooldownHours: 24, afterDismissHours: 168, afterConversionHours: 720 },
        priority: 10,
        holdout: 10,
        layout: { type: 'slide-in', position: 'bottom-right' },
        offer: { from: 'crossSell', of: 'current', limit: 2, coupon: 'CAMP10' },
        content: {
          en: { title: 'Complete your setup', body: 'Campers who chose {product} also pack these.', cta: 'Add to cart', dismiss: 'No thanks' },
          de: { title: 'Komplettiere deine Ausrüstung', body: 'Zu {product} passt auch:', cta: 'In den Warenkorb', dismiss: 'Nein danke' },
        },
        cta: { action: 'add-to-cart' },
        variants: [{ id: 'a', weight: 50 }, { id: 'b', weight: 50, content: { en: { title: "Don't forget these" } } }],
      },
    ],
    limits: { maxPerSession: 2, minSecondsBetween: 30 },
    theme: { accent: '#0a7d4f', radius: 12, font: 'inherit' },
    analytics: { dataLayer: true, beacon: 'https://collect.example.com/e', respectGPC: true },
  };
}

function errorsOf(config: unknown) {
  expect(validate(config)).toBe(false);
  return validate.errors ?? [];
}

/** Asserts the config is invalid with an error at `instancePath` (and, if given, with that keyword). */
function expectErrorAt(config: unknown, instancePath: string, keyword?: string) {
  const errors = errorsOf(config);
  const here = errors.filter((error) => error.instancePath === instancePath && (!keyword || error.keyword === keyword));
  expect(here, JSON.stringify(errors, null, 2)).not.toHaveLength(0);
  return here;
}

const withSegment = (condition: unknown) => ({ version: 1, defaultLocale: 'en', segments: { x: condition } });
const withCampaign = (change: (campaign: Record<string, any>) => void) => {
  const config = specConfig();
  change(config.campaigns[0]);
  return config;
};

describe('schema.json', () => {
  it('compiles in strict mode', () => {
    expect(typeof validate).toBe('function');
  });

  it('accepts the SPEC §6/§7 example config', () => {
    const ok = validate(specConfig());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts the smallest config and conditions of every signal kind', () => {
    expect(validate({ version: 1, defaultLocale: 'en' })).toBe(true);
    const condition = {
      any: [
        { not: { device: { in: ['mobile', 'tablet'] } } },
        { languages: 'de', viewedCategories: { contains: 'tents' }, cartItems: { nin: ['SKU-MAT'] } },
        { firstSeen: { gte: '2026-01-01T00:00:00Z', lt: 1800000000000 }, lastSeen: { withinDays: 7 } },
        { lastPurchaseAt: { between: ['2026-01-01T00:00:00+01:00', 1800000000000] } },
        { path: { matches: '/products/*' }, referrer: { exists: false }, touch: true },
        { 'traits.tier': 'gold', 'traits.age': { gte: 18 }, 'events.wishlist_add': { gte: 2 } },
        { pageType: { ne: 'checkout' }, os: { startsWith: 'mac' }, referrerType: 'search' },
      ],
    };
    const ok = validate(withSegment(condition));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('flags a value of the wrong type for an operator', () => {
    expectErrorAt(withSegment({ productViews: { gte: 'two' } }), '/segments/x/productViews/gte', 'type');
  });

  it('flags an unknown signal', () => {
    const [error] = expectErrorAt(withSegment({ batteryLevel: { lt: 20 } }), '/segments/x', 'additionalProperties');
    expect(error.params).toEqual({ additionalProperty: 'batteryLevel' });
  });

  it('flags an unknown operator', () => {
    const [error] = expectErrorAt(withSegment({ productViews: { gtee: 2 } }), '/segments/x/productViews', 'additionalProperties');
    expect(error.params).toEqual({ additionalProperty: 'gtee' });
  });

  it('flags a value outside an enum signal', () => {
    expectErrorAt(withSegment({ device: 'phone' }), '/segments/x/device', 'enum');
    expectErrorAt(withSegment({ device: { in: ['mobile', 'phone'] } }), '/segments/x/device/in/1', 'enum');
  });

  it('flags operators that do not apply to the signal kind', () => {
    expectErrorAt(withSegment({ touch: { gt: 1 } }), '/segments/x/touch', 'additionalProperties');
    expectErrorAt(withSegment({ country: { withinDays: 3 } }), '/segments/x/country', 'additionalProperties');
    expectErrorAt(withSegment({ lastSeen: { withinDays: -1 } }), '/segments/x/lastSeen/withinDays', 'minimum');
    expectErrorAt(withSegment({ cartValue: { between: [1, 2, 3] } }), '/segments/x/cartValue/between', 'maxItems');
    expectErrorAt(withSegment({ firstSeen: { gt: '2026-01-01' } }), '/segments/x/firstSeen/gt', 'anyOf');
    expectErrorAt(withSegment({ 'events.signup': 'yes' }), '/segments/x/events.signup', 'type');
  });

  it('flags a campaign without content', () => {
    const [error] = expectErrorAt(withCampaign((campaign) => delete campaign.content), '/campaigns/0', 'required');
    expect(error.params).toEqual({ missingProperty: 'content' });
  });

  it('flags an unsupported config version', () => {
    expectErrorAt({ ...specConfig(), version: 2 }, '/version', 'const');
  });

  it('flags an unknown trigger', () => {
    expectErrorAt(withCampaign((campaign) => (campaign.trigger = { on: 'hover' })), '/campaigns/0/trigger/on', 'enum');
  });

  it('flags a negative frequency cap', () => {
    expectErrorAt(withCampaign((campaign) => (campaign.frequency = { maxImpressions: -1 })), '/campaigns/0/frequency/maxImpressions', 'minimum');
  });

  it('flags unknown keys in fixed-shape objects', () => {
    expectErrorAt({ ...specConfig(), themes: {} }, '', 'additionalProperties');
    expectErrorAt(withCampaign((campaign) => (campaign.content.en.titel = 'x')), '/campaigns/0/content/en', 'additionalProperties');
    expectErrorAt(withCampaign((campaign) => (campaign.trigger = { on: 'scroll', precent: 50 })), '/campaigns/0/trigger', 'oneOf');
  });

  it('describes every property of every object', () => {
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${at}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const object = node as Record<string, unknown>;
      for (const keyword of ['properties', 'patternProperties']) {
        const properties = object[keyword];
        if (typeof properties !== 'object' || properties === null) continue;
        for (const [name, property] of Object.entries(properties)) {
          const description = (property as { description?: unknown }).description;
          if (typeof description !== 'string' || description.trim() === '') missing.push(`${at}/${keyword}/${name}`);
        }
      }
      for (const [key, child] of Object.entries(object)) walk(child, `${at}/${key}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });

  it('names exactly the signals of the catalogue, with their enum values', () => {
    const condition = schema.$defs.condition;
    const combinators = ['all', 'any', 'not', 'segment'];
    expect(Object.keys(condition.properties).sort()).toEqual([...combinators, ...Object.keys(SIGNALS)].sort());
    const defs = schema.$defs as Record<string, any>;
    for (const [name, spec] of Object.entries(SIGNALS)) {
      const property = (condition.properties as Record<string, unknown>)[name] as { $ref: string };
      const def = property.$ref.replace('#/$defs/', '');
      if (spec.values) {
        expect(def, name).toBe(`${name}Signal`);
        expect(defs[`${name}Value`].enum, name).toEqual(spec.values);
      } else {
        expect(def, name).toBe(`${spec.kind}Signal`);
      }
    }
  });
});

describe('schema.json: inline placements and click triggers', () => {
  const withCampaign = (fields: Record<string, unknown>) => ({ version: 1, defaultLocale: 'en', campaigns: [{ id: 'c', content: { en: { title: 't' } }, ...fields }] });
  it('accepts an inline layout with a slot and a click trigger with a selector', () => {
    expect(validate(withCampaign({ layout: { type: 'inline', slot: 'pdp-below-price' } }))).toBe(true);
    expect(validate(withCampaign({ trigger: { on: 'click', selector: '#open' } }))).toBe(true);
  });
  it('rejects an inline layout without a slot or with a position, a slot on a popup, and a click trigger without a selector', () => {
    expect(validate(withCampaign({ layout: { type: 'inline' } }))).toBe(false);
    expect(validate(withCampaign({ layout: { type: 'inline', slot: 'x', position: 'top' } }))).toBe(false);
    expect(validate(withCampaign({ layout: { type: 'modal', slot: 'x' } }))).toBe(false);
    expect(validate(withCampaign({ trigger: { on: 'click' } }))).toBe(false);
  });
});
