// @vitest-environment node
// The config contract has one source, the documented types in src/types.ts: the JSON Schema is
// generated from them (scripts/write-schema.mjs), and the runtime's own lists of known fields and
// allowed values (what "unknown field … did you mean" errors are made of) must be the schema's.
// When a field is added to the types, these fail until the schema is regenerated and the runtime
// knows the field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module script without types
import { renderSchema } from '../../scripts/write-schema.mjs';
import { prepareConfig } from '../../src/rules/prepare-config';

const root = join(__dirname, '../..');
const committed = readFileSync(join(root, 'src/schema.json'), 'utf8');
const schema = JSON.parse(committed);
const defs = schema.$defs as Record<string, { properties?: Record<string, { enum?: string[]; $ref?: string }>; oneOf?: { $ref: string }[] }>;

const base = () => ({ version: 1, defaultLocale: 'en', catalog: { P: { name: { en: 'P' } } } });
const withCampaign = (campaign: Record<string, unknown>) => ({ ...base(), campaigns: [{ id: 'c', content: { en: { title: 'x' } }, ...campaign }] });
const EXTRA = 'zzzNotAField';

/** The error prepareConfig gives the config at the pointer, with its list of allowed names. */
function allowedAt(config: unknown, pointer: string): string[] {
  const errors = prepareConfig(config).errors;
  const error = errors.find((e) => e.pointer === pointer);
  expect(error, `${pointer}: ${JSON.stringify(errors.map((e) => [e.pointer, e.code]))}`).toBeDefined();
  const params = error!.params as unknown[];
  return [...(params.find((p) => Array.isArray(p)) as string[])].sort();
}

const fieldsOf = (def: { properties?: object }) => Object.keys(def.properties ?? {}).sort();
const enumOf = (property: { enum?: string[]; $ref?: string } | undefined): string[] => {
  if (property?.$ref) return enumOf(defs[property.$ref.replace('#/$defs/', '')] as never);
  return [...(property?.enum ?? [])].sort();
};

describe('src/schema.json', () => {
  it('is generated from the documented types in src/types.ts (run `npm run schema` when this fails)', () => {
    expect(committed).toBe(renderSchema());
  });
});

describe("the runtime's known fields are the schema's", () => {
  const objects: [string, unknown, string, { properties?: object }][] = [
    ['config', { ...base(), [EXTRA]: 1 }, `/${EXTRA}`, schema],
    ['limits', { ...base(), limits: { [EXTRA]: 1 } }, `/limits/${EXTRA}`, defs.limits],
    ['theme', { ...base(), theme: { [EXTRA]: 1 } }, `/theme/${EXTRA}`, defs.theme],
    ['analytics', { ...base(), analytics: { [EXTRA]: 1 } }, `/analytics/${EXTRA}`, defs.analyticsSettings],
    ['catalog product', { ...base(), catalog: { P: { name: { en: 'P' }, [EXTRA]: 1 } } }, `/catalog/P/${EXTRA}`, defs.catalogProduct],
    ['campaign', withCampaign({ [EXTRA]: 1 }), `/campaigns/0/${EXTRA}`, defs.campaign],
    ['campaign pages', withCampaign({ pages: { [EXTRA]: [] } }), `/campaigns/0/pages/${EXTRA}`, defs.campaignPages],
    ['schedule', withCampaign({ schedule: { [EXTRA]: 1 } }), `/campaigns/0/schedule/${EXTRA}`, defs.schedule],
    ['frequency', withCampaign({ frequency: { [EXTRA]: 1 } }), `/campaigns/0/frequency/${EXTRA}`, defs.frequency],
    ['layout', withCampaign({ layout: { type: 'modal', [EXTRA]: 1 } }), `/campaigns/0/layout/${EXTRA}`, defs.layout],
    ['offer', withCampaign({ offer: { [EXTRA]: 1 } }), `/campaigns/0/offer/${EXTRA}`, defs.offer],
    ['cta', withCampaign({ cta: { action: 'dismiss', [EXTRA]: 1 } }), `/campaigns/0/cta/${EXTRA}`, defs.cta],
    ['content', withCampaign({ content: { en: { [EXTRA]: 'x' } } }), `/campaigns/0/content/en/${EXTRA}`, defs.contentFields],
    ['variant', withCampaign({ variants: [{ id: 'a', [EXTRA]: 1 }] }), `/campaigns/0/variants/0/${EXTRA}`, defs.variant],
    ['page types', { ...base(), pages: { [EXTRA]: [] } }, `/pages/${EXTRA}`, defs.pageTypes],
  ];
  it.each(objects)('%s', (_, config, pointer, def) => {
    expect(def, pointer).toBeDefined();
    expect(allowedAt(config, pointer)).toEqual(fieldsOf(def));
  });

  it('each trigger kind, with its own options', () => {
    const kinds = defs.trigger.oneOf!.map(({ $ref }) => defs[$ref.replace('#/$defs/', '')]);
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) {
      const on = (kind.properties!.on as { const: string }).const;
      const required = Object.fromEntries(Object.keys(kind.properties!).filter((f) => f !== 'on').map((f) => [f, f === 'event' ? 'e' : 1]));
      const config = withCampaign({ trigger: { on, ...required, [EXTRA]: 1 } });
      expect(allowedAt(config, `/campaigns/0/trigger/${EXTRA}`), on).toEqual(fieldsOf(kind));
    }
  });
});

describe("the runtime's allowed values are the schema's", () => {
  const BAD = 'zzzNotAValue';
  const values: [string, unknown, string, string[]][] = [
    ['consent', { ...base(), consent: BAD }, '/consent', enumOf(schema.properties.consent)],
    ['theme scheme', { ...base(), theme: { scheme: BAD } }, '/theme/scheme', enumOf(defs.theme.properties!.scheme)],
    ['campaign kind', withCampaign({ kind: BAD }), '/campaigns/0/kind', enumOf(defs.campaign.properties!.kind)],
    ['trigger', withCampaign({ trigger: { on: BAD } }), '/campaigns/0/trigger/on', enumOf(defs.trigger.properties!.on)],
    ['layout type', withCampaign({ layout: { type: BAD } }), '/campaigns/0/layout/type', enumOf(defs.layout.properties!.type)],
    ['layout position', withCampaign({ layout: { type: 'modal', position: BAD } }), '/campaigns/0/layout/position', enumOf(defs.layout.properties!.position)],
    ['cta action', withCampaign({ cta: { action: BAD } }), '/campaigns/0/cta/action', enumOf(defs.cta.properties!.action)],
    ['offer from', withCampaign({ offer: { from: BAD } }), '/campaigns/0/offer/from', enumOf(defs.offer.properties!.from)],
    ['offer of', withCampaign({ offer: { of: BAD } }), '/campaigns/0/offer/of', enumOf(defs.offer.properties!.of)],
  ];
  it.each(values)('%s', (_, config, pointer, expected) => {
    expect(expected.length, pointer).toBeGreaterThan(0);
    expect(allowedAt(config, pointer)).toEqual(expected);
  });
});
