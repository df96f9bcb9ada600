import type { CampaignTrace, Trigger } from '../types';
import type { PreparedConfig } from '../rules/prepare-config';
import { findSignal, type Signals } from '../rules/signals';
import { createProfile, type CampaignHistory, type Profile } from '../profile/profile';
import type { PreparedCampaign } from './prepare';
import { decideCampaign, evaluateCampaign, type DecisionInput } from './decide';
import { assignVariant } from './variants';
import { chooseContentLocale } from './localize';
import { presentCampaign } from './present';
import type { OfferContext } from './offers';
import { listPreferredLocales } from '../signals/preferred-locales';
import { isPlainObject } from '../lib/is-plain-object';
import { readBehaviourSignals } from '../profile/signals';
import { findCountdownEnd } from './countdown';

/** One campaign's outcome for the simulated visitor. */
export interface SimulatedCampaign extends CampaignTrace {
  trigger: string;
  /** True for the campaign that would show: the one the browser's decision picks, unless held out. */
  shows: boolean;
  variant?: string;
  locale?: string;
  /** The catalog products its offer would show, best first. */
  products?: string[];
  /** For a countdown: when it reaches zero for this visitor (ISO), from `until` or the first impression plus `minutes`. */
  countdownEndsAt?: string;
  /** For a question: the trait it asks for, and the visitor's answer so far (null: not answered). */
  question?: { trait: string; answer: string | number | boolean | null };
}

/** What `segmint simulate` reports. */
export interface Simulation {
  at: string;
  visitor: string;
  signals: Signals;
  /** The popup that wins (check `shows`: false when the visitor is in its holdout), or null. Inline campaigns are in `slots`. */
  winner: SimulatedCampaign | null;
  /** Each slot the visitor file says the page has: the inline campaign that fills it (check `shows`), or null for the host's fallback. */
  slots: Record<string, SimulatedCampaign | null>;
  campaigns: SimulatedCampaign[];
}

const BEHAVIOUR_NUMBERS = ['sessions', 'pageViews', 'sessionPageViews', 'productViews', 'cartAdds', 'purchases', 'totalSpent', 'cartValue'] as const;
const BEHAVIOUR_LISTS = ['viewedProducts', 'cartItems'] as const;
const HISTORY_TIMES = ['firstImpressionAt', 'lastImpressionAt', 'dismissedAt', 'clickedAt', 'convertedAt'] as const;

/**
 * Decides for a described visitor at a given time, without a browser, with the browser's own
 * decision code (decideCampaign, assignVariant, presentCampaign): which campaign would show when
 * every trigger fires, in which variant and locale, and why each other one would not (offers
 * included: a cross-sell with nothing left to offer is dropped, as on the page). The visitor is
 * the signal object `explain()` reports, plus optional `id` (for the variant), `product` (the
 * product the page is about, as its schema.org data or a `view_item` would say) and `campaigns`
 * (history for frequency caps: `impressions`, `sessionImpressions` and `firstImpressionAt`,
 * `lastImpressionAt`, `dismissedAt`, `clickedAt`, `convertedAt` as ISO instants or epoch ms; and
 * for a question, `answer`: the value the visitor chose, stored as its trait the way an answer
 * is) and `slots` (the `data-segmint-slot` names on the page: inline campaigns fill only those,
 * one each, decided apart from the popup, as on the page; without it the page has none).
 */
