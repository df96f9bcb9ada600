import type { Campaign, Condition, Config, Theme } from '../types';
import { ConfigError } from './config-error';
import { createConditionChecker } from './check-condition';
import { compileConfig, type CleanConfig, type PreparedConfig } from './compile-config';
import { findNeededSignalsSteps } from './needed-signals';
import { checkCampaign, checkGlobs } from '../campaigns/prepare';
import { checkKnownKeys, checkNumber, isValidLocale } from './config-checks';
import { checkCatalog } from '../campaigns/catalog';
import { isSafeUrl } from '../lib/safe-url';
import { joinPointer } from '../lib/pointer';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';
import { isPlainObject } from '../lib/is-plain-object';
import { isThemeValue } from '../lib/theme-value';
import { runAtOnce, type Steps } from '../lib/run-in-slices';

/** The config versions this SDK understands. */
export const CONFIG_VERSION = 1;

const ROOT_FIELDS = ['$schema', 'checked', 'version', 'defaultLocale', 'currency', 'consent', 'pages', 'catalog', 'segments', 'campaigns', 'limits', 'theme', 'analytics'];
/** No legitimate config nests this deep; walking deeper would risk the stack. */
const MAX_CONFIG_DEPTH = 64;

export type { PreparedConfig, CleanConfig };

/**
 * Checks and compiles a config. Invalid segments and campaigns are left out and reported with a
 * JSON pointer while the rest is kept; `prepared` is null only when the config as a whole is unusable.
 */
export function prepareConfig(raw: unknown, now: () => number = Date.now): { prepared: PreparedConfig | null; errors: ConfigError[] } {
  const { clean, errors } = checkConfig(raw);
  return { prepared: clean && compileConfig(clean, now), errors };
}

/**
 * Checks a config: every error, with its pointer, and the config with what failed left out
 * (`clean`, null only when the config as a whole is unusable). The script tag loads this as
 * the `check` chunk, only for a config text it has not checked before.
 */
export function checkConfig(raw: unknown): CheckedResult {
  return runAtOnce(checkConfigSteps(raw));
}

/** What `checkConfig` finds. */
export interface CheckedResult {
  clean: CleanConfig | null;
  errors: ConfigError[];
}

/** `checkConfig` in steps, pausing after each campaign and every few thousand values walked (`lib/run-in-slices.ts`). */
export function* checkConfigSteps(raw: unknown): Steps<CheckedResult> {
  const errors: ConfigError[] = [];
  const fail = (error: ConfigError) => ({ clean: null, errors: [...errors, error] });
  if (!isPlainObject(raw)) return fail(new ConfigError('', 'config-not-object', raw));
  // Too deep a value, or a prototype key, rejects the part it is in (a campaign, segment,
  // product or top-level field), which is then never walked; the rest of the config runs.
  const tainted = [...(yield* findTooDeep(raw)), ...(yield* findForbiddenKeys(raw))];
  errors.push(...tainted);
  const isTainted = (prefix: string) => tainted.some((error) => (error.pointer + '/').startsWith(prefix + '/'));
  const field = (name: string) => (isTainted('/' + name) ? undefined : raw[name]);

  if (field('version') !== CONFIG_VERSION) {
    return fail(new ConfigError('/version', 'unsupported-version', raw.version, CONFIG_VERSION));
  }
  const defaultLocale = field('defaultLocale');
  if (typeof defaultLocale !== 'string' || !isValidLocale(defaultLocale)) {
    return fail(new ConfigError('/defaultLocale', 'invalid-default-locale', defaultLocale));
  }
  const attempt = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
      return undefined;
    }
  };

  attempt(() => checkKnownKeys(raw, ROOT_FIELDS, '', 'config'));
  const currency = attempt(() => checkCurrency(field('currency')));
  const consent = attempt(() => checkConsent(field('consent')));
  attempt(() => checkSchemaHint(field('$schema')));
  attempt(() => checkStamp(field('checked')));
  const pageTypes = attempt(() => checkPageTypes(field('pages')));
  const limits = attempt(() => checkLimits(field('limits')));
  const theme = checkTheme(field('theme'), errors);
  const analytics = attempt(() => checkAnalytics(field('analytics')));
  const catalog = checkCatalog(raw.catalog, errors, isTainted);

  const segmentSources = raw.segments === undefined ? {} : raw.segments;
  if (!isPlainObject(segmentSources)) errors.push(new ConfigError('/segments', 'segments-not-object', segmentSources));
  const sources = isPlainObject(segmentSources) ? segmentSources : {};
  // A segment rejected before it is compiled (a prototype key inside, too deep) is unknown to the
  // campaigns too, as it will be to compileConfig: a campaign naming it is rejected, not compiled.
  const usable = Object.fromEntries(Object.entries(sources).filter(([id]) => !FORBIDDEN_KEYS.has(id) && !isTainted(joinPointer('/segments', id))));
  const checker = createConditionChecker(usable as Config['segments']);
  const segments: Record<string, Condition> = {};
  for (const id of Object.keys(sources)) {
    if (FORBIDDEN_KEYS.has(id) || isTainted(joinPointer('/segments', id))) continue;
    if (attempt(() => (checker.checkSegment(id), true))) segments[id] = sources[id] as Condition;
  }

  const campaigns: (Campaign | null)[] = [];
  const rawCampaigns = raw.campaigns === undefined ? [] : raw.campaigns;
  if (!Array.isArray(rawCampaigns)) errors.push(new ConfigError('/campaigns', 'campaigns-not-list', rawCampaigns));
  const seen = new Set<string>();
  const productIds = isPlainObject(raw.catalog) ? Object.keys(raw.catalog) : [];
  const list: unknown[] = Array.isArray(rawCampaigns) ? rawCampaigns : [];
  for (let i = 0; i < list.length; i++) {
    yield;
    const at = joinPointer('/campaigns', i);
    campaigns.push(null);
    if (isTainted(at)) continue;
    const source = list[i];
    const checked = attempt(() => (checkCampaign(source, at, { defaultLocale, checkAudience: checker.check, productIds }), source as Campaign));
    if (!checked) continue;
    if (seen.has(checked.id)) {
      errors.push(new ConfigError(joinPointer(at, 'id'), 'duplicate-campaign-id', checked.id));
      continue;
    }
    seen.add(checked.id);
    campaigns[i] = checked;
  }

  // Only what passed its checks; a field that failed is left out as if it were absent.
  const clean: CleanConfig = { version: CONFIG_VERSION, defaultLocale, currency, consent, pages: pageTypes, limits, theme, analytics, catalog, segments, campaigns, needs: [] };
  clean.needs = [...(yield* findNeededSignalsSteps(clean))];
  return { clean, errors };
}

