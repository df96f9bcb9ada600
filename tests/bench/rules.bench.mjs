// Rule-engine throughput: segmint's compiled conditions against hand-written closures, GrowthBook's
// evalCondition and json-logic-js on one generated workload. Run `npm run build` first, then
// `node tests/bench/rules.bench.mjs [--seed=N] [--quick]`. Writes tests/bench/results/rules.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { compileCondition } from 'segmint/rules';
import { evalCondition } from '@growthbook/growthbook';
import jsonLogic from 'json-logic-js';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const SEED = Number(args.get('seed') ?? 20250601);
if (!Number.isInteger(SEED) || SEED < 0) throw new Error(`--seed takes a non-negative integer, got ${args.get('seed')}`);
const QUICK = args.has('quick');
const SEGMENTS = 300;
const VISITORS = 1000;
const RUNS = QUICK ? 5 : 11;
// Each timed run lasts at least this long, so every engine is timed for ≥ 1.6 s in all; many short
// runs and a median shrug off the bursts of a shared machine better than a few long ones.
const MIN_RUN_MS = QUICK ? 50 : 150;
const WARMUP_MS = QUICK ? 100 : 600;
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1, 12); // fixed, so withinDays/olderThanDays give the same answers every run
const now = () => NOW;

/* ---------- workload ---------- */

/** mulberry32, as in tests/unit/random.ts: small, fast, and the same sequence everywhere. */
function createRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const intBetween = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const pick = (r, list) => list[Math.floor(r() * list.length)];
const sample = (r, list, n) => {
  const copy = [...list];
  const out = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]);
  return out;
};

const COUNTRIES = ['DE', 'AT', 'CH', 'US', 'GB', 'FR', 'NL', 'SE', 'ES', 'IT', 'CA', 'AU'];
const LANGUAGES = ['en', 'en-US', 'en-GB', 'de', 'de-DE', 'de-AT', 'de-CH', 'fr-FR', 'fr-CH', 'nl-NL', 'sv-SE', 'es-ES', 'it-IT'];
const CATEGORIES = ['tents', 'sleeping-bags', 'backpacks', 'lamps', 'mats', 'stoves', 'jackets', 'boots'];
const TIERS = ['gold', 'silver', 'bronze', 'platinum'];

/** The signals the workload uses, with segmint's kind and a sampler shared by visitors and thresholds. */
const SIGNALS = {
  country: { kind: 'string', values: COUNTRIES, unseen: ['JP', 'BR'] },
  language: { kind: 'string', values: LANGUAGES, unseen: ['pt-BR', 'ja'] },
  device: { kind: 'enum', values: ['mobile', 'tablet', 'desktop'] },
  pageType: { kind: 'enum', values: ['home', 'product', 'category', 'cart', 'checkout', 'other'] },
  productViews: { kind: 'number', sample: (r) => Math.floor(r() ** 2 * 40) },
  sessions: { kind: 'number', sample: (r) => 1 + Math.floor(r() ** 2 * 30) },
  cartValue: { kind: 'number', sample: (r) => (r() < 0.4 ? 0 : Math.round(r() * 40000) / 100) },
  totalSpent: { kind: 'number', sample: (r) => (r() < 0.3 ? 0 : Math.round(r() ** 2 * 300000) / 100) },
  viewedCategories: { kind: 'list', values: CATEGORIES },
  lastPurchaseAt: { kind: 'timestamp', sample: (r) => NOW - Math.floor(r() * 400 * DAY) },
  'traits.tier': { kind: 'scalar', values: TIERS, unseen: ['staff'] },
  'events.wishlist_add': { kind: 'number', sample: (r) => intBetween(r, 0, 5) },
};
const SIGNAL_NAMES = Object.keys(SIGNALS);
const SIGNAL_WEIGHTS = [3, 3, 2, 2, 2, 1, 1, 1, 2, 2, 2, 1];

