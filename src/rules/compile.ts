import type { Condition } from '../types';
import { ConfigError } from './config-error';
import { OPERATORS, HOLDS_WHEN_MISSING, buildEquals, checkScalar, describe, type Comparison } from './operators';
import { SIGNALS, findSignal, createSignalReader, type Signals } from './signals';
import { joinPointer } from '../lib/pointer';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';
import { didYouMean } from '../lib/nearest';

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

/**
 * Compiles a condition into a plain function of the signals, once; evaluation never throws.
 * Throws `ConfigError { pointer, message }` for an invalid condition.
 */
export function compileCondition(condition: Condition, options: CompileOptions = {}): (signals: Signals) => boolean {
  return createConditionCompiler(options).compile(condition, options.pointer).test;
}

function compileNode(condition: unknown, at: string, depth: number, context: Context): CompiledCondition {
  if (depth > MAX_DEPTH) throw new ConfigError(at, `conditions are nested deeper than ${MAX_DEPTH} levels`);
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    throw new ConfigError(at, `a condition must be an object, got ${describe(condition)}`);
  }
  const parts = Object.keys(condition).map((key) => {
    const value = (condition as Record<string, unknown>)[key];
    const keyAt = joinPointer(at, key);
    if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(keyAt, `"${key}" is not allowed as a key`);
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
  if (!Array.isArray(value)) throw new ConfigError(at, `"${key}" takes a list of conditions, got ${describe(value)}`);
  const children = value.map((child, i) => compileNode(child, joinPointer(at, i), depth + 1, context));
  if (key === 'all') return combineAll(children);
  const tests = children.map((child) => child.test);
  return {
    test: (signals) => {
      for (const test of tests) if (test(signals)) return true;
      return false;
    },
    // When every branch fails, the first branch's failure is the most useful place to look.
    explain: (signals) => (tests.some((test) => test(signals)) ? null : children[0]?.explain(signals) ?? { pointer: at }),
  };
}

function combineAll(children: CompiledCondition[]): CompiledCondition {
  const tests = children.map((child) => child.test);
  return {
    test: (signals) => {
      for (const test of tests) if (!test(signals)) return false;
      return true;
    },
    explain: (signals) => {
      for (const child of children) {
        const failure = child.explain(signals);
        if (failure) return failure;
      }
      return null;
    },
  };
}

function compileNot(value: unknown, at: string, depth: number, context: Context): CompiledCondition {
  const inner = compileNode(value, at, depth + 1, context);
  const test = inner.test;
  return { test: (signals) => !test(signals), explain: (signals) => (test(signals) ? { pointer: at } : null) };
}

function compileSegmentReference(value: unknown, at: string, context: Context): CompiledCondition {
  if (typeof value !== 'string') throw new ConfigError(at, `"segment" takes a segment id, got ${describe(value)}`);
  // Resolved on each call rather than captured, so segments compile lazily and cycles are caught.
  return resolveSegment(value, at, context);
}

function resolveSegment(id: string, at: string, context: Context): CompiledCondition {
  const { segments, compiled, resolving } = context;
  if (!Object.prototype.hasOwnProperty.call(segments, id) || FORBIDDEN_KEYS.has(id)) {
    throw new ConfigError(at, `unknown segment "${id}"${didYouMean(id, Object.keys(segments))}`);
  }
  if (resolving.includes(id)) {
    throw new ConfigError(at, `segments form a cycle: ${[...resolving.slice(resolving.indexOf(id)), id].join(' → ')}`);
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
    throw new ConfigError(at, `segment "${id}" is invalid: ${result.message} (at ${result.pointer})`);
  }
  return result;
}

function compileSignal(name: string, value: unknown, at: string, context: Context): CompiledCondition {
  const spec = findSignal(name);
  if (!spec) {
    throw new ConfigError(at, `unknown signal "${name}"${didYouMean(name, [...Object.keys(SIGNALS), ...COMBINATORS])}`);
  }
  const read = createSignalReader(name);
  const isOperatorObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (Array.isArray(value)) throw new ConfigError(at, `a list needs an operator: use { "in": [...] } to match any of them`);
  if (!isOperatorObject) return leaf(read, buildEquals(checkScalar(value, spec, at), spec), false, at);

  const operators = Object.keys(value as object);
  if (operators.length === 0) throw new ConfigError(at, 'an operator object needs at least one operator');
  const leaves = operators.map((op) => {
    const opAt = joinPointer(at, op);
    const build = Object.prototype.hasOwnProperty.call(OPERATORS, op) ? OPERATORS[op] : undefined;
    if (!build) throw new ConfigError(opAt, `unknown operator "${op}"${didYouMean(op, Object.keys(OPERATORS))}`);
    const arg = (value as Record<string, unknown>)[op];
    const holdsWhenMissing = HOLDS_WHEN_MISSING.has(op) || (op === 'exists' && arg === false);
    return leaf(read, build(arg, spec, opAt, context.now), holdsWhenMissing, opAt);
  });
  return leaves.length === 1 ? leaves[0] : combineAll(leaves);
}

function leaf(read: (signals: Signals) => unknown, compare: Comparison, holdsWhenMissing: boolean, at: string): CompiledCondition {
  const test = (signals: Signals) => {
    const actual = read(signals);
    return actual == null ? holdsWhenMissing : compare(actual);
  };
  return { test, explain: (signals) => (test(signals) ? null : { pointer: at, actual: read(signals) ?? null }) };
}
