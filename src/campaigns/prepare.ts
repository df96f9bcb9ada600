import type { Campaign, ContentFields, Cta, Frequency, Layout, Offer, Trigger } from '../types';
import type { PreparedCampaign, PreparedVariant } from './compile-campaign';
import { ConfigError } from '../rules/config-error';
import { joinPointer } from '../lib/pointer';
import { isSafeUrl } from '../lib/safe-url';
import { isPlainObject } from '../lib/is-plain-object';
import { checkKnownKeys, checkNumber, isValidLocale } from '../rules/config-checks';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';
import { checkProductIds } from './catalog';
import { isValidSelector } from '../lib/css-selector';
import { checkCountdown, checkQuestion, checkTeaser } from './prepare-formats';

/** What a campaign is checked against: the rest of the config. */
export interface CampaignContext {
  defaultLocale: string;
  /** Checks a condition (rules/check-condition.ts); throws ConfigError when it is invalid. */
  checkAudience: (condition: unknown, pointer: string) => void;
  /** Ids in the config `catalog`, which offers may name. */
  productIds: readonly string[];
}

const ACTIONS = ['link', 'add-to-cart', 'copy-coupon', 'dismiss'];

const LAYOUTS = ['modal', 'slide-in', 'bar', 'sheet', 'inline'];
const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'top', 'bottom'];
const CONTENT_FIELDS = ['title', 'body', 'cta', 'dismiss', 'close', 'teaser', 'thanks'];
const FREQUENCY_FIELDS = ['maxImpressions', 'maxPerSession', 'cooldownHours', 'afterDismissHours', 'afterConversionHours'];
const KINDS = ['upsell', 'cross-sell', 'announcement', 'question'];
const OFFER_SOURCES = ['upsell', 'crossSell'];
const OFFER_BASES = ['current', 'cart', 'viewed'];
const OFFER_FIELDS = ['products', 'from', 'of', 'limit', 'coupon'];
const CAMPAIGN_FIELDS = ['id', 'kind', 'audience', 'pages', 'trigger', 'schedule', 'frequency', 'priority', 'holdout', 'attributionHours', 'layout', 'offer', 'content', 'cta', 'variants', 'teaser', 'countdown', 'question'];
const VARIANT_FIELDS = ['id', 'weight', 'content', 'layout', 'offer', 'cta'];

export type { PreparedCampaign, PreparedVariant };

/**
 * Checks one campaign, throwing ConfigError at the first problem, in the order the fields are
 * listed here (the order is part of what a config author sees: the first error is reported).
 */
export function checkCampaign(raw: unknown, at: string, context: CampaignContext): void {
  const { defaultLocale, checkAudience } = context;
  if (!isPlainObject(raw)) throw new ConfigError(at, 'item-not-object', 'campaign', raw);
  checkKnownKeys(raw, CAMPAIGN_FIELDS, at, 'campaign');
  const campaign = raw as unknown as Campaign;
  if (typeof campaign.id !== 'string' || campaign.id === '' || FORBIDDEN_KEYS.has(campaign.id)) {
    throw new ConfigError(joinPointer(at, 'id'), 'missing-campaign-id');
  }
  const content = checkContent(campaign.content, joinPointer(at, 'content'), defaultLocale, true);
  const layout = checkLayout(campaign.layout, joinPointer(at, 'layout'));
  const cta = checkCta(campaign.cta, joinPointer(at, 'cta'));
  if (campaign.kind !== undefined && !KINDS.includes(campaign.kind)) {
    throw new ConfigError(joinPointer(at, 'kind'), 'not-one-of', campaign.kind, KINDS);
  }
  const offer = campaign.offer === undefined ? undefined : checkOffer(campaign.offer, joinPointer(at, 'offer'), context.productIds);
  checkNumber(campaign.priority === undefined ? 0 : campaign.priority, joinPointer(at, 'priority'), -Infinity);
  const trigger = checkTrigger(campaign.trigger, joinPointer(at, 'trigger'));
  // An inline campaign fills its slot when the page (or the slot) appears: nothing else triggers it.
  if (layout.slot !== undefined && (trigger.on !== 'pageview' || trigger.delaySeconds)) {
    throw new ConfigError(joinPointer(at, 'trigger'), 'inline-trigger', trigger.on);
  }
  if (campaign.audience !== undefined) checkAudience(campaign.audience, joinPointer(at, 'audience'));
  checkPages(campaign.pages, joinPointer(at, 'pages'));
  checkSchedule(campaign.schedule, joinPointer(at, 'schedule'));
  checkFrequency(campaign.frequency, joinPointer(at, 'frequency'));
  checkPercent(campaign.holdout === undefined ? 0 : campaign.holdout, joinPointer(at, 'holdout'));
  checkNumber(campaign.attributionHours === undefined ? 24 : campaign.attributionHours, joinPointer(at, 'attributionHours'));
  checkVariants(campaign.variants, joinPointer(at, 'variants'), { content, layout, cta, offer }, context);
  checkTeaser(campaign.teaser, joinPointer(at, 'teaser'), content, defaultLocale);
  checkCountdown(campaign.countdown, joinPointer(at, 'countdown'), checkInstant);
  checkQuestion(campaign.question, joinPointer(at, 'question'), campaign.kind === 'question', defaultLocale);
}