const ALL_OPERATORS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'contains', 'startsWith', 'endsWith', 'matches', 'withinDays', 'olderThanDays'];
const OPERATORS_BY_KIND = {
  string: ['eq', 'ne', 'in', 'nin', 'exists', 'contains', 'startsWith', 'endsWith', 'matches'],
  enum: ['eq', 'ne', 'in', 'nin', 'exists', 'startsWith', 'matches'],
  scalar: ['eq', 'ne', 'in', 'nin', 'exists', 'contains', 'startsWith', 'matches'],
  number: ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists'],
  timestamp: ['gt', 'gte', 'lt', 'lte', 'between', 'exists', 'withinDays', 'olderThanDays'],
  list: ['eq', 'ne', 'in', 'nin', 'contains', 'exists'],
};

/** One visitor's signals, shaped like segmint's; some values missing or null, as on real sites. */
function generateVisitor(r) {
  const visitor = {};
  if (r() < 0.95) visitor.country = pick(r, COUNTRIES);
  if (r() < 0.95) visitor.language = pick(r, LANGUAGES);
  visitor.device = pick(r, SIGNALS.device.values);
  visitor.pageType = pick(r, SIGNALS.pageType.values);
  for (const name of ['productViews', 'sessions', 'cartValue', 'totalSpent']) visitor[name] = SIGNALS[name].sample(r);
  // A few unknown amounts, so the null handling of numeric operators is exercised (null >= 0 in JS).
  if (r() < 0.05) delete visitor.cartValue;
  if (r() < 0.05) visitor.totalSpent = null;
  if (r() < 0.95) visitor.viewedCategories = sample(r, CATEGORIES, intBetween(r, 0, 4));
  visitor.lastPurchaseAt = r() < 0.4 ? null : SIGNALS.lastPurchaseAt.sample(r);
  if (r() < 0.9) visitor.traits = r() < 0.3 ? {} : { tier: pick(r, TIERS) };
  if (r() < 0.9) visitor.events = r() < 0.5 ? {} : { wishlist_add: intBetween(r, 1, 6) };
  return visitor;
}

function pickSignal(r) {
  let roll = r() * SIGNAL_WEIGHTS.reduce((a, b) => a + b, 0);
  for (let i = 0; i < SIGNAL_NAMES.length; i++) if ((roll -= SIGNAL_WEIGHTS[i]) < 0) return SIGNAL_NAMES[i];
  return SIGNAL_NAMES[0];
}

/** A glob built from a real value (prefix*, *suffix, a*b, *mid*, ? for single characters), so some match. */
function generateGlob(r, values) {
  const text = pick(r, values);
  const i = intBetween(r, 0, text.length);
  const j = intBetween(r, i, text.length);
  const roll = r();
  const shape = roll < 0.3 ? text.slice(0, i) + '*' : roll < 0.5 ? '*' + text.slice(i) : roll < 0.7 ? text.slice(0, i) + '*' + text.slice(j) : roll < 0.85 ? '*' + text.slice(i, j) + '*' : text;
  return [...shape].map((ch) => (ch !== '*' && r() < 0.15 ? '?' : ch)).join('');
}

function generateArgument(r, name, op) {
  const spec = SIGNALS[name];
  const value = () => (spec.sample ? spec.sample(r) : r() < 0.9 || !spec.unseen ? pick(r, spec.values) : pick(r, spec.unseen));
  const text = () => pick(r, spec.values);
  switch (op) {
    case 'in':
    case 'nin':
      return [...new Set(Array.from({ length: intBetween(r, 1, 4) }, value))];
    case 'between':
      return [value(), value()].sort((a, b) => a - b);
    case 'exists':
      return r() < 0.7;
    case 'contains': {
      if (spec.kind === 'list') return value();
      const t = text();
      const start = intBetween(r, 0, t.length - 1);
      return t.slice(start, start + intBetween(r, 1, 3));
    }
    case 'startsWith':
      return text().slice(0, intBetween(r, 1, 3));
    case 'endsWith': {
      const t = text();
      return t.slice(t.length - intBetween(r, 1, 3));
    }
    case 'matches':
      return generateGlob(r, spec.values);
    case 'withinDays':
    case 'olderThanDays':
      return intBetween(r, 1, 365);
    default:
      return value();
  }
}

