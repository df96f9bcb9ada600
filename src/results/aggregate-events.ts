// The first half of a report from NDJSON: beacon events, one line at a time and in any order,
// become sufficient-statistics rows (stats-rows.ts). What is kept is per visitor, not per event:
// for each campaign a visitor was exposed to, their arm, first exposure time, segments,
// impression count and whether they clicked; and the visitor's purchases, because a purchase may
// be read before the exposure that opens its window. Event ids are remembered (as hashes) only
// for impressions and purchases, the events a duplicate would count twice: a repeated exposure or
// click changes no figure (first exposure, distinct clickers), so it costs no memory.
import { checkBeaconEvent } from '../cli/beacon-event';
import { createAnswerCounter, type AnswerValue } from './answer-counts';
import { createIdSet } from './id-set';
import { createSkipped, type StatsInput, type StatsRow } from './stats-rows';

/** What the first half needs of the config: the campaigns, their arms and attribution windows. */
export interface AggregationPlan {
  /** Configured campaigns; null to report every campaign seen. */
  campaigns: { id: string; arms: string[]; attributionHours: number; question?: { trait: string; values: AnswerValue[] } }[] | null;
  /** Window for campaigns without one (all of them without a config); default 24. */
  attributionHours?: number;
  /** The report currency; null for the currency most purchases are in. */
  currency: string | null;
}

/** Collects events line by line; `finish` gives the rows. */
export interface EventAggregator {
  /** One NDJSON line (without its newline). */
  addLine(line: string): void;
  finish(): StatsInput;
}

interface Exposure {
  campaign: number;
  /** Index into `armNames`; -1 until an exposure is read (an impression or click may come first). */
  arm: number;
  time: number;
  segments: number;
  impressions: number;
  clicked: boolean;
}

interface Purchase {
  time: number;
  value: number;
  currency: number;
  transactionId: string | undefined;
}

interface Visitor {
  exposures: Exposure[];
  purchases: Purchase[] | null;
}

const HOUR = 3_600_000;

