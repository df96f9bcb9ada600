import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from './compile';
import { compileCondition, explainCondition } from './conditions';
import { ConfigError } from './config-error';
import { SIGNALS, type Signals } from './signals';
import type { Condition } from '../types';
import { readJsonFixture } from '../../tests/unit/fixtures';

interface ValidCase {
  name: string;
  condition: Condition;
  signals: Signals;
  expected: boolean;
  segments?: Record<string, Condition>;
  now?: number;
}
interface InvalidCase {
  name: string;
  condition: Condition;
  pointer: string;
  segments?: Record<string, Condition>;
  message?: string;
}

const cases = readJsonFixture<{ valid: ValidCase[]; invalid: InvalidCase[] }>('conditions.cases.json');

function compileCase(c: { condition: Condition; segments?: Record<string, Condition>; now?: number }) {
  return compileCondition(c.condition, { segments: c.segments, now: c.now === undefined ? undefined : () => c.now! });
}

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The value a JSON pointer designates, or undefined when it leads nowhere. */
function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let value = root;
  for (const token of pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, token)) return undefined;
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}

/** `not` nested `levels` deep around a condition that holds for a mobile visitor. */
function nestNot(levels: number): Condition {
  let condition: Condition = { device: 'mobile' };
  for (let i = 0; i < levels; i++) condition = { not: condition };
  return condition;
}

describe('compileCondition on the shared cases', () => {
  it('has cases for every operator of the spec', () => {
    const used = new Set<string>();
    const walk = (value: unknown) => {
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        used.add(key);
        walk(child);
      }
    };
    cases.valid.forEach((c) => walk(c.condition));
    const operators = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'contains', 'startsWith', 'endsWith', 'matches', 'withinDays', 'olderThanDays'];
    expect(operators.filter((op) => !used.has(op))).toEqual([]);
  });

  describe.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
    it(`returns ${c.expected}`, () => {
      expect(compileCase(c)(c.signals)).toBe(c.expected);
    });

    it(c.expected ? 'explains a match' : 'explains the failure with a pointer into the condition', () => {
      const explanation = explainCondition(c.condition, c.signals, { segments: c.segments, now: c.now === undefined ? undefined : () => c.now! });
      expect(explanation.match).toBe(c.expected);
      if (c.expected) {
        expect(explanation.pointer).toBeUndefined();
      } else {
        expect(typeof explanation.pointer).toBe('string');
        const root = explanation.pointer!.startsWith('/segments/') ? { segments: c.segments } : c.condition;
        expect(resolvePointer(root, explanation.pointer!)).toBeDefined();
      }
    });
  });

  describe.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
    it(`throws a ConfigError at "${c.pointer}"`, () => {
      const error = thrownBy(() => compileCase(c));
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).pointer).toBe(c.pointer);
      if (c.message) expect((error as ConfigError).message).toContain(c.message);
    });

    it('is also rejected by explainCondition', () => {
      expect(() => explainCondition(c.condition, {}, { segments: c.segments })).toThrow(ConfigError);
    });
  });
});