function generateOperatorObject(r, name, operators) {
  const allowed = OPERATORS_BY_KIND[SIGNALS[name].kind].filter((op) => operators.includes(op));
  const ops = r() < 0.1 ? sample(r, allowed, 2) : [pick(r, allowed)];
  // `{ "country": "DE" }` is the shorthand marketers write most.
  if (ops.length === 1 && ops[0] === 'eq' && r() < 0.5) return generateArgument(r, name, 'eq');
  return Object.fromEntries(ops.map((op) => [op, generateArgument(r, name, op)]));
}

function generateLeaf(r, operators) {
  const names = r() < 0.1 ? sample(r, SIGNAL_NAMES, 2) : [pickSignal(r)];
  return Object.fromEntries(names.map((name) => [name, generateOperatorObject(r, name, operators)]));
}

/** A segment condition: all/any/not nested at most 3 deep over leaves. */
function generateCondition(r, operators, depth = 0) {
  const nestChance = [0.9, 0.45, 0.25, 0][depth];
  if (r() >= nestChance) return generateLeaf(r, operators);
  const roll = r();
  if (roll < 0.15) return { not: generateCondition(r, operators, depth + 1) };
  const children = Array.from({ length: intBetween(r, 2, 4) }, () => generateCondition(r, operators, depth + 1));
  return roll < 0.6 ? { all: children } : { any: children };
}

function generateWorkload(seed, operators) {
  const r = createRandom(seed);
  const visitors = Array.from({ length: VISITORS }, () => generateVisitor(r));
  const conditions = Array.from({ length: SEGMENTS }, () => generateCondition(r, operators));
  return { visitors, conditions };
}

/* ---------- translators ---------- */

/** The condition as a tree of all/any/not and single-operator leaves: what every translator walks. */
function parseCondition(condition) {
  const parts = Object.entries(condition).map(([key, value]) => {
    if (key === 'all' || key === 'any') return { type: key, children: value.map(parseCondition) };
    if (key === 'not') return { type: 'not', child: parseCondition(value) };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ type: 'leaf', name: key, op: 'eq', arg: value }];
    return Object.entries(value).map(([op, arg]) => ({ type: 'leaf', name: key, op, arg }));
  }).flat();
  return parts.length === 1 ? parts[0] : { type: 'all', children: parts };
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** SPEC §6 glob as an anchored regex: `*` any run (newlines too), `?` exactly one UTF-16 unit. */
const globSource = (glob) => '^' + [...glob].map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : escapeRegExp(ch))).join('') + '$';

/**
 * The ceiling: what a developer would write by hand, built as nested arrow functions with no
 * validation and no generic machinery: one closure per leaf reading `s[k]` itself (traits./events.
 * through one small reader), `a(s) && b(s)` for short lists, and `null` handled only where
 * JavaScript's own comparison would get it wrong (`null >= 0` is true). The types are trusted.
 */
function translateToClosure(node) {
  switch (node.type) {
    case 'all':
    case 'any': {
      const fs = node.children.map(translateToClosure);
      const [a, b, c, d] = fs;
      if (node.type === 'all') {
        if (fs.length === 0) return () => true;
        if (fs.length === 1) return a;
        if (fs.length === 2) return (s) => a(s) && b(s);
        if (fs.length === 3) return (s) => a(s) && b(s) && c(s);
        if (fs.length === 4) return (s) => a(s) && b(s) && c(s) && d(s);
        return (s) => fs.every((f) => f(s));
      }
      if (fs.length === 0) return () => false;
      if (fs.length === 1) return a;
      if (fs.length === 2) return (s) => a(s) || b(s);
      if (fs.length === 3) return (s) => a(s) || b(s) || c(s);
      if (fs.length === 4) return (s) => a(s) || b(s) || c(s) || d(s);
      return (s) => fs.some((f) => f(s));
    }
    case 'not': {
      const f = translateToClosure(node.child);
      return (s) => !f(s);
    }
    default:
      return node.name.includes('.') ? translateNestedLeaf(node) : translateFlatLeaf(node);
  }
}

