import type { Campaign, CatalogProduct, Condition, Config } from '../types';
import { createConditionBuilder, type CompiledCondition } from './build-condition';
import { compileCampaign, type PreparedCampaign } from '../campaigns/compile-campaign';
import { compileGlob } from '../lib/glob';
import { joinPointer } from '../lib/pointer';
import { createRecord } from '../lib/create-record';
import { runAtOnce, type Steps } from '../lib/run-in-slices';

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
  /** The signals its conditions, offers and placeholders can read (needed-signals.ts). */
  needs: Set<string>;
}

/**
 * A config after its checks (`rules/prepare-config.ts`), with everything that failed them left
 * out: plain JSON, so it can be cached and compiled on later page views without checking again.
 * A rejected campaign leaves `null` in its place, so the others keep their position (`order`)
 * and their pointers.
 */
export interface CleanConfig extends Omit<Config, 'campaigns' | 'segments' | 'catalog' | 'pages'> {
  pages?: Record<string, string[]>;
  catalog: Record<string, CatalogProduct>;
  segments: Record<string, Condition>;
  campaigns: (Campaign | null)[];
  /** The signals its conditions, offers and placeholders can read (needed-signals.ts), found by the checks. */
  needs: string[];
}

/**
 * Compiles a checked config for decisions. It checks nothing: it must only ever be given what
 * the checks produced (fresh, or cached under the config text they checked).
 */
export function compileConfig(clean: CleanConfig, now: () => number = Date.now): PreparedConfig {
  return runAtOnce(compileConfigSteps(clean, now));
}

/** `compileConfig` in steps, pausing after each campaign (`lib/run-in-slices.ts`). */
export function* compileConfigSteps(clean: CleanConfig, now: () => number = Date.now): Steps<PreparedConfig> {
  // A form kept by a build before it had them: checked again (load-checked-config.ts).
  if (!Array.isArray(clean.needs)) throw new TypeError('a checked config without its needed signals');
  const builder = createConditionBuilder({ segments: clean.segments, now });
  const segments = createRecord<CompiledCondition>();
  for (const id of Object.keys(clean.segments)) segments[id] = builder.buildSegment(id);
  const campaigns: PreparedCampaign[] = [];
  for (let i = 0; i < clean.campaigns.length; i++) {
    const campaign = clean.campaigns[i];
    if (campaign) campaigns.push(compileCampaign(campaign, joinPointer('/campaigns', i), i, builder.build));
    yield;
  }
  return {
    config: clean as unknown as Config,
    defaultLocale: clean.defaultLocale,
    currency: clean.currency,
    pageTypes: Object.entries(clean.pages ?? {}).map(([type, patterns]) => [type, patterns.map(compileGlob)]),
    // Without a prototype again (a clone or JSON has one): a page's product id `constructor` finds nothing.
    catalog: Object.assign(createRecord<CatalogProduct>(), clean.catalog),
    segments,
    campaigns,
    limits: clean.limits ?? {},
    needs: new Set(clean.needs),
  };
}

/**
 * The checked form of a config that checked without a single error: the config itself, with
 * the defaults of what it leaves out and the signals the checks found it needs. Nothing failed,
 * so nothing is left out (a test holds the checks to that); later page views compile this
 * instead of keeping a second copy of a config that may be large.
 */
export function readCleanForm(raw: unknown, needs: string[]): CleanConfig {
  const config = raw as Partial<CleanConfig>;
  return { ...config, segments: config.segments ?? {}, catalog: config.catalog ?? {}, campaigns: config.campaigns ?? [], needs } as CleanConfig;
}