describe('compileCondition', () => {
  it('prefixes error pointers with the pointer option', () => {
    const error = thrownBy(() => compileCondition({ productViews: { gtee: 2 } } as Condition, { pointer: '/campaigns/0/audience' }));
    expect((error as ConfigError).pointer).toBe('/campaigns/0/audience/productViews/gtee');
  });

  it(`accepts nesting ${MAX_DEPTH} levels deep`, () => {
    const test = compileCondition(nestNot(MAX_DEPTH));
    expect(test({ device: 'mobile' })).toBe(MAX_DEPTH % 2 === 0);
  });

  it('rejects nesting deeper than the limit, at the first level too deep', () => {
    const error = thrownBy(() => compileCondition(nestNot(MAX_DEPTH + 1)));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).pointer).toBe('/not'.repeat(MAX_DEPTH + 1));
    expect((error as ConfigError).message).toMatch(/nested deeper/);
  });

  it('rejects nesting 10,000 levels deep without overflowing the stack', () => {
    let condition: Condition = { device: 'mobile' };
    for (let i = 0; i < 10_000; i++) condition = { all: [condition] };
    const error = thrownBy(() => compileCondition(condition));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).pointer).toBe('/all/0'.repeat(MAX_DEPTH + 1));
  });

  it('reads the time from the now option on every evaluation, not once at compile time', () => {
    let now = Date.parse('2026-01-10T00:00:00Z');
    const test = compileCondition({ lastPurchaseAt: { withinDays: 7 } }, { now: () => now });
    const signals = { lastPurchaseAt: Date.parse('2026-01-05T00:00:00Z') };
    expect(test(signals)).toBe(true);
    now = Date.parse('2026-01-20T00:00:00Z');
    expect(test(signals)).toBe(false);
  });

  it('defaults now to Date.now', () => {
    const test = compileCondition({ lastSeen: { withinDays: 1 } });
    expect(test({ lastSeen: Date.now() - 3_600_000 })).toBe(true);
    expect(test({ lastSeen: Date.now() - 3 * 86_400_000 })).toBe(false);
  });

  it('never coerces a string where a number is expected', () => {
    const test = compileCondition({ productViews: { gt: 3 } });
    expect(test({ productViews: '5' })).toBe(false);
    expect(test({ productViews: 5 })).toBe(true);
  });

  it('fails a trait condition when there is no traits object', () => {
    expect(compileCondition({ 'traits.tier': 'gold' })({})).toBe(false);
    expect(compileCondition({ 'traits.tier': { ne: 'gold' } })({})).toBe(true);
  });

  it('does not read traits or signals from the prototype chain', () => {
    expect(compileCondition({ 'traits.toString': { exists: true } })({ traits: {} })).toBe(false);
    expect(compileCondition({ 'events.hasOwnProperty': 0 })({ events: {} })).toBe(true);
    // Prototype keys are rejected outright as names (RELIABILITY §14).
    expect(() => compileCondition({ 'events.constructor': 0 })).toThrow(ConfigError);
    expect(() => compileCondition({ 'traits.__proto__': { exists: true } })).toThrow(ConfigError);
  });

  it('never throws on odd signal shapes, whatever the condition', () => {
    const names = Object.keys(SIGNALS);
    const fill = (value: unknown) => Object.fromEntries(names.map((name) => [name, value]));
    const oddSignals: Signals[] = [
      {},
      Object.create(null),
      fill('x'),
      fill(7),
      fill(true),
      fill({}),
      fill([1, {}, null]),
      fill({ type: 'img', props: {} }),
      { ...fill(Number.NaN), traits: 'gold' as never, events: 'many' as never },
      { traits: null as never, events: null as never },
      { traits: [] as never, events: { wishlist_add: 'lots' } as never },
      { traits: { tier: { type: 'img' }, score: '12', age: null } },
    ];
    for (const c of cases.valid) {
      const test = compileCase(c);
      for (const signals of oddSignals) {
        expect(typeof test(signals)).toBe('boolean');
        expect(typeof explainCondition(c.condition, signals, { segments: c.segments }).match).toBe('boolean');
      }
    }
  });

  it('answers a pathological glob on a 10 kB string correctly', () => {
    const test = compileCondition({ url: { matches: '*a*a*a*a*a*b' } });
    const as = 'a'.repeat(10_000);
    expect(test({ url: as })).toBe(false);
    expect(test({ url: as + 'b' })).toBe(true);
    expect(test({ url: 'b' + as })).toBe(false);
    expect(test({ url: 'x'.repeat(10_000) + 'aaaab' })).toBe(false);
    expect(test({ url: 'x'.repeat(5_000) + 'axaxaxaxa' + 'y'.repeat(5_000) + 'b' })).toBe(true);
  });

  it('does not pollute Object.prototype when given a __proto__ key', () => {
    const condition = JSON.parse('{"__proto__": {"polluted": true}}');
    expect(() => compileCondition(condition)).toThrow(ConfigError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('explainCondition', () => {
  it('names the first failing leaf and the value found there', () => {
    const condition: Condition = { all: [{ device: 'mobile' }, { productViews: { gte: 3 } }, { cartAdds: 0 }] };
    expect(explainCondition(condition, { device: 'mobile', productViews: 1, cartAdds: 0 })).toEqual({
      match: false,
      pointer: '/all/1/productViews/gte',
      actual: 1,
    });
  });

  it('reports null as the value of a missing signal', () => {
    expect(explainCondition({ 'traits.tier': 'gold' }, { traits: {} })).toEqual({ match: false, pointer: '/traits.tier', actual: null });
  });

  it('points at the operator that failed when several must hold', () => {
    expect(explainCondition({ productViews: { gte: 2, lt: 5 } }, { productViews: 7 })).toMatchObject({ match: false, pointer: '/productViews/lt' });
  });

  it('points at the not when its condition holds', () => {
    expect(explainCondition({ not: { device: 'mobile' } }, { device: 'mobile' })).toMatchObject({ match: false, pointer: '/not' });
  });

  it('points at an empty any', () => {
    expect(explainCondition({ any: [] }, {})).toMatchObject({ match: false, pointer: '/any' });
  });

  it('points into the segment that failed', () => {
    const segments = { dach: { country: { in: ['DE', 'AT', 'CH'] } } };
    expect(explainCondition({ segment: 'dach' }, { country: 'FR' }, { segments })).toEqual({
      match: false,
      pointer: '/segments/dach/country/in',
      actual: 'FR',
    });
  });

  it('prefixes pointers with the pointer option', () => {
    expect(explainCondition({ device: 'mobile' }, { device: 'tablet' }, { pointer: '/campaigns/2/audience' })).toMatchObject({
      pointer: '/campaigns/2/audience/device',
    });
  });

  it('agrees with the compiled test on every shared case', () => {
    for (const c of cases.valid) {
      const options = { segments: c.segments, now: c.now === undefined ? undefined : () => c.now! };
      expect(explainCondition(c.condition, c.signals, options).match, c.name).toBe(compileCondition(c.condition, options)(c.signals));
    }
  });
});

describe('compiled conditions given no signals object at all', () => {
  it('answers instead of throwing', () => {
    const test = compileCondition({ any: [{ country: 'AT' }, { 'traits.tier': { ne: 'gold' } }, { 'events.x': 0 }] });
    expect(test(null as never)).toBe(true);
    expect(test(undefined as never)).toBe(true);
    expect(compileCondition({ country: 'AT' })(null as never)).toBe(false);
  });
});
