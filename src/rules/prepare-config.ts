import type { CatalogProduct, Config } from '../types';
import { ConfigError } from './config-error';
import { createConditionCompiler, type CompiledCondition } from './compile';
import { prepareCampaign, checkGlobs, type PreparedCampaign } from '../campaigns/prepare';
import { checkKnownKeys, checkNumber, isValidLocale } from './config-checks';
import { checkCatalog } from '../campaigns/catalog';
import { isSafeUrl } from '../lib/safe-url';
import { joinPointer } from '../lib/pointer';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';
import { isPlainObject } from '../lib/is-plain-object';

/** The config compiled once at load: what the runtime decides with. */
export interface PreparedConfig {
  config: Config;
  defaultLocale: string;
  currency?: string;
  /** Config `pages` patterns, in config order: the first type whose pattern matches the path wins. */
  pageTypes: [string, ((path: string) => boolean)[]][];
  catalog: Record<string, CatalogProduct>;
  segments: Record<string, CompiledCondition>;
  campaigns: PreparedCampaign[];
  limits: { maxPerSession?: number; minSecondsBetween?: number };
}

/** The config versions this SDK understands. */
export const CONFIG_VERSION = 1;

const ROOT_FIELDS = ['$schema', 'version', 'defaultLocale', 'currency', 'consent', 'pages', 'catalog', 'segments', 'campaigns', 'limits', 'theme', 'analytics'];
/** No legitimate config nests this deep; walking deeper would risk the stack. */
const MAX_CONFIG_DEPTH = 64;

/**
 * Checks and compiles a config. Invalid segments and campaigns are left out and reported with a
 * JSON pointer while the rest is kept; `prepared` is null only when the config as a whole is unusable.
 */
export function prepareConfig(raw: unknown, now: () => number = Date.now): { prepared: PreparedConfig | null; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const fail = (error: ConfigError) => ({ prepared: null, errors: [...errors, error] });
  if (!isPlainObject(raw)) return fail(new ConfigError('', 'config-not-object', raw));
  const tooDeep = findTooDeep(raw);
  if (tooDeep) return fail(tooDeep);
  const tainted = findForbiddenKeys(raw);
  errors.push(...tainted);
  const isTainted = (prefix: string) => tainted.some((error) => (error.pointer + '/').startsWith(prefix + '/'));

  if (raw.version !== CONFIG_VERSION) {
    return fail(new ConfigError('/version', 'unsupported-version', raw.version, CONFIG_VERSION));
  }
  const defaultLocale = raw.defaultLocale;
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
  const currency = attempt(() => checkCurrency(raw.currency));
  attempt(() => checkConsent(raw.consent));
  attempt(() => checkSchemaHint(raw.$schema));
  const pageTypes = attempt(() => checkPageTypes(raw.pages)) ?? [];
  const limits = attempt(() => checkLimits(raw.limits)) ?? {};
  attempt(() => checkTheme(raw.theme));
  attempt(() => checkAnalytics(raw.analytics));
  const catalog = attempt(() => checkCatalog(raw.catalog)) ?? {};

  const segmentSources = raw.segments === undefined ? {} : raw.segments;
  if (!isPlainObject(segmentSources)) errors.push(new ConfigError('/segments', 'segments-not-object', segmentSources));
  const sources = isPlainObject(segmentSources) ? segmentSources : {};
  const compiler = createConditionCompiler({ segments: sources as Config['segments'], now });
  const segments: Record<string, CompiledCondition> = {};
  for (const id of Object.keys(sources)) {
    if (FORBIDDEN_KEYS.has(id) || isTainted(joinPointer('/segments', id))) continue;
    const compiled = attempt(() => compiler.compileSegment(id));
    if (compiled) segments[id] = compiled;
  }

  const campaigns: PreparedCampaign[] = [];
  const rawCampaigns = raw.campaigns === undefined ? [] : raw.campaigns;
  if (!Array.isArray(rawCampaigns)) errors.push(new ConfigError('/campaigns', 'campaigns-not-list', rawCampaigns));
  const seen = new Set<string>();
  (Array.isArray(rawCampaigns) ? rawCampaigns : []).forEach((source, i) => {
    const at = joinPointer('/campaigns', i);
    if (isTainted(at)) return;
    const campaign = attempt(() => prepareCampaign(source, at, i, { defaultLocale, compileAudience: compiler.compile, productIds: Object.keys(catalog) }));
    if (!campaign) return;
    if (seen.has(campaign.id)) {
      errors.push(new ConfigError(joinPointer(at, 'id'), 'duplicate-campaign-id', campaign.id));
      return;
    }
    seen.add(campaign.id);
    campaigns.push(campaign);
  });

  return { prepared: { config: raw as unknown as Config, defaultLocale, currency, pageTypes, catalog, segments, campaigns, limits }, errors };
}

