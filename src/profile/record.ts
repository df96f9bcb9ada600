import type { TrackProps, TraitValue } from '../types';
import type { CampaignHistory, Profile, Utm } from './profile';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';
import { createRecord } from '../lib/create-record';
import { readOwn } from '../lib/read-own';

/** Something that changes the profile. */
export type ProfileEvent =
  | { type: 'page'; utm?: Utm }
  | { type: 'track'; name: string; props?: TrackProps }
  | { type: 'identify'; traits: Record<string, TraitValue> }
  | { type: 'campaign'; action: 'exposure' | 'impression' | 'dismiss' | 'click' | 'conversion' | 'minimise'; campaign: string; variant: string; locale?: string; inline?: boolean };

/** A session ends after this long without activity (SPEC §3). */
export const SESSION_TIMEOUT_MS = 30 * 60_000;

/** Caps that keep the stored profile small whatever the visitor does (SPEC §5). */
export const LIMITS = { viewedProducts: 50, viewedCategories: 20, categoryViews: 50, cartItems: 100, orderIds: 20, events: 200, traits: 100, campaigns: 200, nameLength: 100, traitLength: 200 };

const NO_UTM: Utm = { utmSource: null, utmMedium: null, utmCampaign: null };

/** Applies one event to a profile and returns the new profile; the input is not modified. Pure. */
export function recordEvent(previous: Profile, event: ProfileEvent, now: number): Profile {
  const profile = continueSession(previous, now);
  switch (event.type) {
    case 'page':
      profile.pageViews++;
      profile.sessionPageViews++;
      profile.sessionUtm ??= { ...NO_UTM, ...event.utm };
      break;
    case 'track':
      recordTrack(profile, event.name, event.props ?? {}, now);
      break;
    case 'identify':
      profile.traits = createRecord(profile.traits);
      for (const [name, value] of Object.entries(event.traits)) {
        if (isTraitValue(value) && isStorableName(name)) profile.traits[name] = typeof value === 'string' ? value.slice(0, LIMITS.traitLength) : value;
      }
      profile.traits = keepNewest(profile.traits, LIMITS.traits);
      break;
    case 'campaign':
      recordCampaign(profile, event, now);
      break;
  }
  return profile;
}

/** Copies the profile, starting a new session when the last activity is over 30 minutes old. */
function continueSession(previous: Profile, now: number): Profile {
  const profile = { ...previous };
  if (now - previous.lastActive > SESSION_TIMEOUT_MS) {
    profile.sessions++;
    profile.lastSeen = previous.lastActive;
    profile.sessionStart = now;
    profile.sessionPageViews = 0;
    profile.sessionShown = 0;
    profile.sessionUtm = null;
  }
  profile.lastActive = Math.max(now, previous.lastActive);
  return profile;
}

function recordTrack(profile: Profile, name: string, props: TrackProps, now: number): void {
  const id = readName(props.id);
  const category = typeof props.category === 'string' ? readName(props.category) : undefined;
  switch (name) {
    case 'view_item':
      profile.productViews++;
      if (id) profile.viewedProducts = pushFront(profile.viewedProducts, id, LIMITS.viewedProducts);
      if (category) recordCategoryView(profile, category);
      return;
    case 'view_item_list':
      if (category) recordCategoryView(profile, category);
      return;
    case 'add_to_cart':
      profile.cartAdds++;
      if (id) profile.cartItems = pushFront(profile.cartItems, id, LIMITS.cartItems);
      profile.cartValue = roundMoney(profile.cartValue + lineValue(props));
      return;
    case 'remove_from_cart':
      if (id) profile.cartItems = profile.cartItems.filter((item) => item !== id);
      profile.cartValue = profile.cartItems.length ? Math.max(0, roundMoney(profile.cartValue - lineValue(props))) : 0;
      return;
    case 'purchase': {
      const order = readName(props.transactionId);
      if (order && profile.orderIds.includes(order)) return;
      if (order) profile.orderIds = pushFront(profile.orderIds, order, LIMITS.orderIds);
      profile.purchases++;
      profile.totalSpent = roundMoney(profile.totalSpent + toAmount(props.value));
      profile.lastPurchaseAt = now;
      profile.cartItems = [];
      profile.cartValue = 0;
      return;
    }
    default:
      if (!isStorableName(name)) return;
      profile.events = countOnce(profile.events, name, LIMITS.events);
  }
}