function checkContent(value: unknown, at: string, defaultLocale: string, isRequired: boolean): Record<string, ContentFields> {
  if (value === undefined && !isRequired) return {};
  if (!isPlainObject(value)) throw new ConfigError(at, 'content-not-object', value);
  if (isRequired && !isPlainObject(value[defaultLocale])) {
    throw new ConfigError(at, 'missing-default-content', defaultLocale);
  }
  for (const [locale, fields] of Object.entries(value)) {
    const localeAt = joinPointer(at, locale);
    if (!isValidLocale(locale)) throw new ConfigError(localeAt, 'invalid-locale');
    if (!isPlainObject(fields)) throw new ConfigError(localeAt, 'expected-texts', fields);
    for (const [field, text] of Object.entries(fields)) {
      const fieldAt = joinPointer(localeAt, field);
      if (!CONTENT_FIELDS.includes(field)) throw new ConfigError(fieldAt, 'unknown-field', 'content', CONTENT_FIELDS);
      // Only strings ever reach the renderer: an object here could be a VNode-shaped payload.
      if (typeof text !== 'string') throw new ConfigError(fieldAt, 'expected-text', text);
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
  click: ['selector', true],
};

function checkTrigger(value: unknown, at: string): Trigger {
  if (value === undefined) return { on: 'pageview' };
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  const on = value.on as Trigger['on'];
  const kinds = Object.keys(TRIGGER_OPTIONS);
  if (typeof on !== 'string' || !kinds.includes(on)) {
    throw new ConfigError(joinPointer(at, 'on'), 'not-one-of', on, kinds);
  }
  const [option, isRequired] = TRIGGER_OPTIONS[on];
  checkKnownKeys(value, option ? ['on', option] : ['on'], at, `"${on}" trigger`);
  if (!option || (value[option] === undefined && !isRequired)) return { on } as Trigger;
  const optionAt = joinPointer(at, option);
  if (option === 'event') {
    if (typeof value.event !== 'string' || value.event === '') throw new ConfigError(optionAt, 'missing-event-name');
    return { on: 'event', event: value.event };
  }
  if (option === 'selector') {
    if (typeof value.selector !== 'string' || value.selector.trim() === '') throw new ConfigError(optionAt, 'missing-selector');
    // Checked here, in the check chunk, by a parser of our own, so Node's validator and the browser agree.
    if (!isValidSelector(value.selector)) throw new ConfigError(optionAt, 'invalid-selector', value.selector);
    return { on: 'click', selector: value.selector };
  }
  const n = checkNumber(value[option], optionAt);
  if (option === 'percent' && n > 100) throw new ConfigError(optionAt, 'percent-over-100', n);
  return { on, [option]: n } as Trigger;
}

function checkPages(value: unknown, at: string): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new ConfigError(at, 'invalid-pages-filter', value);
  checkKnownKeys(value, ['include', 'exclude'], at, 'pages');
  if (value.include !== undefined) checkGlobs(value.include, joinPointer(at, 'include'));
  checkGlobs(value.exclude === undefined ? [] : value.exclude, joinPointer(at, 'exclude'));
}

/** Checks a list of path globs (any text is a glob: `*`, `?`, the rest literal). */
export function checkGlobs(value: unknown, at: string): string[] {
  if (!Array.isArray(value)) throw new ConfigError(at, 'expected-patterns', value);
  value.forEach((pattern, i) => {
    if (typeof pattern !== 'string') throw new ConfigError(joinPointer(at, i), 'expected-pattern', pattern);
  });
  return value;
}

function checkSchedule(value: unknown, at: string): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, ['from', 'until', 'hours', 'weekdays'], at, 'schedule');
  const from = value.from === undefined ? undefined : checkInstant(value.from, joinPointer(at, 'from'));
  const until = value.until === undefined ? undefined : checkInstant(value.until, joinPointer(at, 'until'));
  if (from !== undefined && until !== undefined && from >= until) throw new ConfigError(joinPointer(at, 'until'), 'until-before-from');
  if (value.hours !== undefined) {
    const h = value.hours;
    if (!Array.isArray(h) || h.length !== 2 || !h.every((n) => Number.isInteger(n) && n >= 0 && n <= 24)) {
      throw new ConfigError(joinPointer(at, 'hours'), 'invalid-hours');
    }
  }
  if (value.weekdays !== undefined) {
    const w = value.weekdays;
    if (!Array.isArray(w) || !w.every((n) => Number.isInteger(n) && n >= 1 && n <= 7)) {
      throw new ConfigError(joinPointer(at, 'weekdays'), 'invalid-weekdays');
    }
  }
}