function translateFlatLeaf({ name: k, op, arg }) {
  const list = SIGNALS[k].kind === 'list';
  switch (op) {
    case 'eq': return list ? (s) => { const v = s[k]; return v != null && v.includes(arg); } : (s) => s[k] === arg;
    case 'ne': return list ? (s) => { const v = s[k]; return v == null || !v.includes(arg); } : (s) => s[k] !== arg;
    case 'in': return list ? (s) => { const v = s[k]; return v != null && v.some((x) => arg.includes(x)); } : (s) => arg.includes(s[k]);
    case 'nin': return list ? (s) => { const v = s[k]; return v == null || !v.some((x) => arg.includes(x)); } : (s) => !arg.includes(s[k]);
    case 'gt': return (s) => { const v = s[k]; return v != null && v > arg; };
    case 'gte': return (s) => { const v = s[k]; return v != null && v >= arg; };
    case 'lt': return (s) => { const v = s[k]; return v != null && v < arg; };
    case 'lte': return (s) => { const v = s[k]; return v != null && v <= arg; };
    case 'between': { const [lo, hi] = arg; return (s) => { const v = s[k]; return v != null && v >= lo && v <= hi; }; }
    case 'exists': return arg ? (s) => s[k] != null : (s) => s[k] == null;
    case 'contains': return (s) => { const v = s[k]; return v != null && v.includes(arg); }; // Array and String both have includes
    case 'startsWith': return (s) => { const v = s[k]; return v != null && v.startsWith(arg); };
    case 'endsWith': return (s) => { const v = s[k]; return v != null && v.endsWith(arg); };
    case 'matches': { const re = new RegExp(globSource(arg)); return (s) => { const v = s[k]; return v != null && re.test(v); }; }
    case 'withinDays': { const span = arg * DAY; return (s) => { const v = s[k]; return v != null && now() - v <= span; }; }
    case 'olderThanDays': { const span = arg * DAY; return (s) => { const v = s[k]; return v != null && now() - v > span; }; }
  }
  throw new Error(`no hand-written closure for ${op}`);
}

/** `traits.x` (missing when unset) and `events.x` (0 when never tracked); scalar and number kinds only. */
function translateNestedLeaf({ name, op, arg }) {
  const [group, key] = name.split('.');
  const fallback = group === 'events' ? 0 : undefined;
  const read = (s) => { const g = s[group]; const v = g === undefined ? undefined : g[key]; return v === undefined ? fallback : v; };
  switch (op) {
    case 'eq': return (s) => read(s) === arg;
    case 'ne': return (s) => read(s) !== arg;
    case 'in': return (s) => arg.includes(read(s));
    case 'nin': return (s) => !arg.includes(read(s));
    case 'gt': return (s) => { const v = read(s); return v != null && v > arg; };
    case 'gte': return (s) => { const v = read(s); return v != null && v >= arg; };
    case 'lt': return (s) => { const v = read(s); return v != null && v < arg; };
    case 'lte': return (s) => { const v = read(s); return v != null && v <= arg; };
    case 'between': { const [lo, hi] = arg; return (s) => { const v = read(s); return v != null && v >= lo && v <= hi; }; }
    case 'exists': return arg ? (s) => read(s) != null : (s) => read(s) == null;
    case 'contains': return (s) => { const v = read(s); return typeof v === 'string' && v.includes(arg); };
    case 'startsWith': return (s) => { const v = read(s); return typeof v === 'string' && v.startsWith(arg); };
    case 'endsWith': return (s) => { const v = read(s); return typeof v === 'string' && v.endsWith(arg); };
    case 'matches': { const re = new RegExp(globSource(arg)); return (s) => { const v = read(s); return typeof v === 'string' && re.test(v); }; }
  }
  throw new Error(`no hand-written closure for ${name} ${op}`);
}

