import { ConfigError } from './config-error';
import type { SignalSpec } from './signals';

type Check = (arg: unknown, spec: SignalSpec, at: string) => void;

/**
 * The operators of SPEC §6, each checking its argument against the signal's kind; throws the
 * first ConfigError. What passes is built by rules/leaf-tests.ts, which checks nothing.
 */
export const OPERATOR_CHECKS: Readonly<Record<string, Check>> = {
  eq: checkScalar,
  ne: checkScalar,
  in: checkList,
  nin: checkList,
  gt: checkNumber,
  gte: checkNumber,
  lt: checkNumber,
  lte: checkNumber,
  between: (arg, spec, at) => {
    if (!Array.isArray(arg) || arg.length !== 2) throw new ConfigError(at, 'between-bounds');
    const low = checkNumber(arg[0], spec, at + '/0');
    const high = checkNumber(arg[1], spec, at + '/1');
    if (low > high) throw new ConfigError(at, 'between-reversed', arg[0], arg[1]);
  },
  exists: (arg, _spec, at) => {
    if (typeof arg !== 'boolean') throw new ConfigError(at, 'exists-boolean');
  },
  contains: (arg, spec, at) => {
    checkString(arg, at);
    if (spec.kind !== 'list') requireKind(spec, ['string', 'scalar'], at, 'contains');
  },
  startsWith: (arg, spec, at) => checkText(arg, spec, at, 'startsWith'),
  endsWith: (arg, spec, at) => checkText(arg, spec, at, 'endsWith'),
  matches: (arg, spec, at) => checkText(arg, spec, at, 'matches'),
  withinDays: (arg, spec, at) => checkDays(arg, spec, at, 'withinDays'),
  olderThanDays: (arg, spec, at) => checkDays(arg, spec, at, 'olderThanDays'),
};

/** Checks a scalar value against the signal's kind and vocabulary. */
export function checkScalar(arg: unknown, spec: SignalSpec, at: string): string | number | boolean {
  switch (spec.kind) {
    case 'number':
      return checkNumber(arg, spec, at);
    case 'timestamp':
      return checkNumber(arg, spec, at);
    case 'boolean':
      if (typeof arg !== 'boolean') throw new ConfigError(at, 'expected-boolean', arg);
      return arg;
    case 'scalar':
      if (typeof arg === 'string' || typeof arg === 'boolean' || (typeof arg === 'number' && Number.isFinite(arg))) return arg;
      throw new ConfigError(at, 'expected-scalar', arg);
    default: {
      const text = checkString(arg, at);
      if (spec.values && !spec.values.includes(text)) {
        throw new ConfigError(at, 'not-in-vocabulary', text, spec.values);
      }
      return text;
    }
  }
}

function checkList(arg: unknown, spec: SignalSpec, at: string): (string | number | boolean)[] {
  if (!Array.isArray(arg)) throw new ConfigError(at, 'expected-list', arg);
  return arg.map((item, i) => checkScalar(item, spec.kind === 'list' ? { kind: 'string' } : spec, `${at}/${i}`));
}

function checkNumber(arg: unknown, spec: SignalSpec, at: string): number {
  if (spec.kind === 'timestamp' && typeof arg === 'string') {
    // ISO instants are accepted for timestamps; a date without a zone would mean different
    // instants for different visitors, so it must carry one.
    const time = /(Z|[+-]\d\d:?\d\d)$/i.test(arg) ? Date.parse(arg) : NaN;
    if (Number.isNaN(time)) throw new ConfigError(at, 'expected-timestamp', arg);
    return time;
  }
  requireKind(spec, ['number', 'timestamp', 'scalar'], at);
  if (typeof arg !== 'number' || !Number.isFinite(arg)) throw new ConfigError(at, 'expected-number', arg);
  return arg;
}

function checkString(arg: unknown, at: string): string {
  if (typeof arg !== 'string') throw new ConfigError(at, 'expected-string', arg);
  return arg;
}

function checkDays(arg: unknown, spec: SignalSpec, at: string, name: string): void {
  requireKind(spec, ['timestamp'], at, name);
  if (typeof arg !== 'number' || !Number.isFinite(arg) || arg < 0) {
    throw new ConfigError(at, 'expected-days', arg);
  }
}

/** A text operator: a text signal (or a trait), then a text argument. */
function checkText(arg: unknown, spec: SignalSpec, at: string, name: string): void {
  requireKind(spec, ['string', 'scalar'], at, name);
  checkString(arg, at);
}

/** `operator` absent: a numeric comparison. */
function requireKind(spec: SignalSpec, kinds: string[], at: string, operator?: string): void {
  if (!kinds.includes(spec.kind)) throw new ConfigError(at, 'kind-mismatch', operator, spec.kind);
}