function checkInstant(value: unknown, at: string): number {
  // A time without a zone would be a different instant for each visitor: require one.
  const time = typeof value === 'string' && /T.*(Z|[+-]\d\d:?\d\d)$/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new ConfigError(at, 'expected-instant', value);
  return time;
}

function checkFrequency(value: unknown, at: string): Frequency {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, FREQUENCY_FIELDS, at, 'frequency');
  for (const [key, n] of Object.entries(value)) checkNumber(n, joinPointer(at, key));
  return value as Frequency;
}

function checkLayout(value: unknown, at: string): Layout {
  if (value === undefined) return { type: 'modal' };
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, ['type', 'position', 'slot'], at, 'layout');
  if (typeof value.type !== 'string' || !LAYOUTS.includes(value.type)) {
    throw new ConfigError(joinPointer(at, 'type'), 'not-one-of', value.type, LAYOUTS);
  }
  if (value.type === 'inline') {
    if (typeof value.slot !== 'string' || !SLOT_NAME.test(value.slot)) throw new ConfigError(joinPointer(at, 'slot'), 'invalid-slot-name', value.slot);
    if (value.position !== undefined) throw new ConfigError(joinPointer(at, 'position'), 'inline-position');
    return { type: 'inline', slot: value.slot };
  }
  if (value.slot !== undefined) throw new ConfigError(joinPointer(at, 'slot'), 'slot-needs-inline', value.type);
  if (value.position !== undefined && (typeof value.position !== 'string' || !POSITIONS.includes(value.position))) {
    throw new ConfigError(joinPointer(at, 'position'), 'not-one-of', value.position, POSITIONS);
  }
  return value as unknown as Layout;
}

function checkCta(value: unknown, at: string): Cta {
  if (value === undefined) return { action: 'dismiss' };
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, ['action', 'url'], at, 'cta');
  const action = value.action;
  if (typeof action !== 'string' || !ACTIONS.includes(action)) {
    throw new ConfigError(joinPointer(at, 'action'), 'not-one-of', action, ACTIONS);
  }
  if (action === 'link' && !isSafeUrl(value.url)) {
    throw new ConfigError(joinPointer(at, 'url'), 'invalid-link', value.url);
  }
  return value as unknown as Cta;
}

/** `add-to-cart` needs products to add and `copy-coupon` a coupon to copy, in the variant's offer. */
function checkActionHasOffer({ cta, offer }: PreparedVariant, at: string): void {
  if (cta.action === 'add-to-cart' && !(offer?.products || offer?.from)) {
    throw new ConfigError(joinPointer(at, 'action'), 'add-to-cart-needs-products');
  }
  if (cta.action === 'copy-coupon' && !offer?.coupon) throw new ConfigError(joinPointer(at, 'action'), 'copy-coupon-needs-coupon');
}

