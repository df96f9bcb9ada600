import { describe, expect, it } from 'vitest';
import { LIST_SIGNALS, TIMESTAMP_SIGNALS, createConditionBuilder } from './build-condition';
import { LEAF_TESTS } from './leaf-tests';
import { OPERATOR_CHECKS } from './operators';
import { SIGNALS } from './signals';
import { createConditionCompiler } from './compile';
import type { Condition } from '../types';

const namesOfKind = (kind: string) => Object.keys(SIGNALS).filter((name) => SIGNALS[name].kind === kind).sort();

describe('the core condition builder', () => {
  it('knows the list and timestamp signals of the catalogue', () => {
    expect([...LIST_SIGNALS].sort()).toEqual(namesOfKind('list'));
    expect([...TIMESTAMP_SIGNALS].sort()).toEqual(namesOfKind('timestamp'));
  });

  it('builds every operator the checks accept, and no other', () => {
    expect(Object.keys(LEAF_TESTS).sort()).toEqual(Object.keys(OPERATOR_CHECKS).sort());
  });

  it('reads a timestamp given as an ISO instant as epoch ms, in every operator that takes one', () => {
    const at = Date.parse('2026-01-02T00:00:00Z');
    const conditions: [Condition, boolean][] = [
      [{ firstSeen: '2026-01-02T00:00:00Z' }, true],
      [{ firstSeen: { ne: '2026-01-02T00:00:00Z' } }, false],
      [{ firstSeen: { in: ['2025-01-01T00:00:00Z', '2026-01-02T01:00:00+01:00'] } }, true],
      [{ firstSeen: { nin: ['2026-01-02T00:00:00Z'] } }, false],
      [{ firstSeen: { gt: '2026-01-01T23:59:59Z' } }, true],
      [{ lastSeen: { between: ['2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z'] } }, true],
      [{ lastPurchaseAt: { lt: '2026-01-02T00:00:00Z' } }, false],
    ];
    const signals = { firstSeen: at, lastSeen: at, lastPurchaseAt: at };
    for (const [condition, expected] of conditions) {
      expect(createConditionBuilder().build(condition).test(signals), JSON.stringify(condition)).toBe(expected);
    }
  });

  it('answers as the checking compiler does, with the same failure pointers, for checked conditions', () => {
    const segments: Record<string, Condition> = { dach: { country: { in: ['DE', 'AT', 'CH'] } }, loyal: { all: [{ segment: 'dach' }, { purchases: { gte: 2 } }] } };
    const condition: Condition = { any: [{ segment: 'loyal' }, { not: { viewedProducts: 'p1' } }, { 'traits.tier': 'gold', 'events.signup': { gt: 0 } }] };
    const built = createConditionBuilder({ segments }).build(condition, '/campaigns/0/audience');
    const compiled = createConditionCompiler({ segments }).compile(condition, '/campaigns/0/audience');
    const visitors = [
      { country: 'DE', purchases: 3 },
      { country: 'FR', purchases: 3, viewedProducts: ['p1'] },
      { viewedProducts: ['p1'], traits: { tier: 'gold' }, events: { signup: 1 } },
      { viewedProducts: ['p1'], traits: { tier: 'gold' } },
      {},
    ];
    for (const visitor of visitors) {
      expect(built.test(visitor)).toBe(compiled.test(visitor));
      expect(built.explain(visitor)).toEqual(compiled.explain(visitor));
    }
    expect(visitors.map((v) => built.test(v))).toEqual([true, false, true, false, true]);
  });
});