function checkConsent(value: unknown): Config['consent'] {
  if (value !== undefined && value !== 'granted' && value !== 'required') {
    throw new ConfigError('/consent', 'expected-one-of', value, ['granted', 'required']);
  }
  return value;
}

/** `$schema` is only an editor hint, but one that is not a path finds no schema: say so. */
function checkSchemaHint(value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw new ConfigError('/$schema', 'expected-text', value);
}

/** `checked` is written by `segmint validate --checked` (config/checked-stamp.ts); a config edited since is checked as any other, and keeps it. */
function checkStamp(value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw new ConfigError('/checked', 'expected-text', value);
}

function checkCurrency(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) throw new ConfigError('/currency', 'invalid-currency', value);
  return value;
}

const PAGE_TYPES = ['home', 'product', 'category', 'cart', 'checkout'];

function checkPageTypes(value: unknown): Record<string, string[]> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ConfigError('/pages', 'invalid-page-types', value);
  for (const [type, patterns] of Object.entries(value)) {
    const at = joinPointer('/pages', type);
    if (!PAGE_TYPES.includes(type)) throw new ConfigError(at, 'unknown-page-type', PAGE_TYPES);
    checkGlobs(patterns, at);
  }
  return value as Record<string, string[]>;
}

function checkLimits(value: unknown): PreparedConfig['limits'] | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ConfigError('/limits', 'not-object', value);
  checkKnownKeys(value, ['maxPerSession', 'minSecondsBetween'], '/limits', 'limits');
  for (const key of ['maxPerSession', 'minSecondsBetween'] as const) {
    if (value[key] !== undefined) checkNumber(value[key], joinPointer('/limits', key));
  }
  return value as PreparedConfig['limits'];
}

const SCHEMES = ['light', 'dark', 'auto'];

const THEME_FIELDS = ['accent', 'radius', 'font', 'text', 'background', 'scheme'];

/** The theme's valid values; each bad one is reported with its pointer and left out (SPEC §8). */
function checkTheme(value: unknown, errors: ConfigError[]): Theme | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    errors.push(new ConfigError('/theme', 'not-object', value));
    return undefined;
  }
  const theme: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const at = joinPointer('/theme', key);
    const v = value[key];
    if (!THEME_FIELDS.includes(key)) {
      if (!FORBIDDEN_KEYS.has(key)) errors.push(new ConfigError(at, 'unknown-field', 'theme', THEME_FIELDS));
    } else if (key === 'radius') {
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) theme[key] = v;
      else errors.push(new ConfigError(at, 'expected-pixels', v));
    } else if (key === 'scheme') {
      if (SCHEMES.includes(v as string)) theme[key] = v;
      else errors.push(new ConfigError(at, 'expected-one-of', v, SCHEMES));
    } else {
      const kind = key === 'font' ? 'font' : 'colour';
      if (isThemeValue(kind, v)) theme[key] = v;
      else errors.push(new ConfigError(at, kind === 'font' ? 'expected-font' : 'expected-colour', v));
    }
  }
  return theme;
}

