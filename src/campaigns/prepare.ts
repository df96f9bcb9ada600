import type { Campaign, ContentFields, Cta, Frequency, Layout, Offer, Trigger } from '../types';
import { ConfigError } from '../rules/config-error';
import type { CompiledCondition } from '../rules/compile';
import { describe } from '../rules/operators';
import { compileGlob } from '../lib/glob';
import { joinPointer } from '../lib/pointer';
import { didYouMean } from '../lib/nearest';
import { isSafeUrl } from '../lib/safe-url';
import { isPlainObject } from '../lib/is-plain-object';
import { checkKnownKeys, checkNumber, isValidLocale } from '../rules/config-checks';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';
import { checkProductIds } from './catalog';

/** A variant with everything it inherits from its campaign resolved. */
export interface PreparedVariant {
  id: string;
  weight: number;
  content: Record<string, ContentFields>;
  layout: Layout;
  cta: Cta;
  offer?: Offer;
}

/** A campaign checked and compiled once at load, ready for decisions. */
export interface PreparedCampaign {
  id: string;
  /** Position in the config: breaks priority ties. */
  order: number;
  priority: number;
  trigger: Trigger;
  audience: CompiledCondition | null;
  isOnPage: (path: string) => boolean;
  /** Schedule bounds as epoch ms, and local hours/weekdays; absent means always. */
  schedule: { from?: number; until?: number; hours?: [number, number]; weekdays?: number[] };
  frequency: Frequency;
  holdout: number;
  attributionHours: number;
  variants: PreparedVariant[];
}

/** What a campaign is checked against: the rest of the config. */
export interface CampaignContext {
  defaultLocale: string;
  compileAudience: (condition: unknown, pointer: string) => CompiledCondition;
  /** Ids in the config `catalog`, which offers may name. */
  productIds: readonly string[];
}

const ACTIONS = ['link', 'add-to-cart', 'copy-coupon', 'dismiss'];

const LAYOUTS = ['modal', 'slide-in', 'bar', 'sheet'];
const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'top', 'bottom'];
const CONTENT_FIELDS = ['title', 'body', 'cta', 'dismiss', 'close'];
const FREQUENCY_FIELDS = ['maxImpressions', 'maxPerSession', 'cooldownHours', 'afterDismissHours', 'afterConversionHours'];
const KINDS = ['upsell', 'cross-sell', 'announcement'];
const OFFER_FIELDS = ['products', 'from', 'of', 'limit', 'coupon'];
const CAMPAIGN_FIELDS = ['id', 'kind', 'audience', 'pages', 'trigger', 'schedule', 'frequency', 'priority', 'holdout', 'attributionHours', 'layout', 'offer', 'content', 'cta', 'variants'];
const VARIANT_FIELDS = ['id', 'weight', 'content', 'layout', 'offer', 'cta'];

/**
 * Checks one campaign and compiles it for decisions. Throws ConfigError at the first problem;
 * the caller skips that campaign and keeps the rest of the config running.
 */
export function prepareCampaign(raw: unknown, at: string, order: number, context: CampaignContext): PreparedCampaign {
  const { defaultLocale, compileAudience } = context;
  if (!isPlainObject(raw)) throw new ConfigError(at, `a campaign must be an object, got ${describe(raw)}`);
  checkKnownKeys(raw, CAMPAIGN_FIELDS, at, 'campaign');
  const campaign = raw as unknown as Campaign;
  if (typeof campaign.id !== 'string' || campaign.id === '' || FORBIDDEN_KEYS.has(campaign.id)) {
    throw new ConfigError(joinPointer(at, 'id'), 'a campaign needs a non-empty string "id" (and not "__proto__", "constructor" or "prototype")');
  }
  const content = checkContent(campaign.content, joinPointer(at, 'content'), defaultLocale, true);
  const layout = checkLayout(campaign.layout, joinPointer(at, 'layout'));
  const cta = checkCta(campaign.cta, joinPointer(at, 'cta'));
  if (campaign.kind !== undefined && !KINDS.includes(campaign.kind)) {
    throw new ConfigError(joinPointer(at, 'kind'), `"kind" must be one of ${KINDS.join(', ')}${typeof campaign.kind === 'string' ? didYouMean(campaign.kind, KINDS) : ''}`);
  }
  const offer = campaign.offer === undefined ? undefined : checkOffer(campaign.offer, joinPointer(at, 'offer'), context.productIds);
  return {
    id: campaign.id,
    order,
    priority: checkNumber(campaign.priority ?? 0, joinPointer(at, 'priority'), -Infinity),
    trigger: checkTrigger(campaign.trigger, joinPointer(at, 'trigger')),
    audience: campaign.audience === undefined ? null : compileAudience(campaign.audience, joinPointer(at, 'audience')),
    isOnPage: checkPages(campaign.pages, joinPointer(at, 'pages')),
    schedule: checkSchedule(campaign.schedule, joinPointer(at, 'schedule')),
    frequency: checkFrequency(campaign.frequency, joinPointer(at, 'frequency')),
    holdout: checkPercent(campaign.holdout ?? 0, joinPointer(at, 'holdout')),
    attributionHours: checkNumber(campaign.attributionHours ?? 24, joinPointer(at, 'attributionHours')),
    variants: checkVariants(campaign.variants, joinPointer(at, 'variants'), { content, layout, cta, offer }, context),
  };
}

