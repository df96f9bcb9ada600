// @vitest-environment node
// The JSON Schema (what editors check as the marketer types) and validateConfig (what the runtime
// and `segmint validate` check) must give every config the same verdict: valid or not. Messages
// may differ; the verdict may not, except where no JSON Schema can follow: checks that relate two
// places of a config (a segment named elsewhere, ids unique across a list, the content of the
// locale `defaultLocale` names, bounds in order). Those are validateConfig's alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareConfig } from '../../src/rules/prepare-config';
import type { ConfigErrorCode } from '../../src/rules/config-error-codes';
import { SIGNALS } from '../../src/rules/signals';
import { createSchemaValidator } from './schema-validator';

// The verdict only: the first error is enough.
const validateSchema = createSchemaValidator({ allErrors: false });
const fixtures = join(__dirname, '../fixtures/configs');

/** Errors that relate one place of a config to another, which JSON Schema cannot express. */
const RELATIONAL = new Set<ConfigErrorCode>([
  'unknown-segment', 'segment-cycle', 'invalid-segment', 'duplicate-campaign-id', 'duplicate-variant-id', 'missing-default-content',
  'unknown-product', 'until-before-from', 'between-reversed', 'no-variant-weight', 'add-to-cart-needs-products', 'copy-coupon-needs-coupon',
  'teaser-needs-text', 'duplicate-option-value',
]);

/**
 * Whether the two agree: valid for one is valid for the other, except that validateConfig alone
 * rejects relational mistakes. (It reports a campaign's first error only, so a relational one
 * may hide another the schema sees: then both say invalid, which agrees.)
 */
function agree(config: unknown): boolean {
  const schema = validateSchema(config) as boolean;
  const codes = prepareConfig(config).errors.map((error) => error.code);
  if (codes.length === 0) return schema;
  if (codes.some((code) => !RELATIONAL.has(code))) return !schema;
  return true;
}

/** Whether validateConfig accepts the config outright. */
function isValid(config: unknown): boolean {
  return prepareConfig(config).errors.length === 0;
}

/** A config value: most often a right one, sometimes a near miss, sometimes anything. */
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constant(''), fc.constant('x'), fc.constant([]), fc.constant({}));
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: junk, weight: 1 });
const optional = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });

const locale = pick('en', 'de', 'de-AT', 'fr', 'EN', 'en_US', 'x-1');
const glob = pick('/products/*', '/cart', '*', '/a?c', '', 'products');
const instant = pick('2026-12-01T00:00:00Z', '2026-12-01T00:00Z', '2026-12-01T00:00:00+01:00', '2026-12-01', 'tomorrow', '2026-13-01T00:00:00Z');
const signalName = pick(...Object.keys(SIGNALS), 'traits.tier', 'events.wishlist_add', 'productView', 'traits.', 'events.a.b', 'traits.__proto__');
const operator = pick('eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'contains', 'startsWith', 'endsWith', 'matches', 'withinDays', 'olderThanDays', 'gtee');
const operand = fc.oneof(
  fc.integer({ min: -2, max: 100 }), fc.double({ min: -1, max: 10, noNaN: true }), fc.boolean(), fc.constant(null),
  pick('mobile', 'phone', 'AT', 'product', 'chrome', '/p/*', ''), fc.constant([1, 5]), fc.constant([5, 1]), fc.constant(['DE', 'AT']), fc.constant([]), fc.constant([1, 'a']),
);
const condition: fc.Arbitrary<unknown> = fc.letrec<{ c: unknown }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.dictionary(signalName, fc.oneof(operand, fc.dictionary(operator, operand, { minKeys: 1, maxKeys: 2 })), { minKeys: 1, maxKeys: 2 }),
    fc.record({ all: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
    fc.record({ segment: pick('dach', 'missing', 'loop') }),
    junk,
  ),
})).c;

