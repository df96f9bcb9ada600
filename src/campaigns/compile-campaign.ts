import type { Campaign, Condition, ContentFields, Cta, Frequency, Layout, Offer, Teaser, Trigger } from '../types';
import type { CompiledCondition } from '../rules/build-condition';
import { compileGlob } from '../lib/glob';
import { joinPointer } from '../lib/pointer';
import type { PreparedCountdown, PreparedQuestion } from './formats';

/** A variant with everything it inherits from its campaign resolved. */
export interface PreparedVariant {
  id: string;
  weight: number;
  content: Record<string, ContentFields>;
  layout: Layout;
  cta: Cta;
  offer?: Offer;
}

/** A campaign compiled once at load, ready for decisions. */
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
  /** For an inline campaign: the slot it fills (`data-segmint-slot`); absent for popups. */
  slot?: string;
  variants: PreparedVariant[];
  /** Minimises to a tab on dismiss (SPEC §7 "Teaser"). */
  teaser?: Teaser;
  /** What `{countdown}` counts down to; at zero the campaign ends for the visitor. */
  countdown?: PreparedCountdown;
  /** For `kind: "question"`: the trait and its options. */
  question?: PreparedQuestion;
}

/**
 * Compiles a campaign that passed its checks (`campaigns/prepare.ts`): fills in the defaults,
 * resolves what variants inherit, and builds the page and audience tests. It checks nothing, so
 * it must only ever see a checked campaign: the cached checked config, or the checks' own output.
 */
export function compileCampaign(campaign: Campaign, at: string, order: number, compileAudience: (condition: Condition, pointer: string) => CompiledCondition): PreparedCampaign {
  const base = {
    content: campaign.content,
    layout: campaign.layout ?? { type: 'modal' },
    cta: campaign.cta ?? { action: 'dismiss' },
    offer: campaign.offer,
  };
  const { from, until, hours, weekdays } = campaign.schedule ?? {};
  return {
    id: campaign.id,
    order,
    priority: campaign.priority ?? 0,
    trigger: campaign.trigger ?? { on: 'pageview' },
    audience: campaign.audience === undefined ? null : compileAudience(campaign.audience, joinPointer(at, 'audience')),
    isOnPage: compilePages(campaign.pages),
    schedule: { from: parseInstant(from), until: parseInstant(until), hours: hours && [hours[0], hours[1]], weekdays },
    frequency: campaign.frequency ?? {},
    holdout: campaign.holdout ?? 0,
    attributionHours: campaign.attributionHours ?? 24,
    ...(base.layout.slot !== undefined && { slot: base.layout.slot }),
    variants: campaign.variants === undefined ? [{ id: 'default', weight: 1, ...base }] : campaign.variants.map((variant) => ({
      id: variant.id,
      weight: variant.weight ?? 1,
      content: mergeContent(base.content, variant.content ?? {}),
      layout: variant.layout ?? base.layout,
      cta: variant.cta ?? base.cta,
      offer: variant.offer ?? base.offer,
    })),
    teaser: campaign.teaser,
    countdown: compileCountdown(campaign.countdown),
    question: campaign.question,
  };
}

function compileCountdown(countdown: Campaign['countdown']): PreparedCountdown | undefined {
  if (!countdown) return undefined;
  return countdown.until !== undefined ? { until: Date.parse(countdown.until) } : { minutes: countdown.minutes! };
}

function compilePages(pages: Campaign['pages']): (path: string) => boolean {
  if (!pages) return () => true;
  const include = pages.include && pages.include.map(compileGlob);
  const exclude = (pages.exclude ?? []).map(compileGlob);
  return (path) => (!include || include.some((test) => test(path))) && !exclude.some((test) => test(path));
}

/** A checked instant (it carries its zone) as epoch ms. */
function parseInstant(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}

/** A variant's content overrides its campaign's per locale and per field. */
function mergeContent(base: Record<string, ContentFields>, overrides: Record<string, ContentFields>): Record<string, ContentFields> {
  const merged: Record<string, ContentFields> = { ...base };
  for (const [locale, fields] of Object.entries(overrides)) merged[locale] = { ...base[locale], ...fields };
  return merged;
}