function checkContent(value: unknown, at: string, defaultLocale: string, isRequired: boolean): Record<string, ContentFields> {
  if (value === undefined && !isRequired) return {};
  if (!isPlainObject(value)) throw new ConfigError(at, `"content" must be an object keyed by locale, got ${describe(value)}`);
  if (isRequired && !isPlainObject(value[defaultLocale])) {
    throw new ConfigError(at, `"content" needs the default locale "${defaultLocale}"`);
  }
  for (const [locale, fields] of Object.entries(value)) {
    const localeAt = joinPointer(at, locale);
    if (!isValidLocale(locale)) throw new ConfigError(localeAt, `"${locale}" is not a valid BCP 47 locale tag (e.g. "de-AT")`);
    if (!isPlainObject(fields)) throw new ConfigError(localeAt, `expected an object of texts, got ${describe(fields)}`);
    for (const [field, text] of Object.entries(fields)) {
      const fieldAt = joinPointer(localeAt, field);
      if (!CONTENT_FIELDS.includes(field)) throw new ConfigError(fieldAt, `unknown content field "${field}"${didYouMean(field, CONTENT_FIELDS)}`);
      // Only strings ever reach the renderer: an object here could be a VNode-shaped payload.
      if (typeof text !== 'string') throw new ConfigError(fieldAt, `expected text, got ${describe(text)}`);
    }
  }
  return value as Record<string, ContentFields>;
}


/** Each trigger kind with its one option (if any), and whether that option is required. */
const TRIGGER_OPTIONS: Record<Trigger['on'], [option?: string, isRequired?: boolean]> = {
  pageview: ['delaySeconds'],
  scroll: ['percent', true],
  'exit-intent': [],
  idle: ['seconds', true],
  'time-on-site': ['seconds', true],
  event: ['event', true],
};

function checkTrigger(value: unknown, at: string): Trigger {
  if (value === undefined) return { on: 'pageview' };
  if (!isPlainObject(value)) throw new ConfigError(at, `"trigger" must be an object, got ${describe(value)}`);
  const on = value.on as Trigger['on'];
  const kinds = Object.keys(TRIGGER_OPTIONS);
  if (typeof on !== 'string' || !kinds.includes(on)) {
    throw new ConfigError(joinPointer(at, 'on'), `"on" must be one of ${kinds.join(', ')}${typeof on === 'string' ? didYouMean(on, kinds) : ''}`);
  }
  const [option, isRequired] = TRIGGER_OPTIONS[on];
  checkKnownKeys(value, option ? ['on', option] : ['on'], at, `"${on}" trigger`);
  if (!option || (value[option] === undefined && !isRequired)) return { on } as Trigger;
  const optionAt = joinPointer(at, option);
  if (option === 'event') {
    if (typeof value.event !== 'string' || value.event === '') throw new ConfigError(optionAt, 'an "event" trigger needs the event name');
    return { on: 'event', event: value.event };
  }
  const n = checkNumber(value[option], optionAt);
  if (option === 'percent' && n > 100) throw new ConfigError(optionAt, `"percent" is a share of the page from 0 to 100, got ${n}`);
  return { on, [option]: n } as Trigger;
}

function checkPages(value: unknown, at: string): (path: string) => boolean {
  if (value === undefined) return () => true;
  if (!isPlainObject(value)) throw new ConfigError(at, `"pages" must be an object with "include" and/or "exclude", got ${describe(value)}`);
  checkKnownKeys(value, ['include', 'exclude'], at, 'pages');
  const include = value.include === undefined ? null : checkGlobs(value.include, joinPointer(at, 'include'));
  const exclude = checkGlobs(value.exclude ?? [], joinPointer(at, 'exclude'));
  return (path) => (!include || include.some((test) => test(path))) && !exclude.some((test) => test(path));
}