function checkVariants(value: unknown, at: string, base: Omit<PreparedVariant, 'id' | 'weight'>, context: CampaignContext): PreparedVariant[] {
  const { defaultLocale } = context;
  if (value === undefined) {
    const only = { id: 'default', weight: 1, ...base };
    checkActionHasOffer(only, at.replace(/\/variants$/, '/cta'));
    return [only];
  }
  if (!Array.isArray(value) || value.length === 0) throw new ConfigError(at, 'empty-variants');
  const seen = new Set<string>();
  const variants = value.map((raw, i): PreparedVariant => {
    const variantAt = joinPointer(at, i);
    if (!isPlainObject(raw)) throw new ConfigError(variantAt, 'item-not-object', 'variant', raw);
    checkKnownKeys(raw, VARIANT_FIELDS, variantAt, 'variant');
    if (typeof raw.id !== 'string' || raw.id === '' || raw.id === 'holdout') throw new ConfigError(joinPointer(variantAt, 'id'), 'invalid-variant-id');
    if (seen.has(raw.id)) throw new ConfigError(joinPointer(variantAt, 'id'), 'duplicate-variant-id', raw.id);
    seen.add(raw.id);
    const overrides = checkContent(raw.content, joinPointer(variantAt, 'content'), defaultLocale, false);
    return {
      id: raw.id,
      weight: checkNumber(raw.weight === undefined ? 1 : raw.weight, joinPointer(variantAt, 'weight')),
      content: mergeContent(base.content, overrides),
      layout: raw.layout === undefined ? base.layout : checkVariantLayout(raw.layout, joinPointer(variantAt, 'layout'), base.layout),
      cta: raw.cta === undefined ? base.cta : checkCta(raw.cta, joinPointer(variantAt, 'cta')),
      offer: raw.offer === undefined ? base.offer : checkOffer(raw.offer, joinPointer(variantAt, 'offer'), context.productIds),
    };
  });
  if (!variants.some((variant) => variant.weight > 0)) throw new ConfigError(at, 'no-variant-weight');
  variants.forEach((variant, i) => checkActionHasOffer(variant, joinPointer(joinPointer(at, i), 'cta')));
  return variants;
}

/**
 * A variant may restyle its campaign's placement but not move it between the page and over it:
 * which slot a campaign competes for (or whether it is a popup) is decided before the variant.
 */
function checkVariantLayout(value: unknown, at: string, base: Layout): Layout {
  const layout = checkLayout(value, at);
  if (layout.slot !== base.slot) throw new ConfigError(joinPointer(at, base.slot === undefined ? 'type' : 'slot'), 'variant-placement', base.slot);
  return layout;
}

/** A variant's content overrides its campaign's per locale and per field. */
function mergeContent(base: Record<string, ContentFields>, overrides: Record<string, ContentFields>): Record<string, ContentFields> {
  const merged: Record<string, ContentFields> = { ...base };
  for (const [locale, fields] of Object.entries(overrides)) merged[locale] = { ...base[locale], ...fields };
  return merged;
}

function checkOffer(value: unknown, at: string, productIds: readonly string[]): Offer {
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, OFFER_FIELDS, at, 'offer');
  if (value.products !== undefined) checkProductIds(value.products, joinPointer(at, 'products'), productIds);
  if (value.from !== undefined && !OFFER_SOURCES.includes(value.from as string)) {
    throw new ConfigError(joinPointer(at, 'from'), 'expected-one-of', value.from, OFFER_SOURCES);
  }
  if (value.of !== undefined && !OFFER_BASES.includes(value.of as string)) {
    throw new ConfigError(joinPointer(at, 'of'), 'expected-one-of', value.of, OFFER_BASES);
  }
  if (value.products !== undefined && value.from !== undefined) throw new ConfigError(at, 'products-and-from');
  if (value.limit !== undefined && (!Number.isInteger(value.limit) || (value.limit as number) < 1)) {
    throw new ConfigError(joinPointer(at, 'limit'), 'invalid-offer-limit', value.limit);
  }
  if (value.coupon !== undefined && (typeof value.coupon !== 'string' || value.coupon === '')) {
    throw new ConfigError(joinPointer(at, 'coupon'), 'invalid-coupon', value.coupon);
  }
  return value as Offer;
}

/** A slot name: what the host writes in `data-segmint-slot`, so nothing that needs quoting in a selector. */
const SLOT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function checkPercent(value: unknown, at: string): number {
  const n = checkNumber(value, at);
  if (n > 100) throw new ConfigError(at, 'expected-percentage', n);
  return n;
}