/**
 * GrowthBook's MongoDB-style conditions. Differences worked around: `$gt`/`$lt`… compare `null`
 * as 0 and `$regex` tests the string "null", so both get `$exists: true`; a missing path is
 * `null`, not 0, so an `events.*` leaf that holds at 0 also accepts a missing path; list equality
 * is `$elemMatch`; GrowthBook has no clock, so day spans become cutoffs from the fixed `now`; an
 * empty `$or` holds in GrowthBook, so an empty `any` becomes `{ $not: {} }`.
 */
function translateToGrowthBook(node) {
  switch (node.type) {
    case 'all': return { $and: node.children.map(translateToGrowthBook) };
    case 'any': return node.children.length ? { $or: node.children.map(translateToGrowthBook) } : { $not: {} };
    case 'not': return { $not: translateToGrowthBook(node.child) };
  }
  const { name, op, arg } = node;
  const list = SIGNALS[name].kind === 'list';
  const present = (operators) => ({ $exists: true, ...operators });
  const value = {
    eq: () => (list ? { $elemMatch: { $eq: arg } } : { $eq: arg }),
    ne: () => (list ? { $not: { $elemMatch: { $eq: arg } } } : { $ne: arg }),
    in: () => ({ $in: arg }),
    nin: () => ({ $nin: arg }),
    gt: () => present({ $gt: arg }),
    gte: () => present({ $gte: arg }),
    lt: () => present({ $lt: arg }),
    lte: () => present({ $lte: arg }),
    between: () => present({ $gte: arg[0], $lte: arg[1] }),
    exists: () => ({ $exists: arg }),
    contains: () => (list ? { $elemMatch: { $eq: arg } } : present({ $regex: escapeRegExp(arg) })),
    startsWith: () => present({ $regex: '^' + escapeRegExp(arg) }),
    endsWith: () => present({ $regex: escapeRegExp(arg) + '$' }),
    matches: () => present({ $regex: globSource(arg) }),
    withinDays: () => present({ $gte: NOW - arg * DAY }),
    olderThanDays: () => present({ $lt: NOW - arg * DAY }),
  }[op]();
  if (!name.startsWith('events.')) return { [name]: value };
  const holdsAtZero = translateNestedLeaf(node)({}); // a visitor with no events reads 0
  return holdsAtZero
    ? { $or: [{ [name]: { $exists: false } }, { [name]: value }] }
    : { $and: [{ [name]: { $exists: true } }, { [name]: value }] };
}

/**
 * json-logic rules. json-logic has no glob or regex, so the json-logic comparison runs on a
 * workload generated without `matches`. Differences worked around: `<`/`>` compare `null` as 0, so
 * numeric leaves check `!= null` first; `{"var": [name, 0]}` gives events their 0; list overlap
 * is `some`/`none`; startsWith/endsWith are `substr` comparisons; day spans become cutoffs from
 * the fixed `now`; `and`/`or` return operands, not booleans, so results are coerced; an empty
 * `and`/`or` is the literal true/false.
 */