/** Checks a list of path globs and compiles them. */
export function checkGlobs(value: unknown, at: string): ((text: string) => boolean)[] {
  if (!Array.isArray(value)) throw new ConfigError(at, `expected a list of path patterns, got ${describe(value)}`);
  return value.map((pattern, i) => {
    if (typeof pattern !== 'string') throw new ConfigError(joinPointer(at, i), `expected a path pattern, got ${describe(pattern)}`);
    return compileGlob(pattern);
  });
}

function checkSchedule(value: unknown, at: string): PreparedCampaign['schedule'] {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ConfigError(at, `"schedule" must be an object, got ${describe(value)}`);
  checkKnownKeys(value, ['from', 'until', 'hours', 'weekdays'], at, 'schedule');
  const from = value.from === undefined ? undefined : checkInstant(value.from, joinPointer(at, 'from'));
  const until = value.until === undefined ? undefined : checkInstant(value.until, joinPointer(at, 'until'));
  if (from !== undefined && until !== undefined && from >= until) throw new ConfigError(joinPointer(at, 'until'), '"until" must be after "from"');
  let hours: [number, number] | undefined;
  if (value.hours !== undefined) {
    const h = value.hours;
    if (!Array.isArray(h) || h.length !== 2 || !h.every((n) => Number.isInteger(n) && n >= 0 && n <= 24)) {
      throw new ConfigError(joinPointer(at, 'hours'), '"hours" takes [start, end], whole hours from 0 to 24');
    }
    hours = [h[0], h[1]];
  }
  let weekdays: number[] | undefined;
  if (value.weekdays !== undefined) {
    const w = value.weekdays;
    if (!Array.isArray(w) || !w.every((n) => Number.isInteger(n) && n >= 1 && n <= 7)) {
      throw new ConfigError(joinPointer(at, 'weekdays'), '"weekdays" takes a list of 1 (Monday) to 7 (Sunday)');
    }
    weekdays = w;
  }
  return { from, until, hours, weekdays };
}

function checkInstant(value: unknown, at: string): number {
  // A time without a zone would be a different instant for each visitor: require one.
  const time = typeof value === 'string' && /T.*(Z|[+-]\d\d:?\d\d)$/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new ConfigError(at, `expected an ISO instant with a time zone (e.g. "2026-12-01T00:00:00Z"), got ${describe(value)}`);
  return time;
}

function checkFrequency(value: unknown, at: string): Frequency {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ConfigError(at, `"frequency" must be an object, got ${describe(value)}`);
  checkKnownKeys(value, FREQUENCY_FIELDS, at, 'frequency');
  for (const [key, n] of Object.entries(value)) checkNumber(n, joinPointer(at, key));
  return value as Frequency;
}

function checkLayout(value: unknown, at: string): Layout {
  if (value === undefined) return { type: 'modal' };
  if (!isPlainObject(value)) throw new ConfigError(at, `"layout" must be an object, got ${describe(value)}`);
  checkKnownKeys(value, ['type', 'position'], at, 'layout');
  if (typeof value.type !== 'string' || !LAYOUTS.includes(value.type)) {
    throw new ConfigError(joinPointer(at, 'type'), `layout type must be one of ${LAYOUTS.join(', ')}${typeof value.type === 'string' ? didYouMean(value.type, LAYOUTS) : ''}`);
  }
  if (value.position !== undefined && (typeof value.position !== 'string' || !POSITIONS.includes(value.position))) {
    throw new ConfigError(joinPointer(at, 'position'), `position must be one of ${POSITIONS.join(', ')}`);
  }
  return value as unknown as Layout;
}

function checkCta(value: unknown, at: string): Cta {
  if (value === undefined) return { action: 'dismiss' };
  if (!isPlainObject(value)) throw new ConfigError(at, `"cta" must be an object, got ${describe(value)}`);
  checkKnownKeys(value, ['action', 'url'], at, 'cta');
  const action = value.action;
  if (typeof action !== 'string' || !ACTIONS.includes(action)) {
    throw new ConfigError(joinPointer(at, 'action'), `"action" must be one of ${ACTIONS.join(', ')}${typeof action === 'string' ? didYouMean(action, ACTIONS) : ''}`);
  }
  if (action === 'link' && !isSafeUrl(value.url)) {
    throw new ConfigError(joinPointer(at, 'url'), `a link needs an http(s) or relative URL, got ${describe(value.url)}`);
  }
  return value as unknown as Cta;
}

