import type { Condition } from '../types';
import { ConfigError } from './config-error';
import { OPERATOR_CHECKS, checkScalar } from './operators';
import { SIGNALS, findSignal } from './signals';
import { joinPointer } from '../lib/pointer';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';

/** Deeper nesting than this is a mistake or an attack, and would risk the stack. */
export const MAX_DEPTH = 32;

const COMBINATORS = ['all', 'any', 'not', 'segment'];

interface Context {
  segments: Record<string, Condition>;
  /** Each segment checked so far: null when it is valid, else its first error. */
  checked: Map<string, ConfigError | null>;
  resolving: string[];
}

/**
 * Creates the checks of conditions (SPEC §6), sharing what it found about each segment between
 * the conditions it checks. Each check throws the first ConfigError, with its pointer; what
 * passes can be built without checks (rules/build-condition.ts). Part of the `check` chunk.
 */
export function createConditionChecker(segments: Record<string, Condition> = {}) {
  const context: Context = { segments, checked: new Map(), resolving: [] };
  return {
    /** Checks one condition found at `pointer`; throws ConfigError when it is invalid. */
    check: (condition: unknown, pointer = ''): void => checkNode(condition, pointer, 0, context),
    /** Checks the named segment (once); throws ConfigError when it or a segment it uses is invalid. */
    checkSegment: (id: string): void => checkSegment(id, '', context),
  };
}

function checkNode(condition: unknown, at: string, depth: number, context: Context): void {
  if (depth > MAX_DEPTH) throw new ConfigError(at, 'condition-too-deep', MAX_DEPTH);
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    throw new ConfigError(at, 'condition-not-object', condition);
  }
  for (const key of Object.keys(condition)) {
    const value = (condition as Record<string, unknown>)[key];
    const keyAt = joinPointer(at, key);
    if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(keyAt, 'forbidden-key');
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(value)) throw new ConfigError(keyAt, 'expected-conditions', value);
      value.forEach((child, i) => checkNode(child, joinPointer(keyAt, i), depth + 1, context));
    } else if (key === 'not') {
      checkNode(value, keyAt, depth + 1, context);
    } else if (key === 'segment') {
      if (typeof value !== 'string') throw new ConfigError(keyAt, 'expected-segment-id', value);
      checkSegment(value, keyAt, context);
    } else {
      checkSignal(key, value, keyAt);
    }
  }
}

function checkSegment(id: string, at: string, context: Context): void {
  const { segments, checked, resolving } = context;
  if (!Object.prototype.hasOwnProperty.call(segments, id) || FORBIDDEN_KEYS.has(id)) {
    throw new ConfigError(at, 'unknown-segment', id, Object.keys(segments));
  }
  if (resolving.includes(id)) {
    throw new ConfigError(at, 'segment-cycle', [...resolving.slice(resolving.indexOf(id)), id]);
  }
  let error = checked.get(id);
  if (error === undefined) {
    resolving.push(id);
    try {
      checkNode(segments[id], joinPointer('/segments', id), 0, context);
      error = null;
    } catch (thrown) {
      if (!(thrown instanceof ConfigError)) throw thrown;
      error = thrown;
    } finally {
      resolving.pop();
    }
    checked.set(id, error);
  }
  if (error) {
    if (at === '') throw error;
    throw new ConfigError(at, 'invalid-segment', id, error);
  }
}

function checkSignal(name: string, value: unknown, at: string): void {
  const spec = findSignal(name);
  if (!spec) throw new ConfigError(at, 'unknown-signal', [...Object.keys(SIGNALS), ...COMBINATORS]);
  if (Array.isArray(value)) throw new ConfigError(at, 'list-needs-operator');
  if (typeof value !== 'object' || value === null) {
    checkScalar(value, spec, at);
    return;
  }
  const operators = Object.keys(value);
  if (operators.length === 0) throw new ConfigError(at, 'empty-operator-object');
  for (const op of operators) {
    const opAt = joinPointer(at, op);
    const check = Object.prototype.hasOwnProperty.call(OPERATOR_CHECKS, op) ? OPERATOR_CHECKS[op] : undefined;
    if (!check) throw new ConfigError(opAt, 'unknown-operator', Object.keys(OPERATOR_CHECKS));
    check((value as Record<string, unknown>)[op], spec, opAt);
  }
}