function translateToJsonLogic(node) {
  switch (node.type) {
    case 'all': return node.children.length ? { and: node.children.map(translateToJsonLogic) } : true;
    case 'any': return node.children.length ? { or: node.children.map(translateToJsonLogic) } : false;
    case 'not': return { '!': [translateToJsonLogic(node.child)] };
  }
  const { name, op, arg } = node;
  const list = SIGNALS[name].kind === 'list';
  const v = name.startsWith('events.') ? { var: [name, 0] } : { var: name };
  const present = (rule) => ({ and: [{ '!=': [v, null] }, rule] });
  const overlap = (quantifier) => ({ [quantifier]: [v, { in: [{ var: '' }, arg] }] });
  switch (op) {
    case 'eq': return list ? { in: [arg, v] } : { '===': [v, arg] };
    case 'ne': return list ? { '!': [{ in: [arg, v] }] } : { '!==': [v, arg] };
    case 'in': return list ? overlap('some') : { in: [v, arg] };
    case 'nin': return list ? overlap('none') : { '!': [{ in: [v, arg] }] };
    case 'gt': return present({ '>': [v, arg] });
    case 'gte': return present({ '>=': [v, arg] });
    case 'lt': return present({ '<': [v, arg] });
    case 'lte': return present({ '<=': [v, arg] });
    case 'between': return present({ '<=': [arg[0], v, arg[1]] });
    case 'exists': return { [arg ? '!=' : '==']: [v, null] };
    case 'contains': return { in: [arg, v] }; // membership for an array, substring for a string; false on null
    case 'startsWith': return present({ '===': [{ substr: [v, 0, arg.length] }, arg] });
    case 'endsWith': return present({ '===': [{ substr: [v, -arg.length] }, arg] });
    case 'withinDays': return present({ '>=': [v, NOW - arg * DAY] });
    case 'olderThanDays': return present({ '<': [v, NOW - arg * DAY] });
  }
  throw new Error(`json-logic cannot express ${op}`);
}

/** Each engine: how to prepare a condition once, and the per-visitor test that results. */
const ENGINES = {
  'hand-written': (condition) => translateToClosure(parseCondition(condition)),
  segmint: (condition) => compileCondition(condition, { now }),
  growthbook: (condition) => {
    const gb = translateToGrowthBook(parseCondition(condition));
    return (s) => evalCondition(s, gb);
  },
  'json-logic': (condition) => {
    const rule = translateToJsonLogic(parseCondition(condition));
    return (s) => !!jsonLogic.apply(rule, s);
  },
};
// Engines that do no work ahead of evaluation: their "compile" is only this script's translation.
const INTERPRETED = new Set(['growthbook', 'json-logic']);

/* ---------- checking and timing ---------- */

function evaluateAll(tests, visitors) {
  const results = new Uint8Array(tests.length * visitors.length);
  tests.forEach((test, i) => visitors.forEach((visitor, j) => (results[i * visitors.length + j] = test(visitor) ? 1 : 0)));
  return results;
}

function countMismatches(expected, actual, workload, engine) {
  let count = 0;
  for (let n = 0; n < expected.length; n++) {
    if (expected[n] === actual[n]) continue;
    if (count++ < 3) {
      const i = Math.floor(n / VISITORS);
      console.error(`  ${engine} ≠ segmint on segment ${i}, visitor ${n % VISITORS}: segmint ${!!expected[n]}, ${engine} ${!!actual[n]}`);
      console.error(`    condition ${JSON.stringify(workload.conditions[i])}`);
      console.error(`    visitor   ${JSON.stringify(workload.visitors[n % VISITORS])}`);
    }
  }
  return count;
}

/** A fresh copy of the loop per engine, so one engine's type feedback never slows another's. */
const createLoop = () => new Function('tests', 'visitors', 'rounds', `
  let hits = 0;
  for (let r = 0; r < rounds; r++)
    for (let j = 0; j < visitors.length; j++) {
      const visitor = visitors[j];
      for (let i = 0; i < tests.length; i++) if (tests[i](visitor)) hits++;
    }
  return hits;`);

function timeRounds(loop, tests, visitors, rounds) {
  const start = performance.now();
  const hits = loop(tests, visitors, rounds);
  return { ms: performance.now() - start, hits };
}

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.round(q * (values.length - 1))];
const median = (values) => quantile(values, 0.5);

