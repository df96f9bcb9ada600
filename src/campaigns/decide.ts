import type { CampaignTrace, CatalogProduct } from '../types';
import type { Profile } from '../profile/profile';
import type { Signals } from '../rules/signals';
import type { PreparedCampaign } from './prepare';
import { findCap, findLimit } from './frequency';
import { isInSchedule, type LocalTime } from './schedule';
import { assignVariant } from './variants';
import { selectOfferProducts, type OfferContext } from './offers';

/** Everything a decision looks at, as plain data. */
export interface DecisionInput {
  signals: Signals;
  profile: Profile;
  now: number;
  limits: { maxPerSession?: number; minSecondsBetween?: number };
  /** The catalog and what offers draw on; without it, offers are not checked. */
  offers?: { catalog: Record<string, CatalogProduct>; context: OfferContext };
}

/** Whether one campaign may show now and, when not, the first reason why. */
export function evaluateCampaign(campaign: PreparedCampaign, input: DecisionInput): CampaignTrace {
  const { id } = campaign;
  if (!campaign.isOnPage(String(input.signals.path ?? ''))) return { id, eligible: false, reason: 'pages' };
  if (!isInSchedule(campaign.schedule, new Date(input.now), readLocalTime(input.signals))) return { id, eligible: false, reason: 'schedule' };
  const cap = findCap(id, campaign.frequency, input.profile, input.now);
  if (cap) return { id, eligible: false, reason: `frequency.${cap}` };
  const limit = findLimit(input.limits, input.profile, input.now);
  if (limit) return { id, eligible: false, reason: limit };
  const failure = campaign.audience?.explain(input.signals);
  if (failure) return { id, eligible: false, reason: 'audience', pointer: failure.pointer, actual: failure.actual };
  if (input.offers && !hasSomethingToOffer(campaign, input.profile.id, input.offers)) return { id, eligible: false, reason: 'offer' };
  return { id, eligible: true };
}

/** False when the visitor's variant offers products and none is left to offer (all in the cart, say). */
function hasSomethingToOffer(campaign: PreparedCampaign, visitorId: string, offers: NonNullable<DecisionInput['offers']>): boolean {
  const variant = assignVariant(visitorId, campaign);
  const offer = variant === 'holdout' ? undefined : variant.offer;
  return !offer || !(offer.products || offer.from) || selectOfferProducts(offer, offers.catalog, offers.context).length > 0;
}

/** Of the campaigns whose trigger fired, the one to show: highest priority, config order breaking ties. */
export function decideCampaign(candidates: PreparedCampaign[], input: DecisionInput): PreparedCampaign | null {
  return [...candidates].sort(byPriority).find((campaign) => evaluateCampaign(campaign, input).eligible) ?? null;
}

/** The visitor's wall clock from the `hour`/`weekday` signals (a simulation sets them), if given. */
function readLocalTime({ hour, weekday }: Signals): LocalTime | undefined {
  return typeof hour === 'number' && typeof weekday === 'number' ? { hour, weekday } : undefined;
}

function byPriority(a: PreparedCampaign, b: PreparedCampaign): number {
  return b.priority - a.priority || a.order - b.order;
}
