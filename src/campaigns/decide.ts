import type { CampaignTrace, CatalogProduct } from '../types';
import type { Profile } from '../profile/profile';
import type { Signals } from '../rules/signals';
import type { PreparedCampaign, PreparedVariant } from './prepare';
import { findCap, findLimit } from './frequency';
import { isInSchedule, type LocalTime } from './schedule';
import { assignVariant } from './variants';
import { selectOfferProducts, type OfferContext } from './offers';
import { isCountdownOver } from './countdown';
import { readOwn } from '../lib/read-own';
import { runAtOnce, type Steps } from '../lib/run-in-slices';

/** Everything a decision looks at, as plain data. */
export interface DecisionInput {
  signals: Signals;
  profile: Profile;
  now: number;
  limits: { maxPerSession?: number; minSecondsBetween?: number };
  /** The catalog and what offers draw on; without it, offers are not checked. */
  offers?: { catalog: Record<string, CatalogProduct>; context: OfferContext };
}

/**
 * Whether one campaign may show now and, when not, the first reason why. Without `caps`, the
 * frequency caps and global limits are not asked: a teaser tab that follows the visitor is the
 * popup already shown, minimised, not a new one.
 */
export function evaluateCampaign(campaign: PreparedCampaign, input: DecisionInput, caps = true): CampaignTrace {
  return assessCampaign(campaign, input, caps).trace;
}

/** A campaign that may show, with the variant the visitor sees. */
export interface Decision {
  campaign: PreparedCampaign;
  variant: PreparedVariant | 'holdout';
}

/**
 * The evaluation itself, with the visitor's variant when it was needed (to check the offer):
 * a decision reuses it instead of hashing the visitor again.
 */
function assessCampaign(campaign: PreparedCampaign, input: DecisionInput, caps = true): { trace: CampaignTrace; variant?: PreparedVariant | 'holdout' } {
  const { id } = campaign;
  const no = (reason: string, failure?: { pointer: string; actual?: unknown }) => ({ trace: { id, eligible: false, reason, ...failure } });
  if (!campaign.isOnPage(String(input.signals.path ?? ''))) return no('pages');
  if (!isInSchedule(campaign.schedule, new Date(input.now), readLocalTime(input.signals))) return no('schedule');
  if (isCountdownOver(campaign.countdown, readOwn(input.profile.campaigns, id), input.now)) return no('countdown');
  const cap = caps && findCap(id, campaign.frequency, input.profile, input.now);
  if (cap) return no(`frequency.${cap}`);
  // Global limits pace interruptions: an inline placement, in the page flow, neither waits for them nor uses them up.
  const limit = caps && campaign.slot === undefined ? findLimit(input.limits, input.profile, input.now) : null;
  if (limit) return no(limit);
  const failure = campaign.audience?.explain(input.signals);
  if (failure) return no('audience', { pointer: failure.pointer, actual: failure.actual });
  if (!input.offers) return { trace: { id, eligible: true } };
  const variant = assignVariant(input.profile.id, campaign);
  if (!hasSomethingToOffer(variant, input.offers)) return { trace: { id, eligible: false, reason: 'offer' }, variant };
  return { trace: { id, eligible: true }, variant };
}

/** False when the visitor's variant offers products and none is left to offer (all in the cart, say). */
function hasSomethingToOffer(variant: PreparedVariant | 'holdout', offers: NonNullable<DecisionInput['offers']>): boolean {
  const offer = variant === 'holdout' ? undefined : variant.offer;
  return !offer || !(offer.products || offer.from) || selectOfferProducts(offer, offers.catalog, offers.context).length > 0;
}

/** Of the campaigns whose trigger fired, the one to show: highest priority, config order breaking ties. */
export function decideCampaign(candidates: PreparedCampaign[], input: DecisionInput): PreparedCampaign | null {
  return chooseCampaign(candidates, input)?.campaign ?? null;
}

/** `decideCampaign` with the winner's variant: each candidate evaluated once, the visitor hashed once. */
export function chooseCampaign(candidates: PreparedCampaign[], input: DecisionInput): Decision | null {
  return runAtOnce(chooseCampaignSteps(candidates, input));
}

/**
 * `chooseCampaign` in steps, pausing after each candidate (`lib/run-in-slices.ts`): thousands
 * firing at once are decided without a long task, with the same answer, since the input is one
 * snapshot taken before the first step.
 */
export function* chooseCampaignSteps(candidates: PreparedCampaign[], input: DecisionInput): Steps<Decision | null> {
  for (const campaign of [...candidates].sort(byPriority)) {
    const { trace, variant } = assessCampaign(campaign, input);
    if (trace.eligible) return { campaign, variant: variant ?? assignVariant(input.profile.id, campaign) };
    yield;
  }
  return null;
}

/** The visitor's wall clock from the `hour`/`weekday` signals (a simulation sets them), if given. */
function readLocalTime({ hour, weekday }: Signals): LocalTime | undefined {
  return typeof hour === 'number' && typeof weekday === 'number' ? { hour, weekday } : undefined;
}

export function byPriority(a: PreparedCampaign, b: PreparedCampaign): number {
  return b.priority - a.priority || a.order - b.order;
}