/** Median time to compile every condition once the compiler is warm, per engine, interleaved. */
function measureCompile(engineNames, conditions) {
  const times = Object.fromEntries(engineNames.map((name) => [name, []]));
  for (let round = -5; round < 15; round++) {
    for (const name of engineNames) {
      const start = performance.now();
      conditions.map(ENGINES[name]);
      if (round >= 0) times[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(engineNames.map((name) => [name, median(times[name])]));
}

/** Compiles every condition for every engine and compares each engine's answers with segmint's. */
function checkWorkload(label, workload, engineNames) {
  const { conditions, visitors } = workload;
  const coldCompileMs = {};
  const compiled = Object.fromEntries(engineNames.map((name) => {
    const start = performance.now();
    const tests = conditions.map(ENGINES[name]);
    coldCompileMs[name] = performance.now() - start;
    return [name, tests];
  }));
  const expected = evaluateAll(compiled.segmint, visitors);
  const mismatches = Object.fromEntries(engineNames.map((name) => [
    name,
    name === 'segmint' ? 0 : countMismatches(expected, evaluateAll(compiled[name], visitors), workload, name),
  ]));
  const count = (n, node) => (node.type === 'leaf' ? n + 1 : node.type === 'not' ? count(n, node.child) : node.children.reduce(count, n));
  const leaves = conditions.map(parseCondition).reduce(count, 0);
  const expectedHits = expected.reduce((a, b) => a + b, 0);
  return { label, workload, compiled, coldCompileMs, mismatches, expectedHits, leaves, matchRate: expectedHits / expected.length };
}

/** Times every engine on a checked workload: warm-up, then RUNS interleaved runs; medians. */
function timeWorkload({ label, workload, compiled, coldCompileMs, mismatches, expectedHits, leaves, matchRate }) {
  const { conditions, visitors } = workload;
  const state = Object.keys(compiled).map((name) => ({ name, loop: createLoop(), tests: compiled[name], rounds: 1, rates: [] }));
  for (const engine of state) {
    // Warm up (and let the JIT settle) while finding how many rounds make a run last MIN_RUN_MS.
    const warmupEnd = performance.now() + WARMUP_MS;
    let ms = 0;
    while (performance.now() < warmupEnd) {
      ms = timeRounds(engine.loop, engine.tests, visitors, engine.rounds).ms;
      if (ms < MIN_RUN_MS / 4) engine.rounds *= 2;
    }
    engine.rounds = Math.max(1, Math.ceil((engine.rounds * MIN_RUN_MS) / ms));
  }
  // Runs interleave the engines, so a slow phase of the machine hits them all alike.
  for (let run = 0; run < RUNS; run++) {
    for (const engine of state) {
      const { ms, hits } = timeRounds(engine.loop, engine.tests, visitors, engine.rounds);
      if (hits !== expectedHits * engine.rounds) throw new Error(`${engine.name}: ${hits} hits in a timed run, expected ${expectedHits * engine.rounds}`);
      engine.rates.push((engine.rounds * conditions.length * visitors.length) / (ms / 1000));
    }
  }
  const medians = Object.fromEntries(state.map((e) => [e.name, median(e.rates)]));
  const compileMs = measureCompile(Object.keys(compiled).filter((name) => !INTERPRETED.has(name)), conditions);
  const engines = Object.fromEntries(state.map(({ name, rates, rounds }) => [name, {
    compileMs: compileMs[name] ?? null,
    // The first compile in the process, before the JIT has seen the compiler: what a page load pays.
    coldCompileMs: INTERPRETED.has(name) ? null : coldCompileMs[name],
    medianEvalsPerSecond: Math.round(medians[name]),
    ratioToHandWritten: medians[name] / medians['hand-written'],
    // Half the interquartile range over the median: how much the runs disagreed.
    spread: (quantile(rates, 0.75) - quantile(rates, 0.25)) / 2 / medians[name],
    runs: rates.map(Math.round),
    roundsPerRun: rounds,
    mismatches: mismatches[name],
  }]));
  return { label, segments: conditions.length, visitors: visitors.length, leaves, matchRate, engines };
}

/* ---------- report ---------- */

const formatRate = (rate) => (rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M/s` : `${(rate / 1e3).toFixed(1)} k/s`);

function printWorkload(result, note) {
  console.log(`\n${result.label}: ${result.segments} segments × ${result.visitors} visitors, ${result.leaves} leaves, ${(result.matchRate * 100).toFixed(1)}% match`);
  if (note) console.log(`  ${note}`);
  console.log(`  ${'engine'.padEnd(13)} ${'compile'.padStart(9)} ${'evals (median)'.padStart(15)} ${'spread'.padStart(7)} ${'× hand'.padStart(7)} ${'mismatch'.padStart(9)}`);
  for (const [name, e] of Object.entries(result.engines)) {
    const compile = e.compileMs === null ? 'n/a' : `${e.compileMs.toFixed(2)} ms`;
    const spread = `±${(e.spread * 100).toFixed(0)}%`;
    console.log(`  ${name.padEnd(13)} ${compile.padStart(9)} ${formatRate(e.medianEvalsPerSecond).padStart(15)} ${spread.padStart(7)} ${e.ratioToHandWritten.toFixed(2).padStart(7)} ${String(e.mismatches).padStart(9)}`);
  }
}

console.log(`segmint rules benchmark · node ${process.version} · seed ${SEED}${QUICK ? ' · quick' : ''}`);
console.log(`${RUNS} interleaved runs per engine, each ≥ ${MIN_RUN_MS} ms after ≥ ${WARMUP_MS} ms warm-up; now = ${new Date(NOW).toISOString()}`);

const JSON_LOGIC_OPERATORS = ALL_OPERATORS.filter((op) => op !== 'matches');
const checked = [
  checkWorkload('all operators', generateWorkload(SEED, ALL_OPERATORS), ['hand-written', 'segmint', 'growthbook']),
  checkWorkload('without matches', generateWorkload(SEED, JSON_LOGIC_OPERATORS), ['hand-written', 'segmint', 'growthbook', 'json-logic']),
];
const mismatchLines = checked.flatMap((c) => Object.entries(c.mismatches).filter(([name]) => name !== 'segmint').map(([name, n]) => `${c.label} · ${name}: ${n}`));
console.log(`\nmismatches against segmint (${SEGMENTS * VISITORS} pairs per engine): ${mismatchLines.join(', ')}`);
if (checked.some((c) => Object.values(c.mismatches).some((n) => n > 0))) {
  console.error('engines disagree with segmint; not timing');
  process.exit(1);
}

const [full, restricted] = checked.map(timeWorkload);
printWorkload(full);
printWorkload(restricted, 'json-logic has no glob or regex operator, so this workload is generated without `matches`.');
console.log('\ncompile: all 300 segments, warm, median of 15 (the cold first compile is in the JSON); n/a = no compile step (GrowthBook and json-logic interpret the condition on every call).');
console.log('spread: half the interquartile range of the runs, over the median.');

const ratio = full.engines.segmint.ratioToHandWritten;
console.log(`segmint / hand-written: ${ratio.toFixed(2)} (target ≥ 0.70) ${ratio >= 0.7 ? 'ok' : 'BELOW TARGET'}`);

const results = {
  node: process.version,
  v8: process.versions.v8,
  platform: `${process.platform}-${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  date: new Date().toISOString(),
  seed: SEED,
  quick: QUICK,
  now: new Date(NOW).toISOString(),
  runsPerEngine: RUNS,
  minRunMs: MIN_RUN_MS,
  workloads: [
    { ...full, operators: ALL_OPERATORS },
    { ...restricted, operators: JSON_LOGIC_OPERATORS, note: 'json-logic has no glob or regex operator' },
  ],
};
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('rules.json', dir), JSON.stringify(results, null, 2) + '\n');
console.log('wrote tests/bench/results/rules.json');