/** `add-to-cart` needs products to add and `copy-coupon` a coupon to copy, in the variant's offer. */
function checkActionHasOffer({ cta, offer }: PreparedVariant, at: string): void {
  if (cta.action === 'add-to-cart' && !(offer?.products || offer?.from)) {
    throw new ConfigError(joinPointer(at, 'action'), '"add-to-cart" needs an offer with "products" or "from"');
  }
  if (cta.action === 'copy-coupon' && !offer?.coupon) throw new ConfigError(joinPointer(at, 'action'), '"copy-coupon" needs an offer with a "coupon"');
}

function checkVariants(value: unknown, at: string, base: Omit<PreparedVariant, 'id' | 'weight'>, context: CampaignContext): PreparedVariant[] {
  const { defaultLocale } = context;
  if (value === undefined) {
    const only = { id: 'default', weight: 1, ...base };
    checkActionHasOffer(only, at.replace(/\/variants$/, '/cta'));
    return [only];
  }
  if (!Array.isArray(value) || value.length === 0) throw new ConfigError(at, '"variants" must be a non-empty list');
  const seen = new Set<string>();
  const variants = value.map((raw, i): PreparedVariant => {
    const variantAt = joinPointer(at, i);
    if (!isPlainObject(raw)) throw new ConfigError(variantAt, `a variant must be an object, got ${describe(raw)}`);
    checkKnownKeys(raw, VARIANT_FIELDS, variantAt, 'variant');
    if (typeof raw.id !== 'string' || raw.id === '' || raw.id === 'holdout') throw new ConfigError(joinPointer(variantAt, 'id'), 'a variant needs a string "id" other than "holdout"');
    if (seen.has(raw.id)) throw new ConfigError(joinPointer(variantAt, 'id'), `duplicate variant id "${raw.id}"`);
    seen.add(raw.id);
    const overrides = checkContent(raw.content, joinPointer(variantAt, 'content'), defaultLocale, false);
    return {
      id: raw.id,
      weight: checkNumber(raw.weight ?? 1, joinPointer(variantAt, 'weight')),
      content: mergeContent(base.content, overrides),
      layout: raw.layout === undefined ? base.layout : checkLayout(raw.layout, joinPointer(variantAt, 'layout')),
      cta: raw.cta === undefined ? base.cta : checkCta(raw.cta, joinPointer(variantAt, 'cta')),
      offer: raw.offer === undefined ? base.offer : checkOffer(raw.offer, joinPointer(variantAt, 'offer'), context.productIds),
    };
  });
  if (!variants.some((variant) => variant.weight > 0)) throw new ConfigError(at, 'at least one variant needs a weight above 0');
  variants.forEach((variant, i) => checkActionHasOffer(variant, joinPointer(joinPointer(at, i), 'cta')));
  return variants;
}

/** A variant's content overrides its campaign's per locale and per field. */
function mergeContent(base: Record<string, ContentFields>, overrides: Record<string, ContentFields>): Record<string, ContentFields> {
  const merged: Record<string, ContentFields> = { ...base };
  for (const [locale, fields] of Object.entries(overrides)) merged[locale] = { ...base[locale], ...fields };
  return merged;
}

function checkOffer(value: unknown, at: string, productIds: readonly string[]): Offer {
  if (!isPlainObject(value)) throw new ConfigError(at, `"offer" must be an object, got ${describe(value)}`);
  checkKnownKeys(value, OFFER_FIELDS, at, 'offer');
  if (value.products !== undefined) checkProductIds(value.products, joinPointer(at, 'products'), productIds);
  if (value.from !== undefined && value.from !== 'upsell' && value.from !== 'crossSell') {
    throw new ConfigError(joinPointer(at, 'from'), `"from" must be "upsell" or "crossSell", got ${describe(value.from)}`);
  }
  if (value.of !== undefined && !['current', 'cart', 'viewed'].includes(value.of as string)) {
    throw new ConfigError(joinPointer(at, 'of'), `"of" must be "current", "cart" or "viewed", got ${describe(value.of)}`);
  }
  if (value.products !== undefined && value.from !== undefined) throw new ConfigError(at, 'an offer takes either "products" or "from", not both');
  if (value.limit !== undefined && (!Number.isInteger(value.limit) || (value.limit as number) < 1)) {
    throw new ConfigError(joinPointer(at, 'limit'), `"limit" must be a whole number from 1, got ${describe(value.limit)}`);
  }
  if (value.coupon !== undefined && (typeof value.coupon !== 'string' || value.coupon === '')) {
    throw new ConfigError(joinPointer(at, 'coupon'), `"coupon" must be text, got ${describe(value.coupon)}`);
  }
  return value as Offer;
}

function checkPercent(value: unknown, at: string): number {
  const n = checkNumber(value, at);
  if (n > 100) throw new ConfigError(at, `expected a percentage from 0 to 100, got ${n}`);
  return n;
}