function recordCampaign(profile: Profile, event: Extract<ProfileEvent, { type: 'campaign' }>, now: number): void {
  const history: CampaignHistory = { ...(readOwn(profile.campaigns, event.campaign) ?? { impressions: 0 }) };
  switch (event.action) {
    case 'impression':
      history.impressions++;
      history.lastImpressionAt = now;
      history.firstImpressionAt ??= now;
      history.sessionImpressions = history.session === profile.sessions ? (history.sessionImpressions ?? 0) + 1 : 1;
      history.session = profile.sessions;
      // The global limits count popups; an inline placement is part of the page (see decide.ts).
      if (!event.inline) {
        profile.sessionShown++;
        profile.lastShownAt = now;
      }
      break;
    case 'minimise':
      history.teaser = profile.sessions;
      break;
    case 'dismiss':
      history.dismissedAt = now;
      delete history.teaser;
      break;
    case 'click':
      delete history.teaser;
      history.clickedAt = now;
      history.clickedVariant = event.variant;
      if (event.locale) history.clickedLocale = event.locale;
      else delete history.clickedLocale;
      break;
    case 'conversion':
      history.convertedAt = now;
      delete history.teaser;
      break;
    case 'exposure':
      history.exposedAt = now;
      break;
  }
  const campaigns = createRecord(profile.campaigns);
  campaigns[event.campaign] = history;
  profile.campaigns = keepNewest(campaigns, LIMITS.campaigns);
}

function recordCategoryView(profile: Profile, category: string): void {
  profile.viewedCategories = pushFront(profile.viewedCategories, category, LIMITS.viewedCategories);
  profile.categoryViews = countOnce(profile.categoryViews, category, LIMITS.categoryViews);
}

/** Adds one to a bounded counter record, evicting the least counted name beyond `cap`. */
function countOnce(counts: Record<string, number>, name: string, cap: number): Record<string, number> {
  const isNew = !Object.prototype.hasOwnProperty.call(counts, name);
  const victim = isNew ? findLeastUsed(counts, cap) : undefined;
  // One pass that copies, drops the victim and counts: this runs on every tracked event.
  const next = createRecord<number>();
  for (const key of Object.keys(counts)) if (key !== victim) next[key] = counts[key];
  next[name] = (isNew ? 0 : counts[name]) + 1;
  return next;
}

function pushFront(list: string[], item: string, cap: number): string[] {
  return [item, ...list.filter((existing) => existing !== item)].slice(0, cap);
}

/** Keeps the last `cap` keys in insertion order (the most recently added). */
function keepNewest<T>(record: Record<string, T>, cap: number): Record<string, T> {
  const keys = Object.keys(record);
  if (keys.length <= cap) return record;
  const kept = createRecord<T>();
  for (const key of keys.slice(keys.length - cap)) kept[key] = record[key];
  return kept;
}

/** When a new name would exceed `cap`, the least counted name, to make room (the oldest of equals). */
function findLeastUsed(counts: Record<string, number>, cap: number): string | undefined {
  const names = Object.keys(counts);
  if (names.length < cap) return undefined;
  let victim = names[0];
  for (const name of names) if (counts[name] < counts[victim]) victim = name;
  return victim;
}

/** A product id or category as stored: text of bounded length, so the profile stays small. */
function readName(value: unknown): string | undefined {
  const name = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof name === 'string' && isStorableName(name) ? name : undefined;
}

/** Names become keys of stored records: bounded, and never one that reaches a prototype. */
function isStorableName(name: string): boolean {
  return name !== '' && name.length <= LIMITS.nameLength && !FORBIDDEN_KEYS.has(name);
}

function lineValue(props: TrackProps): number {
  const quantity = typeof props.quantity === 'number' && props.quantity > 0 ? props.quantity : 1;
  return toAmount(props.price) * quantity;
}

function toAmount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

export function isTraitValue(value: unknown): value is TraitValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