export function simulateVisit(prepared: PreparedConfig, visitor: Record<string, unknown>, now: number): Simulation {
  const { id, campaigns: history, product, slots: slotList, ...raw } = visitor;
  const given = readTimestamps(raw);
  const visitorId = typeof id === 'string' && id ? id : 'simulated-visitor';
  const profile = buildProfile(visitorId, given as Signals, isPlainObject(history) ? history : {}, now);
  applyAnswers(profile, prepared.campaigns, isPlainObject(history) ? history : {});
  (given as Signals).traits = { ...profile.traits };
  const pageSlots = new Set(Array.isArray(slotList) ? slotList.filter((name): name is string => typeof name === 'string') : []);
  // What the file leaves out is what a first-time visitor would have.
  const signals = completeSignals({ ...readBehaviourSignals(profile, now), ...given } as Signals, now);
  signals.pageType ??= detectVisitorPageType(String(signals.path), prepared.pageTypes, typeof product === 'string');
  const context: OfferContext = {
    currentProduct: typeof product === 'string' ? product : undefined,
    cartItems: profile.cartItems,
    viewedProducts: profile.viewedProducts,
  };
  const input: DecisionInput = { signals, profile, now, limits: prepared.limits, offers: { catalog: prepared.catalog, context } };
  const audience = {
    preferredLocales: listPreferredLocales(signals),
    locale: String(signals.locale),
    currency: String(signals.currency ?? prepared.currency ?? ''),
    device: signals.device,
    traits: profile.traits,
  };

  const present = (campaign: PreparedCampaign): Pick<SimulatedCampaign, 'variant' | 'locale' | 'products'> => {
    const variant = assignVariant(visitorId, campaign);
    if (variant === 'holdout') {
      return { variant: 'holdout', locale: chooseContentLocale(campaign.variants[0].content, audience.preferredLocales, prepared.defaultLocale) };
    }
    const view = presentCampaign(campaign, variant, audience, prepared, context)?.view;
    return { variant: variant.id, locale: view?.locale, products: view?.products.map((card) => card.id) };
  };
  // All popup triggers firing at once: the browser's decision among every popup. Each slot on
  // the page is decided on its own, among the inline campaigns for it (runtime/fill-slots.ts).
  const popups = prepared.campaigns.filter((campaign) => campaign.slot === undefined);
  const winners = new Set<PreparedCampaign>();
  const winner = decideCampaign(popups, input);
  if (winner) winners.add(winner);
  const slotWinners = new Map<string, PreparedCampaign | null>();
  for (const name of pageSlots) {
    const filler = decideCampaign(prepared.campaigns.filter((campaign) => campaign.slot === name), input);
    slotWinners.set(name, filler);
    if (filler) winners.add(filler);
  }
  const campaigns = prepared.campaigns.map((campaign): SimulatedCampaign => {
    const trace = evaluateCampaign(campaign, input);
    const details = { trigger: describeTrigger(campaign.trigger), ...describeFormats(campaign, profile, now) };
    const slotted = campaign.slot === undefined ? trace : { ...trace, slot: campaign.slot };
    // As explain() says it: an inline campaign the visitor qualifies for shows only where its slot is.
    if (slotted.eligible && campaign.slot !== undefined && !pageSlots.has(campaign.slot)) return { ...slotted, ...details, eligible: false, reason: 'slot', shows: false };
    if (!slotted.eligible) return { ...slotted, ...details, shows: false };
    const shown = present(campaign);
    return { ...slotted, ...details, shows: winners.has(campaign) && shown.variant !== 'holdout', ...shown };
  });
  const traceOf = (campaign: PreparedCampaign | null) => (campaign ? campaigns[prepared.campaigns.indexOf(campaign)] : null);
  const slots = Object.fromEntries([...slotWinners].map(([name, filler]) => [name, traceOf(filler)]));
  return { at: new Date(now).toISOString(), visitor: visitorId, signals, winner: traceOf(winner), slots, campaigns };
}

/** What a campaign's formats add to its line: when its countdown ends for this visitor, what its question asks and was answered. */
function describeFormats(campaign: PreparedCampaign, profile: Profile, now: number): Pick<SimulatedCampaign, 'countdownEndsAt' | 'question'> {
  const details: Pick<SimulatedCampaign, 'countdownEndsAt' | 'question'> = {};
  if (campaign.countdown) details.countdownEndsAt = new Date(findCountdownEnd(campaign.countdown, profile.campaigns[campaign.id], now)).toISOString();
  if (campaign.question) {
    const { trait } = campaign.question;
    details.question = { trait, answer: Object.prototype.hasOwnProperty.call(profile.traits, trait) ? profile.traits[trait] : null };
  }
  return details;
}