/** Creates an aggregator for one report. */
export function createEventAggregator(plan: AggregationPlan): EventAggregator {
  const defaultHours = plan.attributionHours ?? 24;
  const skipped = createSkipped();
  let events = 0;
  const seen = createIdSet();
  const visitors = new Map<string, Visitor>();

  const campaignIds: string[] = [];
  const campaignIndex = new Map<string, number>();
  const windows: number[] = [];
  /** Per campaign, the configured arms; null without a config. */
  const knownArms: (Set<string> | null)[] = [];
  const addCampaign = (id: string, hours: number, arms: string[] | null) => {
    campaignIndex.set(id, campaignIds.length);
    campaignIds.push(id);
    windows.push(hours * HOUR);
    knownArms.push(arms && new Set(arms));
  };
  for (const campaign of plan.campaigns ?? []) addCampaign(campaign.id, campaign.attributionHours, campaign.arms);
  const answerCounter = createAnswerCounter(plan.campaigns && plan.campaigns.flatMap(({ id, question }) => (question ? [{ campaign: id, ...question }] : [])));

  const armNames: string[] = [];
  const armIndex = new Map<string, number>();
  const intern = (names: string[], index: Map<string, number>, name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.length;
      names.push(name);
      index.set(name, i);
    }
    return i;
  };
  const currencyNames: string[] = [];
  const currencyIndex = new Map<string, number>();
  // Segment lists repeat across visitors: each distinct list is kept once.
  const segmentLists: string[][] = [];
  const segmentIndex = new Map<string, number>();
  const internSegments = (segments: string[]): number => {
    const key = segments.join('\u0000');
    let i = segmentIndex.get(key);
    if (i === undefined) {
      i = segmentLists.length;
      segmentLists.push([...new Set(segments)]);
      segmentIndex.set(key, i);
    }
    return i;
  };

  const visitorOf = (id: string): Visitor => {
    let visitor = visitors.get(id);
    if (!visitor) {
      visitor = { exposures: [], purchases: null };
      visitors.set(id, visitor);
    }
    return visitor;
  };

  const exposureOf = (visitor: Visitor, campaign: number): Exposure => {
    for (const exposure of visitor.exposures) if (exposure.campaign === campaign) return exposure;
    const exposure: Exposure = { campaign, arm: -1, time: Infinity, segments: 0, impressions: 0, clicked: false };
    visitor.exposures.push(exposure);
    return exposure;
  };

  const addCampaignEvent = (event: Record<string, unknown>): void => {
    const id = event.campaign as string;
    let campaign = campaignIndex.get(id);
    if (campaign === undefined) {
      if (plan.campaigns) {
        skipped.unknownCampaign++;
        return;
      }
      addCampaign(id, defaultHours, null);
      campaign = campaignIds.length - 1;
    }
    const name = event.event;
    if (name === 'impression' && !seen.add(event.id as string)) {
      skipped.duplicate++;
      return;
    }
    // Answers are counted per option whatever the arm; each id once, as a duplicate would count twice.
    if (name === 'answer') {
      if (!seen.add(event.id as string)) skipped.duplicate++;
      else if (!answerCounter.add(id, event.visitor as string, event.time as number, event.trait as string, event.value as AnswerValue)) skipped.unknownAnswer++;
      else events++;
      return;
    }
    const variant = event.variant as string;
    const arms = knownArms[campaign];
    // Counted as skipped, and still kept: a visitor first exposed to a variant since removed from
    // the config is left out of the report, not moved to the arm of a later exposure.
    if (arms && !arms.has(variant)) skipped.unknownVariant++;
    else events++;
    if (name !== 'exposure' && name !== 'impression' && name !== 'click') return;
    const exposure = exposureOf(visitorOf(event.visitor as string), campaign);
    if (name === 'impression') exposure.impressions++;
    else if (name === 'click') exposure.clicked = true;
    else if ((event.time as number) < exposure.time) {
      exposure.time = event.time as number;
      exposure.arm = intern(armNames, armIndex, variant);
      exposure.segments = internSegments(event.segments as string[]);
    }
  };

  const addPurchase = (event: Record<string, unknown>): void => {
    if (!seen.add(event.id as string)) {
      skipped.duplicate++;
      return;
    }
    events++;
    const visitor = visitorOf(event.visitor as string);
    (visitor.purchases ??= []).push({
      time: event.time as number,
      value: event.value as number,
      currency: intern(currencyNames, currencyIndex, event.currency as string),
      transactionId: event.transactionId as string | undefined,
    });
  };

  return {
    addLine(line) {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        skipped.invalid++;
        return;
      }
      if (isRecord(value) && (value.visitor === undefined || value.visitor === null || value.visitor === '')) {
        skipped.noVisitor++;
        return;
      }
      const check = checkBeaconEvent(value);
      if (!check.ok) {
        skipped.invalid++;
        return;
      }
      const event = value as Record<string, unknown>;
      if (event.event === 'purchase') addPurchase(event);
      else addCampaignEvent(event);
    },

    finish() {
      const currency = plan.currency ?? mostCommonCurrency();
      const reportCurrency = currency === null ? -1 : currencyIndex.get(currency) ?? -2;
      const rows = new Map<string, StatsRow>();
      const add = (campaign: number, arm: number, segment: string | null, figures: VisitorFigures) => {
        const key = `${campaign}\u0000${arm}\u0000${segment ?? ''}\u0000${segment === null ? 0 : 1}`;
        let row = rows.get(key);
        if (!row) {
          row = { campaign: campaignIds[campaign], variant: armNames[arm], segment, visitors: 0, impressions: 0, clickers: 0, purchasers: 0, orders: 0, revenue: 0, revenue_sq: 0 };
          rows.set(key, row);
        }
        row.visitors++;
        row.impressions += figures.impressions;
        row.clickers += figures.clicked ? 1 : 0;
        row.purchasers += figures.orders > 0 ? 1 : 0;
        row.orders += figures.orders;
        row.revenue += figures.revenue;
        row.revenue_sq += figures.revenue * figures.revenue;
      };
      for (const visitor of visitors.values()) {
        if (visitor.purchases) for (const purchase of visitor.purchases) if (purchase.currency !== reportCurrency) skipped.otherCurrency++;
        for (const exposure of visitor.exposures) {
          if (exposure.arm < 0) continue;
          const arms = knownArms[exposure.campaign];
          if (arms && !arms.has(armNames[exposure.arm])) continue;
          const figures = attribute(exposure, visitor.purchases, windows[exposure.campaign], reportCurrency);
          add(exposure.campaign, exposure.arm, null, figures);
          for (const segment of segmentLists[exposure.segments]) add(exposure.campaign, exposure.arm, segment, figures);
        }
      }
      return { currency, events, skipped: { ...skipped }, rows: [...rows.values()], answers: answerCounter.finish() };
    },
  };

  /** Without a report currency: the one most purchases are in (ties: the first in alphabetical order). */
  function mostCommonCurrency(): string | null {
    const counts = new Map<string, number>();
    for (const visitor of visitors.values()) for (const purchase of visitor.purchases ?? []) {
      const name = currencyNames[purchase.currency];
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const ranked = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
    return ranked.length ? ranked[0][0] : null;
  }
}

interface VisitorFigures {
  impressions: number;
  clicked: boolean;
  orders: number;
  revenue: number;
}

/** A visitor's figures for one campaign: purchases from the first exposure to the end of its window, one per transaction id. */
function attribute(exposure: Exposure, purchases: Purchase[] | null, window: number, reportCurrency: number): VisitorFigures {
  let orders = 0;
  let revenue = 0;
  if (purchases) {
    const end = exposure.time + window;
    const inWindow = purchases.filter((p) => p.time >= exposure.time && p.time <= end).sort((a, b) => a.time - b.time);
    const transactions = new Set<string>();
    for (const purchase of inWindow) {
      if (purchase.transactionId !== undefined) {
        if (transactions.has(purchase.transactionId)) continue;
        transactions.add(purchase.transactionId);
      }
      orders++;
      if (purchase.currency === reportCurrency) revenue += purchase.value;
    }
  }
  return { impressions: exposure.impressions, clicked: exposure.clicked, orders, revenue };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