const contentFields = optional({ title: maybe(pick('Hi', '{product}', '')), body: maybe(pick('Text {coupon}', '{countdown}')), cta: maybe(pick('Go')), dismiss: maybe(pick('No')), close: maybe(pick('Close')), teaser: maybe(pick('Tab')), thanks: maybe(pick('Thanks')), titel: pick('typo') });
const content = fc.oneof({ arbitrary: fc.dictionary(locale, maybe(contentFields), { minKeys: 1, maxKeys: 2 }), weight: 5 }, { arbitrary: junk, weight: 1 });
const trigger = fc.oneof(
  optional({ on: pick('pageview'), delaySeconds: maybe(fc.integer({ min: -1, max: 10 })) }),
  optional({ on: pick('scroll'), percent: maybe(fc.integer({ min: -1, max: 120 })) }),
  optional({ on: pick('idle', 'time-on-site'), seconds: maybe(fc.integer({ min: -1, max: 60 })) }),
  optional({ on: pick('event'), event: maybe(pick('add_to_cart', '')) }),
  optional({ on: pick('click'), selector: maybe(pick('[data-open]', '', '<<<')) }),
  optional({ on: pick('exit-intent', 'exit', 'hover') }),
);
const offer = fc.oneof(
  optional({ products: maybe(fc.constant(['SKU-A', 'SKU-B'])), limit: maybe(fc.integer({ min: -1, max: 5 })), coupon: maybe(pick('CAMP10', '')) }),
  optional({ from: maybe(pick('upsell', 'crossSell', 'cross-sell')), of: maybe(pick('current', 'cart', 'viewed', 'page')), limit: maybe(fc.integer({ min: 0, max: 3 })) }),
);
const variant = optional({ id: maybe(pick('a', 'b', 'default', '')), weight: maybe(fc.integer({ min: -1, max: 100 })), content, layout: maybe(optional({ type: pick('modal', 'sheet') })), offer, cta: maybe(optional({ action: pick('dismiss', 'copy-coupon') })) });
const campaign = optional({
  id: maybe(pick('one', 'two', 'one', '')),
  kind: maybe(pick('upsell', 'cross-sell', 'announcement', 'question', 'banner')),
  audience: condition,
  pages: maybe(optional({ include: fc.array(glob, { maxLength: 2 }), exclude: fc.array(glob, { maxLength: 2 }) })),
  trigger: maybe(trigger),
  schedule: maybe(optional({ from: instant, until: instant, hours: maybe(fc.constantFrom([8, 22], [22, 8], [0, 24], [5], [-1, 3])), weekdays: maybe(fc.constantFrom([1, 7], [0], [8], [])) })),
  frequency: maybe(optional({ maxImpressions: maybe(fc.integer({ min: -1, max: 5 })), maxPerSession: maybe(fc.double({ min: 0, max: 3, noNaN: true })), cooldownHours: maybe(fc.integer({ min: 0, max: 48 })), afterDismissHours: maybe(pick<unknown>(168, '168')), afterConversionHours: maybe(pick(720, 1e12)) })),
  priority: maybe(fc.oneof(fc.integer({ min: -5, max: 10 }), fc.double({ min: -1, max: 1, noNaN: true }))),
  holdout: maybe(fc.integer({ min: -1, max: 101 })),
  attributionHours: maybe(fc.integer({ min: -1, max: 48 })),
  layout: maybe(fc.oneof(optional({ type: pick('modal', 'slide-in', 'bar', 'sheet', 'popup'), position: pick('bottom-right', 'top', 'bottom', 'middle') }), optional({ type: pick('inline'), slot: maybe(pick('pdp', '')) }))),
  offer: maybe(offer),
  content,
  cta: maybe(fc.oneof(optional({ action: pick('link'), url: maybe(pick('/p', 'https://x.example/', 'javascript:alert(1)', '')) }), optional({ action: pick('add-to-cart', 'copy-coupon', 'dismiss', 'buy') }))),
  variants: maybe(fc.array(variant, { maxLength: 3 })),
  teaser: maybe(optional({ position: pick('bottom-left', 'bottom-right', 'left'), first: fc.boolean() })),
  countdown: maybe(fc.oneof(optional({ until: instant }), optional({ minutes: fc.integer({ min: -1, max: 60 }) }))),
  question: maybe(optional({ trait: pick('brewMethod', ''), options: maybe(fc.array(optional({ value: maybe(pick('espresso', 'filter')), label: maybe(fc.dictionary(locale, pick('Espresso'), { maxKeys: 2 })) }), { maxLength: 2 })) })),
  audiance: pick('typo'),
});
const configArbitrary = optional({
  $schema: pick('./node_modules/segmint/schema.json'),
  version: fc.oneof({ arbitrary: fc.constant(1), weight: 8 }, { arbitrary: pick<unknown>(2, '1', 0), weight: 1 }),
  defaultLocale: fc.oneof({ arbitrary: pick('en'), weight: 8 }, { arbitrary: locale, weight: 2 }, { arbitrary: junk, weight: 1 }),
  currency: maybe(pick('USD', 'EUR', 'usd', 'EURO')),
  consent: maybe(pick('required', 'granted', 'denied')),
  pages: maybe(optional({ product: fc.array(glob, { maxLength: 2 }), cart: fc.array(glob, { maxLength: 1 }), blog: fc.array(glob, { maxLength: 1 }) })),
  catalog: maybe(fc.dictionary(pick('SKU-A', 'SKU-B', ''), optional({ name: maybe(fc.dictionary(locale, pick('Tent'), { maxKeys: 2 })), price: maybe(fc.dictionary(pick('USD', 'EUR', 'usd'), fc.oneof(fc.integer({ min: -1, max: 300 }), pick('9')), { maxKeys: 2 })), image: maybe(pick('/img/a.jpg', 'javascript:x')), url: maybe(pick('/p/a', 'https://x.example/p')), upsell: maybe(fc.constant(['SKU-B'])), crossSell: maybe(fc.constant(['SKU-A', 'SKU-Z'])), category: maybe(pick('tents')) }), { maxKeys: 2 })),
  segments: maybe(fc.dictionary(pick('dach', 'loop', 'other', '__proto__'), fc.oneof(condition, fc.constant({ segment: 'loop' })), { maxKeys: 3 })),
  campaigns: maybe(fc.array(campaign, { maxLength: 3 })),
  limits: maybe(optional({ maxPerSession: maybe(fc.integer({ min: -1, max: 3 })), minSecondsBetween: maybe(fc.integer({ min: -1, max: 60 })) })),
  theme: maybe(optional({ accent: maybe(pick('#0a7d4f', '#fff', 'rgb(0, 0, 0)', 'hsl(120 50% 50%)', 'red', 'url(x)', '#12345')), radius: maybe(pick<unknown>(12, -1, '12px')), font: maybe(pick('inherit', 'Georgia, serif', '}')), text: maybe(pick('#111')), background: maybe(pick('#fff')), scheme: maybe(pick('light', 'dark', 'auto', 'blue')) })),
  analytics: maybe(optional({ dataLayer: maybe(fc.boolean()), beacon: maybe(pick('https://collect.example.com/e', '/e', 'ftp://x')), respectGPC: maybe(fc.boolean()) })),
});

