import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import schema from '../schema.json';
import { validateConfig } from './validate';
import { prepareConfig } from './prepare-config';

// Issue 12, defects 2 and 4: a bad part of a config is rejected with its pointer, and only that
// part; theme values are data (SPEC §8).

const base = { version: 1, defaultLocale: 'en' };
const offering = (id: string, products: string[]) => ({ id, offer: { products }, content: { en: { title: `Buy {product}` } } });

/** A value nested `depth` lists deep. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('one bad catalog product', () => {
  it.each([
    ['image', 'javascript:alert(1)'],
    ['image', 'data:image/svg+xml,<svg onload=alert(1)>'],
    ['url', '\tjavascript:alert(1)'],
    ['image', '/\\evil.example/x.png'],
    ['price', { USD: -1 }],
    ['colour', 'red'],
  ])('with %s %j is rejected alone; its neighbour and the campaigns offering it still run', (field, value) => {
    const raw = {
      ...base,
      catalog: { good: { name: { en: 'Good' }, image: '/img/good.png', crossSell: ['bad'] }, bad: { name: { en: 'Bad' }, [field]: value } },
      campaigns: [offering('offers-good', ['good']), offering('offers-both', ['bad', 'good'])],
    };
    const { prepared, errors } = prepareConfig(raw);
    expect(errors.map((e) => e.pointer)).toEqual([field === 'price' ? '/catalog/bad/price/USD' : `/catalog/bad/${field}`]);
    expect(Object.keys(prepared!.catalog)).toEqual(['good']);
    expect(prepared!.campaigns.map((c) => c.id)).toEqual(['offers-good', 'offers-both']);
  });
});

describe('a value nested 10,000 deep', () => {
  const good = { id: 'good', content: { en: { title: 'Still here' } } };
  it.each([
    ['a campaign', { campaigns: [{ ...good, id: 'deep', content: { en: { title: nested(10_000) } } }, good] }, '/campaigns/0/content/en/title', 'campaigns'],
    ['a segment', { segments: { deep: { all: nested(10_000) }, fine: { device: 'mobile' } }, campaigns: [good] }, '/segments/deep/all', 'segments'],
    ['a catalog product', { catalog: { deep: { name: { en: 'x' }, upsell: nested(10_000) }, fine: { name: { en: 'Fine' } } }, campaigns: [good] }, '/catalog/deep/upsell', 'catalog'],
    ['the theme', { theme: { accent: nested(10_000) }, campaigns: [good] }, '/theme/accent', 'theme'],
    ['an unknown field', { extra: nested(10_000), campaigns: [good] }, '/extra', 'extra'],
  ])('in %s rejects that part with its pointer and keeps the rest running', (_, fields, pointer, part) => {
    const raw = { ...base, ...fields };
    const { prepared, errors } = prepareConfig(raw);
    expect(prepared).not.toBeNull();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.pointer.startsWith(pointer)).toBe(true);
    expect(errors.some((e) => e.code === 'too-deep')).toBe(true);
    expect(prepared!.campaigns.map((c) => c.id)).toEqual(['good']);
    if (part === 'segments') expect(Object.keys(prepared!.segments)).toEqual(['fine']);
    if (part === 'catalog') expect(Object.keys(prepared!.catalog)).toEqual(['fine']);
    if (part === 'theme') expect(prepared!.config.theme).toBeUndefined();
  });

  it('is reported once for each deep part, and validateConfig never overflows the stack', () => {
    const raw = { ...base, campaigns: [{ id: 'a', content: { en: { title: 'A' } }, audience: { all: nested(10_000) } }, { id: 'b', content: { en: { title: nested(20_000) } } }] };
    const { errors } = validateConfig(raw);
    expect(errors.map((e) => e.pointer.split('/').slice(0, 3).join('/'))).toEqual(['/campaigns/1', '/campaigns/0']);
  });
});

describe('a config object that contains itself (the npm entry takes objects, not only JSON)', () => {
  it('ends, and rejects the part that loops as too deep, keeping the rest running', () => {
    const loop: Record<string, unknown> = { title: 'Loop' };
    loop.self = loop;
    const raw = { ...base, campaigns: [{ id: 'loop', content: { en: loop } }, { id: 'good', content: { en: { title: 'Still here' } } }] };
    const { prepared, errors } = prepareConfig(raw);
    expect(errors.map((e) => e.code)).toEqual(['too-deep']);
    expect(errors[0].pointer.startsWith('/campaigns/0/content/en/self/self/')).toBe(true);
    expect(prepared!.campaigns.map((c) => c.id)).toEqual(['good']);
  });
});

describe('theme values are data (SPEC §8)', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', () => true);
  ajv.addFormat('uri-reference', () => true);
  const schemaAccepts = ajv.compile(schema);

  const COLOURS = ['#0a7d4f', '#abc', '#abcd', '#AABBCCDD', 'rgb(10, 125, 79)', 'rgb(10 125 79 / 50%)', 'rgba(0,0,0,.5)', 'hsl(155deg 85% 27%)', 'hsla(155, 85%, 27%, 0.4)'];
  const NOT_COLOURS = [
    'url(https://evil.example/x.png)', 'image-set("https://evil.example/x.png" 1x)', 'red;}*{display:none}', 'red', '#0a7d4f;', '#0a7d4f}',
    'rgb(1,2,3) url(x)', 'rgb(var(--x))', '/* x */ #fff', '\\75rl(x)', 'expression(alert(1))', 'rgb(1 2 3);background:url(x)', '', '#12', '#12345',
  ];
  const FONTS = ['inherit', 'system-ui, sans-serif', '"Trail Sans", Georgia, serif', "'Open Sans'"];
  const NOT_FONTS = ['url(https://evil.example/f.woff)', 'x;}*{display:none}', 'Inter /* */', '"Inter', 'a\\62 c', 'Inter, local(x)'];

  it.each(COLOURS)('accepts the colour %j in every colour field, in the validator, the runtime and the schema', (colour) => {
    const raw = { ...base, theme: { accent: colour, text: colour, background: colour } };
    expect(validateConfig(raw)).toEqual({ ok: true, errors: [] });
    expect(prepareConfig(raw).prepared!.config.theme).toEqual(raw.theme);
    expect(schemaAccepts(raw)).toBe(true);
  });

  it.each(NOT_COLOURS)('rejects %j in a colour field with its pointer; the runtime leaves it out, the schema rejects it', (value) => {
    for (const field of ['accent', 'text', 'background']) {
      const raw = { ...base, theme: { [field]: value, radius: 4 } };
      expect(validateConfig(raw).errors.map((e) => e.pointer)).toEqual([`/theme/${field}`]);
      expect(prepareConfig(raw).prepared!.config.theme).toEqual({ radius: 4 });
      expect(schemaAccepts(raw)).toBe(false);
    }
  });

  it.each(FONTS)('accepts the font %j', (font) => {
    const raw = { ...base, theme: { font } };
    expect(validateConfig(raw)).toEqual({ ok: true, errors: [] });
    expect(schemaAccepts(raw)).toBe(true);
  });

  it.each(NOT_FONTS)('rejects the font %j with its pointer', (font) => {
    const raw = { ...base, theme: { font } };
    expect(validateConfig(raw).errors.map((e) => e.pointer)).toEqual(['/theme/font']);
    expect(prepareConfig(raw).prepared!.config.theme).toEqual({});
    expect(schemaAccepts(raw)).toBe(false);
  });
});

describe('a segment rejected for what it holds', () => {
  it.each([
    ['a prototype key', JSON.parse('{"all": [{"device": "mobile"}], "__proto__": "x"}')],
    ['too deep a value', { any: nested(80) }],
  ])('with %s rejects the campaigns naming it, and only them, without throwing', (_, bad) => {
    const raw = {
      ...base,
      segments: { bad, good: { device: 'mobile' } },
      campaigns: [
        { id: 'names-bad', audience: { any: [{ segment: 'good' }, { segment: 'bad' }] }, content: { en: { title: 'x' } } },
        { id: 'names-good', audience: { segment: 'good' }, content: { en: { title: 'y' } } },
      ],
    };
    const { prepared, errors } = prepareConfig(raw);
    expect(errors.some((e) => e.pointer.startsWith('/segments/bad'))).toBe(true);
    expect(errors.map((e) => [e.pointer, e.code])).toContainEqual(['/campaigns/0/audience/any/1/segment', 'unknown-segment']);
    expect(Object.keys(prepared!.segments)).toEqual(['good']);
    expect(prepared!.campaigns.map((c) => c.id)).toEqual(['names-good']);
  });
});