/**
 * A question's `answer` in the visitor's history is stored as the browser stores one: as the
 * question's trait, as `identify()` would (the conversion it also is comes from `convertedAt`).
 */
function applyAnswers(profile: Profile, campaigns: readonly PreparedCampaign[], history: Record<string, unknown>): void {
  for (const campaign of campaigns) {
    const entry = history[campaign.id];
    if (!campaign.question || !isPlainObject(entry) || !('answer' in entry)) continue;
    const answer = entry.answer;
    if (typeof answer === 'string' || typeof answer === 'number' || typeof answer === 'boolean') profile.traits = { ...profile.traits, [campaign.question.trait]: answer };
  }
}

/**
 * The page type the browser would detect on the visitor's page (SPEC §3, signals/page-type.ts):
 * the first config `pages` type matching the path, else `product` when the page is about a
 * product (its schema.org data), else `home` for `/`, else `other`.
 */
function detectVisitorPageType(path: string, pageTypes: PreparedConfig['pageTypes'], hasProduct: boolean): string {
  for (const [type, patterns] of pageTypes) if (patterns.some((test) => test(path))) return type;
  if (hasProduct) return 'product';
  return path === '/' ? 'home' : 'other';
}

/** A visitor file may write a timestamp signal as an ISO time; conditions compare epoch milliseconds. */
function readTimestamps(given: Record<string, unknown>): Record<string, unknown> {
  const read = { ...given };
  for (const [name, value] of Object.entries(given)) {
    if (typeof value === 'string' && findSignal(name)?.kind === 'timestamp') read[name] = Date.parse(value);
  }
  return read;
}

/** Fills what a visitor file usually leaves out: language from locale, local hour and weekday from the time zone. */
function completeSignals(given: Signals, now: number): Signals {
  const locale = typeof given.locale === 'string' ? given.locale : 'en';
  const timezone = typeof given.timezone === 'string' ? given.timezone : 'UTC';
  const signals: Signals = {
    locale,
    language: locale.split('-')[0],
    languages: [locale],
    timezone,
    path: '/',
    ...readLocalClock(now, timezone),
    ...given,
  };
  signals.events ??= {};
  signals.traits ??= {};
  return signals;
}

function readLocalClock(now: number, timeZone: string): { hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(new Date(now));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((p) => p.type === 'weekday')?.value ?? 'Mon') + 1;
  return { hour, weekday };
}

function buildProfile(id: string, signals: Signals, history: Record<string, unknown>, now: number): Profile {
  const profile = createProfile(now, id);
  for (const key of BEHAVIOUR_NUMBERS) if (typeof signals[key] === 'number') profile[key] = signals[key] as number;
  for (const key of BEHAVIOUR_LISTS) if (Array.isArray(signals[key])) profile[key] = signals[key] as string[];
  if (isPlainObject(signals.traits)) profile.traits = { ...(signals.traits as Profile['traits']) };
  for (const [campaign, raw] of Object.entries(history)) {
    if (!isPlainObject(raw)) continue;
    const entry: CampaignHistory = { impressions: typeof raw.impressions === 'number' ? raw.impressions : 0 };
    if (typeof raw.sessionImpressions === 'number') Object.assign(entry, { sessionImpressions: raw.sessionImpressions, session: profile.sessions });
    for (const key of HISTORY_TIMES) {
      const time = typeof raw[key] === 'string' ? Date.parse(raw[key] as string) : raw[key];
      if (typeof time === 'number' && Number.isFinite(time)) entry[key] = time;
    }
    profile.campaigns[campaign] = entry;
  }
  return profile;
}

function describeTrigger(trigger: Trigger): string {
  const { on, ...options } = trigger;
  const details = Object.entries(options).filter(([, v]) => v !== undefined && v !== 0).map(([k, v]) => `${k} ${v}`);
  return details.length ? `${on} (${details.join(', ')})` : on;
}