function checkAnalytics(value: unknown): Config['analytics'] {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ConfigError('/analytics', 'not-object', value);
  checkKnownKeys(value, ['dataLayer', 'beacon', 'respectGPC'], '/analytics', 'analytics');
  for (const key of ['dataLayer', 'respectGPC']) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') throw new ConfigError(joinPointer('/analytics', key), 'expected-boolean', value[key]);
  }
  if (value.beacon !== undefined && !isSafeUrl(value.beacon)) {
    throw new ConfigError('/analytics/beacon', 'expected-url', value.beacon);
  }
  return value;
}

/** How many values a walk takes between two pause points; a plain loop, which the engine optimises as it cannot inside a generator. */
const WALK_STEP = 1024;

/** Where a value is, as its parent's place and its key: a pointer is built only for what is reported. */
type Place = [parent: Place, key: string] | null;

function pointerOf(place: Place): string {
  const keys: string[] = [];
  for (; place; place = place[0]) keys.push(place[1]);
  return keys.reduceRight(joinPointer, '');
}

/**
 * Every object and array in `root`, depth first and last member first, each entered with
 * `keysOf`, which answers the keys to go into. A stack of frames (an object and how far through
 * its keys) visits them in the order a stack of every member would, but a list of thousands of
 * campaigns costs one frame, not thousands of entries made at once: that first step, in code not
 * optimised yet, was a long task at 4× CPU. Iterative, so no depth overflows the stack.
 */
function* walkSteps(root: unknown, keysOf: (value: object, at: Place, depth: number) => string[], skipLoops = false): Steps<void> {
  const stack: { value: Record<string, unknown>; keys: string[]; next: number; at: Place; depth: number }[] = [];
  // The frames are the path from the root, so an object met again on it is a loop.
  const onPath = new Set<unknown>();
  const enter = (value: unknown, at: Place, depth: number) => {
    if (typeof value !== 'object' || value === null || (skipLoops && onPath.has(value))) return;
    const keys = keysOf(value, at, depth);
    stack.push({ value: value as Record<string, unknown>, keys, next: keys.length - 1, at, depth });
    if (skipLoops) onPath.add(value);
  };
  // A plain loop, which the engine optimises as it cannot inside a generator.
  const walk = (limit: number) => {
    for (; stack.length && limit; limit--) {
      const frame = stack[stack.length - 1];
      if (frame.next < 0) onPath.delete(stack.pop()!.value);
      else {
        const key = frame.keys[frame.next--];
        enter(frame.value[key], [frame.at, key], frame.depth + 1);
      }
    }
  };
  enter(root, null, 0);
  for (; stack.length; yield) walk(WALK_STEP);
}

/** One error for each value nested deeper than the limit, where it crosses it. */
function* findTooDeep(root: unknown): Steps<ConfigError[]> {
  const found: ConfigError[] = [];
  yield* walkSteps(root, (value, at, depth) => {
    if (depth <= MAX_CONFIG_DEPTH) return Object.keys(value);
    found.push(new ConfigError(pointerOf(at), 'too-deep', MAX_CONFIG_DEPTH));
    return [];
  });
  return found;
}

/** One error for each prototype key (`__proto__`, `constructor`, `prototype`), in each object before what is inside it; what is under one is not walked. */
function* findForbiddenKeys(root: unknown): Steps<ConfigError[]> {
  const found: ConfigError[] = [];
  yield* walkSteps(root, (value, at) => {
    const keys = Object.keys(value);
    // An array's own keys are its indices first (never a prototype key), then any others: only
    // those are looked at, so a list of thousands of campaigns is not gone through here at once.
    let from = 0;
    if (Array.isArray(value)) for (from = keys.length; from && !isArrayIndex(keys[from - 1]); from--);
    const forbidden = keys.slice(from).filter((key) => FORBIDDEN_KEYS.has(key));
    for (const key of forbidden) found.push(new ConfigError(pointerOf([at, key]), 'forbidden-key'));
    return forbidden.length ? keys.filter((key) => !FORBIDDEN_KEYS.has(key)) : keys;
    // An object that contains itself (the npm entry takes objects) would never end here; its
    // loop is too deep, which findTooDeep reports, so the part is rejected all the same.
  }, true);
  return found;
}

/** Whether an own key of an array is one of its indices (`"0"` to `"4294967294"`). */
function isArrayIndex(key: string): boolean {
  const index = Number(key);
  return String(index >>> 0) === key && index !== 4294967295;
}