function checkConsent(value: unknown): void {
  if (value !== undefined && value !== 'granted' && value !== 'required') {
    throw new ConfigError('/consent', 'expected-one-of', value, ['granted', 'required']);
  }
}

/** `$schema` is only an editor hint, but one that is not a path finds no schema: say so. */
function checkSchemaHint(value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw new ConfigError('/$schema', 'expected-text', value);
}

function checkCurrency(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) throw new ConfigError('/currency', 'invalid-currency', value);
  return value;
}

const PAGE_TYPES = ['home', 'product', 'category', 'cart', 'checkout'];

function checkPageTypes(value: unknown): PreparedConfig['pageTypes'] {
  if (value === undefined) return [];
  if (!isPlainObject(value)) throw new ConfigError('/pages', 'invalid-page-types', value);
  return Object.entries(value).map(([type, patterns]) => {
    const at = joinPointer('/pages', type);
    if (!PAGE_TYPES.includes(type)) throw new ConfigError(at, 'unknown-page-type', PAGE_TYPES);
    return [type, checkGlobs(patterns, at)];
  });
}

function checkLimits(value: unknown): PreparedConfig['limits'] {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ConfigError('/limits', 'not-object', value);
  checkKnownKeys(value, ['maxPerSession', 'minSecondsBetween'], '/limits', 'limits');
  for (const key of ['maxPerSession', 'minSecondsBetween'] as const) {
    if (value[key] !== undefined) checkNumber(value[key], joinPointer('/limits', key));
  }
  return value as PreparedConfig['limits'];
}

const SCHEMES = ['light', 'dark', 'auto'];

function checkTheme(value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new ConfigError('/theme', 'not-object', value);
  checkKnownKeys(value, ['accent', 'radius', 'font', 'text', 'background', 'scheme'], '/theme', 'theme');
  for (const key of ['accent', 'font', 'text', 'background']) {
    if (value[key] !== undefined && typeof value[key] !== 'string') throw new ConfigError(joinPointer('/theme', key), 'expected-css-text', value[key]);
  }
  if (value.radius !== undefined && (typeof value.radius !== 'number' || !Number.isFinite(value.radius) || value.radius < 0)) {
    throw new ConfigError('/theme/radius', 'expected-pixels', value.radius);
  }
  if (value.scheme !== undefined && !SCHEMES.includes(value.scheme as string)) {
    throw new ConfigError('/theme/scheme', 'expected-one-of', value.scheme, SCHEMES);
  }
}

function checkAnalytics(value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new ConfigError('/analytics', 'not-object', value);
  checkKnownKeys(value, ['dataLayer', 'beacon', 'respectGPC'], '/analytics', 'analytics');
  for (const key of ['dataLayer', 'respectGPC']) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') throw new ConfigError(joinPointer('/analytics', key), 'expected-boolean', value[key]);
  }
  if (value.beacon !== undefined && !isSafeUrl(value.beacon)) {
    throw new ConfigError('/analytics/beacon', 'expected-url', value.beacon);
  }
}

function findTooDeep(root: unknown): ConfigError | null {
  const stack: [unknown, string, number][] = [[root, '', 0]];
  while (stack.length) {
    const [value, at, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_CONFIG_DEPTH) return new ConfigError(at, 'too-deep', MAX_CONFIG_DEPTH);
    for (const [key, child] of Object.entries(value)) stack.push([child, joinPointer(at, key), depth + 1]);
  }
  return null;
}

function findForbiddenKeys(root: unknown): ConfigError[] {
  const found: ConfigError[] = [];
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [value, at] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const childAt = joinPointer(at, key);
      if (FORBIDDEN_KEYS.has(key)) found.push(new ConfigError(childAt, 'forbidden-key'));
      else stack.push([child, childAt]);
    }
  }
  return found;
}
