import type { Condition } from '../types';
import { ConfigError } from './config-error';
import { OPERATORS, buildEquals, checkScalar, type LeafTest } from './operators';
import { SIGNALS, findSignal, createSignalReader, type Signals } from './signals';
import { joinPointer } from '../lib/pointer';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';

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

/** Options for compiling a condition. */
export interface CompileOptions {
  /** Named conditions that `{ "segment": "id" }` may reference. */
  segments?: Record<string, Condition>;
  /** Current time in epoch milliseconds, for `withinDays`/`olderThanDays`; default `Date.now`. */
  now?: () => number;
  /** JSON pointer of the condition inside the config, used in error pointers; default `""`. */
  pointer?: string;
}

/** Deeper nesting than this is a mistake or an attack, and would risk the stack. */
export const MAX_DEPTH = 32;

const COMBINATORS = ['all', 'any', 'not', 'segment'];

interface Context {
  segments: Record<string, Condition>;
  now: () => number;
  compiled: Map<string, CompiledCondition | ConfigError>;
  resolving: string[];
}

/** Creates a compiler that shares compiled segments between the conditions it compiles. */
export function createConditionCompiler(options: Omit<CompileOptions, 'pointer'> = {}) {
  const context: Context = {
    segments: options.segments ?? {},
    now: options.now ?? Date.now,
    compiled: new Map(),
    resolving: [],
  };
  return {
    /** Compiles one condition; throws ConfigError when it is invalid. */
    compile: (condition: unknown, pointer = ''): CompiledCondition => compileNode(condition, pointer, 0, context),
    /** Compiles the named segment (cached); throws ConfigError when it or a segment it uses is invalid. */
    compileSegment: (id: string): CompiledCondition => resolveSegment(id, '', context),
  };
}

function compileNode(condition: unknown, at: string, depth: number, context: Context): CompiledCondition {
  if (depth > MAX_DEPTH) throw new ConfigError(at, 'condition-too-deep', MAX_DEPTH);
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    throw new ConfigError(at, 'condition-not-object', condition);
  }
  const parts = Object.keys(condition).map((key) => {
    const value = (condition as Record<string, unknown>)[key];
    const keyAt = joinPointer(at, key);
    if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(keyAt, 'forbidden-key');
    switch (key) {
      case 'all':
      case 'any':
        return compileList(key, value, keyAt, depth, context);
      case 'not':
        return compileNot(value, keyAt, depth, context);
      case 'segment':
        return compileSegmentReference(value, keyAt, context);
      default:
        return compileSignal(key, value, keyAt, context);
    }
  });
  return parts.length === 1 ? parts[0] : combineAll(parts);
}

function compileList(key: 'all' | 'any', value: unknown, at: string, depth: number, context: Context): CompiledCondition {
  if (!Array.isArray(value)) throw new ConfigError(at, 'expected-conditions', value);
  const children = value.map((child, i) => compileNode(child, joinPointer(at, i), depth + 1, context));
  if (key === 'all') return combineAll(children);
  const test = anyOf(children.map((child) => child.test));
  return {
    test,
    // When every branch fails, the first branch's failure is the most useful place to look.
    explain: (signals) => (test(signals) ? null : children[0]?.explain(signals) ?? { pointer: at }),
  };
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

type Test = (signals: Signals) => boolean;

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

function compileNot(value: unknown, at: string, depth: number, context: Context): CompiledCondition {
  const inner = compileNode(value, at, depth + 1, context);
  const test = inner.test;
  return { test: (signals) => !test(signals), explain: (signals) => (test(signals) ? { pointer: at } : null) };
}

function compileSegmentReference(value: unknown, at: string, context: Context): CompiledCondition {
  if (typeof value !== 'string') throw new ConfigError(at, 'expected-segment-id', value);
  // Resolved on each call rather than captured, so segments compile lazily and cycles are caught.
  return resolveSegment(value, at, context);
}

function resolveSegment(id: string, at: string, context: Context): CompiledCondition {
  const { segments, compiled, resolving } = context;
  if (!Object.prototype.hasOwnProperty.call(segments, id) || FORBIDDEN_KEYS.has(id)) {
    throw new ConfigError(at, 'unknown-segment', id, Object.keys(segments));
  }
  if (resolving.includes(id)) {
    throw new ConfigError(at, 'segment-cycle', [...resolving.slice(resolving.indexOf(id)), id]);
  }
  let result = compiled.get(id);
  if (!result) {
    resolving.push(id);
    try {
      result = compileNode(segments[id], joinPointer('/segments', id), 0, context);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      result = error;
    } finally {
      resolving.pop();
    }
    compiled.set(id, result);
  }
  if (result instanceof ConfigError) {
    if (at === '') throw result;
    throw new ConfigError(at, 'invalid-segment', id, result);
  }
  return result;
}

function compileSignal(name: string, value: unknown, at: string, context: Context): CompiledCondition {
  const spec = findSignal(name);
  if (!spec) {
    throw new ConfigError(at, 'unknown-signal', [...Object.keys(SIGNALS), ...COMBINATORS]);
  }
  const read = createSignalReader(name);
  const { key, wrap } = locateSignal(name);
  if (Array.isArray(value)) throw new ConfigError(at, 'list-needs-operator');
  if (typeof value !== 'object' || value === null) return leaf(read, wrap(buildEquals(checkScalar(value, spec, at), spec, key)), at);

  const operators = Object.keys(value);
  if (operators.length === 0) throw new ConfigError(at, 'empty-operator-object');
  const leaves = operators.map((op) => {
    const opAt = joinPointer(at, op);
    const build = Object.prototype.hasOwnProperty.call(OPERATORS, op) ? OPERATORS[op] : undefined;
    if (!build) throw new ConfigError(opAt, 'unknown-operator', Object.keys(OPERATORS));
    return leaf(read, wrap(build((value as Record<string, unknown>)[op], spec, opAt, key, context.now)), opAt);
  });
  return leaves.length === 1 ? leaves[0] : combineAll(leaves);
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
