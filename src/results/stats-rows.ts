// The hand-over between the two halves of a report (SPEC §11). The first half turns events into
// these rows: from NDJSON files (aggregate-events.ts), or from a warehouse with SQL (`--sql`),
// whose result `--stats rows.json|csv` reads back. The second half (build-report.ts) turns rows
// and the config into lifts, intervals, SRM and q-values. Everything a figure of the report needs
// is in a row, so every path gives the same report.
import type { AnswerCounts } from './answer-counts';

/**
 * Sufficient statistics of one arm of one campaign, over all of the arm's visitors
 * (`segment: null`) or over those whose first exposure carried one segment id.
 */
export interface StatsRow {
  /** Campaign id, as in the events' `campaign`. */
  campaign: string;
  /** The arm: `holdout` or a variant id, from the visitor's first exposure to the campaign. */
  variant: string;
  /** A segment id from the first exposure's `segments`, or null for the row of all visitors. */
  segment: string | null;
  /** Distinct visitors with an exposure to the campaign, in this arm. */
  visitors: number;
  /** `impression` events of the campaign by those visitors (each event id once). */
  impressions: number;
  /** Distinct visitors of the arm with at least one `click` on the campaign. */
  clickers: number;
  /** Distinct visitors of the arm with a purchase in their attribution window. */
  purchasers: number;
  /** Those purchases, one per `transactionId` (a purchase without one is its own order). */
  orders: number;
  /** Sum of those orders' `value` in the report currency. */
  revenue: number;
  /** Sum over the arm's visitors of the square of each visitor's attributed revenue. */
  revenue_sq: number;
}

/** Lines and events left out of a report, by reason. */
export interface Skipped {
  /** Events whose `id` was seen before, where counting it again would change a figure. */
  duplicate: number;
  /** Lines that are not an event: truncated, not JSON, or breaking the §10 field table. */
  invalid: number;
  /** Events without a `visitor`. */
  noVisitor: number;
  /** Purchases in another currency than the report's: counted for purchasers and orders, not revenue. */
  otherCurrency: number;
  /** Campaign events of a campaign the config does not have (only with a config). */
  unknownCampaign: number;
  /** Campaign events of a variant the config's campaign does not have (only with a config). */
  unknownVariant: number;
  /** `answer` events whose trait or value the config's question does not have (only with a config). */
  unknownAnswer: number;
}

/** Everything the second half of a report needs besides the config. */
export interface StatsInput {
  /** The currency revenue is in; null when no purchase named one and none was asked for. */
  currency: string | null;
  /** Events read and counted (valid lines, duplicates left out). */
  events: number;
  skipped: Skipped;
  rows: StatsRow[];
  /** Answers per option of question campaigns (from events; a warehouse's rows have none). */
  answers?: AnswerCounts[];
}

/** A Skipped with every count at 0. */
export function createSkipped(): Skipped {
  return { duplicate: 0, invalid: 0, noVisitor: 0, otherCurrency: 0, unknownCampaign: 0, unknownVariant: 0, unknownAnswer: 0 };
}