/** The valid fixtures, each changed in up to three places: near-valid configs, valid ones often. */
const bases = readdirSync(join(fixtures, 'valid')).map((file) => JSON.parse(readFileSync(join(fixtures, 'valid', file), 'utf8')));
const POOL: unknown[] = [0, 1, -1, 2.5, 100, '', 'x', 'en', 'de-AT', 'USD', 'mobile', 'product', true, false, null, [], {}, ['a'], [1, 2], '2026-12-01T00:00:00Z', '#fff', '/p/*', 'https://x.example/'];
const mutation = fc.record({ path: fc.nat(), kind: fc.nat({ max: 3 }), value: fc.constantFrom(...POOL), key: fc.constantFrom('extra', 'id', 'weight', 'en', 'title', 'gte', 'on', '__proto__') });
const mutatedFixture = fc.tuple(fc.nat({ max: bases.length - 1 }), fc.array(mutation, { maxLength: 3 })).map(([base, mutations]) => {
  const config = structuredClone(bases[base]);
  for (const { path, kind, value, key } of mutations) {
    const containers = listContainers(config);
    if (!containers.length) break;
    const [parent, at] = containers[path % containers.length];
    if (kind === 0) parent[at] = structuredClone(value);
    else if (kind === 1 && !Array.isArray(parent)) delete parent[at];
    else if (kind === 2 && parent[at] && typeof parent[at] === 'object' && !Array.isArray(parent[at])) Object.defineProperty(parent[at], key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(parent[at]) && parent[at].length) parent[at].push(structuredClone(parent[at][0]));
  }
  return config;
});

/** Every [container, key] of a JSON value, for picking where to change it. */
function listContainers(root: any): [any, string | number][] {
  const found: [any, string | number][] = [];
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      found.push([node, Array.isArray(node) ? Number(key) : key]);
      visit(node[key]);
    }
  };
  visit(root);
  return found;
}

describe('the JSON Schema and validateConfig', () => {
  it('give every fixture config the same verdict', () => {
    for (const kind of ['valid', 'invalid']) {
      for (const file of readdirSync(join(fixtures, kind)).filter((f) => f.endsWith('.json') && f !== 'expected.json')) {
        let config: unknown;
        try {
          config = JSON.parse(readFileSync(join(fixtures, kind, file), 'utf8'));
        } catch {
          continue; // Not JSON at all (a truncated file): neither ever sees it.
        }
        expect(isValid(config), `${kind}/${file}`).toBe(kind === 'valid');
        expect(agree(config), `${kind}/${file}`).toBe(true);
        if (kind === 'valid') expect(validateSchema(config), `${kind}/${file}`).toBe(true);
      }
    }
  });

  it('give 10,000 generated configs the same verdict', { timeout: 240_000 }, () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(configArbitrary, mutatedFixture), (config) => {
        if (isValid(config)) valid++;
        if (!agree(config)) {
          const why = validateSchema.errors?.map((e) => `${e.instancePath} ${e.message}`).join('; ');
          throw new Error(`schema says ${why ? `invalid (${why})` : 'valid'}, validateConfig ${JSON.stringify(prepareConfig(config).errors.map((e) => [e.pointer, e.code]))}`);
        }
      }),
      { numRuns: 10_000, seed: Number(process.env.SEGMINT_FUZZ_SEED ?? 1) },
    );
    // The generator must reach both verdicts often, or the comparison says little.
    expect(valid).toBeGreaterThan(500);
  });
});
