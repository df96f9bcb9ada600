import type { Condition } from '../types';
import { LEAF_TESTS, buildEquals, type LeafTest } from './leaf-tests';
import type { Signals } from './signals';
import { joinPointer } from '../lib/pointer';

/** Where a condition failed: the JSON pointer of the first failing leaf and the value found there. */
export interface Failure {
  pointer: string;
  actual?: unknown;
}

/** A compiled condition: a fast test, and a slower twin that says where it failed (null when it holds). */
export interface CompiledCondition {
  test: (signals: Signals) => boolean;
  explain: (signals: Signals) => Failure | null;
}

/**
 * The catalogue signals whose kind changes what a condition means (rules/signals.ts has them all;
 * rules/build-condition.test.ts keeps these in step): a list is tested for membership, and a
 * timestamp may be given as an ISO instant.
 */
export const LIST_SIGNALS: ReadonlySet<string> = new Set(['languages', 'viewedProducts', 'viewedCategories', 'cartItems']);
export const TIMESTAMP_SIGNALS: ReadonlySet<string> = new Set(['firstSeen', 'lastSeen', 'lastPurchaseAt']);

type Test = (signals: Signals) => boolean;

interface Context {
  segments: Record<string, Condition>;
  now: () => number;
  built: Map<string, CompiledCondition>;
}

/**
 * Builds conditions that passed their checks (rules/check-condition.ts): it checks nothing, so it
 * must only ever see checked conditions, fresh from the checks or cached in their checked form.
 * Segments are built once, when first used, and shared.
 */
export function createConditionBuilder(options: { segments?: Record<string, Condition>; now?: () => number } = {}) {
  const context: Context = { segments: options.segments ?? {}, now: options.now ?? Date.now, built: new Map() };
  return {
    /** Builds one checked condition; `pointer` is where it sits in the config, for `explain`. */
    build: (condition: Condition, pointer = ''): CompiledCondition => buildNode(condition, pointer, context),
    /** Builds the named (checked) segment, once. */
    buildSegment: (id: string): CompiledCondition => buildSegment(id, context),
  };
}

function buildNode(condition: Condition, at: string, context: Context): CompiledCondition {
  const parts = Object.entries(condition).map(([key, value]): CompiledCondition => {
    const keyAt = joinPointer(at, key);
    if (key === 'all' || key === 'any') {
      const children = (value as Condition[]).map((child, i) => buildNode(child, joinPointer(keyAt, i), context));
      if (key === 'all') return combineAll(children);
      const test = anyOf(children.map((child) => child.test));
      // When every branch fails, the first branch's failure is the most useful place to look.
      return { test, explain: (signals) => (test(signals) ? null : children[0]?.explain(signals) ?? { pointer: keyAt }) };
    }
    if (key === 'not') {
      const { test } = buildNode(value as Condition, keyAt, context);
      return { test: (signals) => !test(signals), explain: (signals) => (test(signals) ? { pointer: keyAt } : null) };
    }
    if (key === 'segment') return buildSegment(value as string, context);
    return buildSignal(key, value, keyAt, context);
  });
  return parts.length === 1 ? parts[0] : combineAll(parts);
}

function buildSegment(id: string, context: Context): CompiledCondition {
  let built = context.built.get(id);
  if (!built) {
    built = buildNode(context.segments[id], joinPointer('/segments', id), context);
    context.built.set(id, built);
  }
  return built;
}

function combineAll(children: CompiledCondition[]): CompiledCondition {
  return {
    test: allOf(children.map((child) => child.test)),
    explain: (signals) => {
      for (const child of children) {
        const failure = child.explain(signals);
        if (failure) return failure;
      }
      return null;
    },
  };
}

/** `a && b && …` as one closure; short lists are spelled out, which V8 runs faster than a loop. */
function allOf(tests: Test[]): Test {
  const [a, b, c] = tests;
  switch (tests.length) {
    case 0: return () => true;
    case 1: return a;
    case 2: return (s) => a(s) && b(s);
    case 3: return (s) => a(s) && b(s) && c(s);
  }
  return (s) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](s)) return false;
    return true;
  };
}

/** `a || b || …` as one closure. */
function anyOf(tests: Test[]): Test {
  const [a, b, c] = tests;
  switch (tests.length) {
    case 0: return () => false;
    case 1: return a;
    case 2: return (s) => a(s) || b(s);
    case 3: return (s) => a(s) || b(s) || c(s);
  }
  return (s) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](s)) return true;
    return false;
  };
}

function buildSignal(name: string, value: unknown, at: string, context: Context): CompiledCondition {
  const { key, wrap } = locateSignal(name);
  // What `explain` says was found: the value the leaf tests, read the same way (0 for an event never tracked).
  const read = wrap(((values: Record<string, unknown> | undefined) => values?.[key]) as never) as (signals: Signals) => unknown;
  const isList = LIST_SIGNALS.has(name);
  // A timestamp's ISO instants (they carry their zone: checked) compare as epoch ms.
  const toValue = TIMESTAMP_SIGNALS.has(name) ? toInstants : (arg: unknown) => arg;
  if (typeof value !== 'object' || value === null) return leaf(read, wrap(buildEquals(toValue(value), isList, key)), at);
  const leaves = Object.entries(value).map(([op, arg]) => {
    const opAt = joinPointer(at, op);
    return leaf(read, wrap(LEAF_TESTS[op](toValue(arg) as never, isList, key, context.now)), opAt);
  });
  return leaves.length === 1 ? leaves[0] : combineAll(leaves);
}

function toInstants(arg: unknown): unknown {
  return Array.isArray(arg) ? arg.map(toInstants) : typeof arg === 'string' ? Date.parse(arg) : arg;
}

/**
 * Where a leaf finds its value. A catalogue signal is read straight off the signals; `traits.x`
 * and `events.x` from their nested object, own properties only (a trait named `toString` must
 * not find Object.prototype's), with `events.x` reading 0 when never tracked.
 */
function locateSignal(name: string): { key: string; wrap: (test: LeafTest) => Test } {
  const dot = name.indexOf('.');
  if (dot < 0) return { key: name, wrap: (test) => test as Test };
  const group = name.slice(0, dot);
  const key = name.slice(dot + 1);
  const missing: Record<string, unknown> = Object.create(null);
  if (group === 'events') missing[key] = 0;
  return {
    key,
    wrap: (test) => (signals) => {
      const values = signals?.[group];
      // A count given as null or undefined is an event never tracked: 0 (found by the condition fuzzer).
      const isSet = values !== null && typeof values === 'object' && Object.prototype.hasOwnProperty.call(values, key) && (values as Record<string, unknown>)[key] != null;
      return test(isSet ? (values as Record<string, unknown>) : missing);
    },
  };
}

function leaf(read: (signals: Signals) => unknown, test: Test, at: string): CompiledCondition {
  return { test, explain: (signals) => (test(signals) ? null : { pointer: at, actual: read(signals) ?? null }) };
}
