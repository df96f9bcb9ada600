import { compileGlob } from '../lib/glob';

/**
 * A leaf test over an object that holds the signal under `key` (the signals, or their `traits`
 * or `events`). Each operator reads the value itself: one closure call per leaf, not three, is
 * what keeps compiled rules near hand-written speed (tests/bench/rules.bench.mjs).
 * Every test answers a missing value (`undefined`, `null`) as SPEC §6 says: only `ne`, `nin`
 * and `exists: false` hold.
 */
export type LeafTest = (values: Record<string, unknown> | null | undefined) => boolean;

/**
 * Builds one operator's test from an argument its check accepted (rules/operators.ts), with a
 * timestamp's ISO instants already read as epoch ms. `isList`: the signal is a list, which
 * equality and `in` test for membership.
 */
type Build = (arg: never, isList: boolean, key: string, now: () => number) => LeafTest;

const DAY = 86_400_000;

/** The operators of SPEC §6, trusting their arguments: the checks ran before (the `check` chunk). */
export const LEAF_TESTS: Readonly<Record<string, Build>> = {
  eq: (value: unknown, isList, key) => buildEquals(value, isList, key),
  ne: (value: unknown, isList, key) => isList
    ? (o) => { const v = o?.[key]; return !(Array.isArray(v) && v.includes(value)); }
    : (o) => o?.[key] !== value,
  in: (values: unknown[], isList, key) => {
    const set = new Set(values);
    return isList
      ? (o) => { const v = o?.[key]; return Array.isArray(v) && v.some((item) => set.has(item)); }
      : (o) => set.has(o?.[key]);
  },
  nin: (values: unknown[], isList, key) => {
    const set = new Set(values);
    return isList
      ? (o) => { const v = o?.[key]; return !(Array.isArray(v) && v.some((item) => set.has(item))); }
      : (o) => !set.has(o?.[key]);
  },
  gt: (n: number, _, key) => (o) => { const v = o?.[key]; return typeof v === 'number' && v > n; },
  gte: (n: number, _, key) => (o) => { const v = o?.[key]; return typeof v === 'number' && v >= n; },
  lt: (n: number, _, key) => (o) => { const v = o?.[key]; return typeof v === 'number' && v < n; },
  lte: (n: number, _, key) => (o) => { const v = o?.[key]; return typeof v === 'number' && v <= n; },
  between: ([low, high]: [number, number], _, key) => (o) => { const v = o?.[key]; return typeof v === 'number' && v >= low && v <= high; },
  exists: (exists: boolean, _, key) => (exists ? (o) => o?.[key] != null : (o) => o?.[key] == null),
  contains: (part: string, isList, key) => isList
    ? (o) => { const v = o?.[key]; return Array.isArray(v) && v.includes(part); }
    : (o) => { const v = o?.[key]; return typeof v === 'string' && v.includes(part); },
  startsWith: (prefix: string, _, key) => (o) => { const v = o?.[key]; return typeof v === 'string' && v.startsWith(prefix); },
  endsWith: (suffix: string, _, key) => (o) => { const v = o?.[key]; return typeof v === 'string' && v.endsWith(suffix); },
  matches: (pattern: string, _, key) => {
    const test = compileGlob(pattern);
    return (o) => { const v = o?.[key]; return typeof v === 'string' && test(v); };
  },
  withinDays: (days: number, _, key, now) => {
    const span = days * DAY;
    return (o) => { const v = o?.[key]; return typeof v === 'number' && now() - v <= span; };
  },
  olderThanDays: (days: number, _, key, now) => {
    const span = days * DAY;
    return (o) => { const v = o?.[key]; return typeof v === 'number' && now() - v > span; };
  },
};

/** Equality as the `{ "<signal>": value }` shorthand means it: for a list signal, membership. */
export function buildEquals(value: unknown, isList: boolean, key: string): LeafTest {
  return isList
    ? (o) => { const v = o?.[key]; return Array.isArray(v) && v.includes(value); }
    : (o) => o?.[key] === value;
}
