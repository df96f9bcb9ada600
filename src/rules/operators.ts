import { ConfigError } from './config-error';
import type { SignalSpec } from './signals';
import { compileGlob } from '../lib/glob';

/**
 * A leaf test over an object that holds the signal under `key` (the signals, or their `traits`
 * or `events`). Each operator reads the value itself: one closure call per leaf, not three, is
 * what keeps compiled rules near hand-written speed (tests/bench/rules.bench.mjs).
 * Every test answers a missing value (`undefined`, `null`) as SPEC §6 says: only `ne`, `nin`
 * and `exists: false` hold.
 */
export type LeafTest = (values: Record<string, unknown> | null | undefined) => boolean;

type Build = (arg: unknown, spec: SignalSpec, at: string, key: string, now: () => number) => LeafTest;

const DAY = 86_400_000;

/** The operators of SPEC §6, each checking its argument at compile time and building a leaf test. */
export const OPERATORS: Readonly<Record<string, Build>> = {
  eq: (arg, spec, at, key) => buildEquals(checkScalar(arg, spec, at), spec, key),
  ne: (arg, spec, at, key) => {
    const value = checkScalar(arg, spec, at);
    return spec.kind === 'list'
      ? (o) => { const v = o?.[key]; return !(Array.isArray(v) && v.includes(value)); }
      : (o) => o?.[key] !== value;
  },
  in: (arg, spec, at, key) => {
    const set = new Set<unknown>(checkList(arg, spec, at));
    return spec.kind === 'list'
      ? (o) => { const v = o?.[key]; return Array.isArray(v) && v.some((item) => set.has(item)); }
      : (o) => set.has(o?.[key]);
  },
  nin: (arg, spec, at, key) => {
    const set = new Set<unknown>(checkList(arg, spec, at));
    return spec.kind === 'list'
      ? (o) => { const v = o?.[key]; return !(Array.isArray(v) && v.some((item) => set.has(item))); }
      : (o) => !set.has(o?.[key]);
  },
  gt: (arg, spec, at, key) => { const n = checkNumber(arg, spec, at); return (o) => { const v = o?.[key]; return typeof v === 'number' && v > n; }; },
  gte: (arg, spec, at, key) => { const n = checkNumber(arg, spec, at); return (o) => { const v = o?.[key]; return typeof v === 'number' && v >= n; }; },
  lt: (arg, spec, at, key) => { const n = checkNumber(arg, spec, at); return (o) => { const v = o?.[key]; return typeof v === 'number' && v < n; }; },
  lte: (arg, spec, at, key) => { const n = checkNumber(arg, spec, at); return (o) => { const v = o?.[key]; return typeof v === 'number' && v <= n; }; },
  between: (arg, spec, at, key) => {
    if (!Array.isArray(arg) || arg.length !== 2) throw new ConfigError(at, 'between-bounds');
    const low = checkNumber(arg[0], spec, at + '/0');
    const high = checkNumber(arg[1], spec, at + '/1');
    if (low > high) throw new ConfigError(at, 'between-reversed', arg[0], arg[1]);
    return (o) => { const v = o?.[key]; return typeof v === 'number' && v >= low && v <= high; };
  },
  exists: (arg, _spec, at, key) => {
    if (typeof arg !== 'boolean') throw new ConfigError(at, 'exists-boolean');
    return arg ? (o) => o?.[key] != null : (o) => o?.[key] == null;
  },
  contains: (arg, spec, at, key) => {
    const part = checkString(arg, at);
    if (spec.kind === 'list') return (o) => { const v = o?.[key]; return Array.isArray(v) && v.includes(part); };
    requireKind(spec, ['string', 'scalar'], at, 'contains');
    return (o) => { const v = o?.[key]; return typeof v === 'string' && v.includes(part); };
  },
  startsWith: (arg, spec, at, key) => {
    requireKind(spec, ['string', 'scalar'], at, 'startsWith');
    const prefix = checkString(arg, at);
    return (o) => { const v = o?.[key]; return typeof v === 'string' && v.startsWith(prefix); };
  },
  endsWith: (arg, spec, at, key) => {
    requireKind(spec, ['string', 'scalar'], at, 'endsWith');
    const suffix = checkString(arg, at);
    return (o) => { const v = o?.[key]; return typeof v === 'string' && v.endsWith(suffix); };
  },
  matches: (arg, spec, at, key) => {
    requireKind(spec, ['string', 'scalar'], at, 'matches');
    const test = compileGlob(checkString(arg, at));
    return (o) => { const v = o?.[key]; return typeof v === 'string' && test(v); };
  },
  withinDays: (arg, spec, at, key, now) => {
    const span = checkDays(arg, spec, at, 'withinDays');
    return (o) => { const v = o?.[key]; return typeof v === 'number' && now() - v <= span; };
  },
  olderThanDays: (arg, spec, at, key, now) => {
    const span = checkDays(arg, spec, at, 'olderThanDays');
    return (o) => { const v = o?.[key]; return typeof v === 'number' && now() - v > span; };
  },
};

/** Equality as the `{ "<signal>": value }` shorthand means it: for a list signal, membership. */
export function buildEquals(value: string | number | boolean, spec: SignalSpec, key: string): LeafTest {
  return spec.kind === 'list'
    ? (o) => { const v = o?.[key]; return Array.isArray(v) && v.includes(value); }
    : (o) => o?.[key] === value;
}

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

function checkDays(arg: unknown, spec: SignalSpec, at: string, name: string): number {
  requireKind(spec, ['timestamp'], at, name);
  if (typeof arg !== 'number' || !Number.isFinite(arg) || arg < 0) {
    throw new ConfigError(at, 'expected-days', arg);
  }
  return arg * DAY;
}

/** `operator` absent: a numeric comparison. */
function requireKind(spec: SignalSpec, kinds: string[], at: string, operator?: string): void {
  if (!kinds.includes(spec.kind)) throw new ConfigError(at, 'kind-mismatch', operator, spec.kind);
}
