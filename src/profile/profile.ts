import type { TraitValue } from '../types';
import { createRecord } from '../lib/create-record';
import { createRandomHex } from '../lib/random-hex';

/** What the profile remembers of one campaign, for frequency caps and attribution. */
export interface CampaignHistory {
  impressions: number;
  lastImpressionAt?: number;
  /** Impressions in session number `session`; a later session starts again at 0. */
  session?: number;
  sessionImpressions?: number;
  dismissedAt?: number;
  clickedAt?: number;
  clickedVariant?: string;
  /** The locale the clicked popup was shown in: conversions report it. */
  clickedLocale?: string;
  convertedAt?: number;
  /** The first impression ever: where a `minutes` countdown starts. */
  firstImpressionAt?: number;
  /** The session (number) in which the popup was minimised to its teaser tab; cleared when the tab is closed or the visitor acts. */
  teaser?: number;
  /** The last exposure (shown, or held out): a purchase within `attributionHours` of it goes to the beacon. */
  exposedAt?: number;
}

/** A session's first-touch campaign parameters. */
export interface Utm {
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
}

/** The visitor profile as stored in IndexedDB. Bounded: lists and records are capped. */
export interface Profile {
  /** Schema version of this record. */
  v: number;
  /** Random anonymous visitor id, for stable variant assignment. */
  id: string;
  firstSeen: number;
  /** When the previous session's last activity happened; null in the first session. */
  lastSeen: number | null;
  /** Last activity of the current session: more than 30 minutes before now means a new session. */
  lastActive: number;
  sessionStart: number;
  sessions: number;
  pageViews: number;
  sessionPageViews: number;
  productViews: number;
  cartAdds: number;
  purchases: number;
  totalSpent: number;
  lastPurchaseAt: number | null;
  viewedProducts: string[];
  viewedCategories: string[];
  /** How often each category was viewed, for `topCategory`; capped, least viewed evicted. */
  categoryViews: Record<string, number>;
  /** This session's first touch; null until the session's first page view is recorded. */
  sessionUtm: Utm | null;
  cartItems: string[];
  cartValue: number;
  /** Recent purchase transaction ids: a thank-you page reloaded, or seen in both dataLayer and track(), counts once. */
  orderIds: string[];
  events: Record<string, number>;
  traits: Record<string, TraitValue>;
  campaigns: Record<string, CampaignHistory>;
  /** Popups shown in this session and when the last one was, for the global `limits`. */
  sessionShown: number;
  lastShownAt: number | null;
  /** Ids of the latest journal entries applied (most recent first): a replayed entry counts once (`journal.ts`). */
  applied: string[];
}

/** The schema version this SDK writes. */
export const PROFILE_VERSION = 2;

/** A fresh anonymous profile. */
export function createProfile(now: number, id = createVisitorId()): Profile {
  return {
    v: PROFILE_VERSION, id, firstSeen: now, lastSeen: null, lastActive: now, sessionStart: now,
    sessions: 1, pageViews: 0, sessionPageViews: 0, productViews: 0, cartAdds: 0, purchases: 0,
    totalSpent: 0, lastPurchaseAt: null, viewedProducts: [], viewedCategories: [], categoryViews: createRecord(), sessionUtm: null, cartItems: [], cartValue: 0, orderIds: [],
    events: createRecord(), traits: createRecord(), campaigns: createRecord(), sessionShown: 0, lastShownAt: null, applied: [],
  };
}

const createVisitorId = () => createRandomHex(12);
