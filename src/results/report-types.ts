// The report `segmint report --json` writes (SPEC §11), field for field.
import type { Skipped } from './stats-rows';

/** A relative lift against the baseline arm, with its 95% interval and two-sided p-value. */
export interface Lift {
  /** (mT − mC) / mC: 0.18 is 18% more than the baseline. */
  estimate: number;
  /** 95% confidence interval of the estimate, by the delta method. */
  ci: [number, number];
  /** Two-sided normal p-value against "no difference". */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value over the campaign's segment rows (segment rows only). */
  qValue?: number;
}

/** One arm's figures; ratios are null when their denominator is 0. */
export interface ArmReport {
  /** `holdout` or the variant id. */
  variant: string;
  visitors: number;
  impressions: number;
  clickers: number;
  purchasers: number;
  orders: number;
  revenue: number;
  /** purchasers / visitors */
  conversionRate: number | null;
  /** revenue / visitors */
  revenuePerVisitor: number | null;
  /** clickers / visitors */
  clickRate: number | null;
  /** revenue / orders */
  averageOrderValue: number | null;
  /** Against the baseline; null for the baseline itself. A metric's lift is null when it cannot be estimated. */
  lift: { conversionRate: Lift | null; revenuePerVisitor: Lift | null } | null;
}

/** The sample ratio check of one campaign. */
export interface SampleRatio {
  /** Chi-square goodness-of-fit p-value; null when there is nothing to test (one arm, no visitors, no config). */
  pValue: number | null;
  /** True when pValue < 0.001: the split is broken and the lifts should not be trusted. */
  warning: boolean;
  /** The configured share of each arm (summing to 1); null without a config. */
  expected: Record<string, number> | null;
  /** Visitors per arm. */
  observed: Record<string, number>;
}

/** One option of a question campaign, with its answers. */
export interface OptionReport {
  /** The option's value, as stored in the trait. */
  value: string | number | boolean;
  /** Its label in the config's default locale; null without a config. */
  label: string | null;
  /** Distinct visitors whose latest answer to the campaign is this option. */
  visitors: number;
  /** `answer` events choosing this option, each event id once (a visitor who changed their mind counts in both options). */
  answers: number;
}

/** A question campaign's answers (not in SPEC §11's shape: an addition for `kind: "question"`). */
export interface AnswersReport {
  /** The trait the answers are stored as. */
  trait: string;
  /** Distinct visitors who answered (the sum of the options' visitors). */
  visitors: number;
  /** `answer` events counted (the sum of the options' answers). */
  answers: number;
  /** The config's options in config order (without a config: the values seen). */
  options: OptionReport[];
}

/** One campaign's results. */
export interface CampaignReport {
  campaign: string;
  /** The arm lifts are measured against: `holdout` when the campaign has one, else its first variant. */
  baseline: string;
  /** Hours after the first exposure in which a purchase is attributed. */
  attributionHours: number;
  srm: SampleRatio;
  /** The baseline first, then the other arms in config order. */
  arms: ArmReport[];
  /** The same figures per segment id found in first exposures; lifts carry qValue. */
  segments: { segment: string; arms: ArmReport[] }[];
  /** Answers per option; only on question campaigns (and, without a config, campaigns with answers). */
  answers?: AnswersReport;
}

/** A whole report. */
export interface Report {
  /** The currency of every revenue figure. */
  currency: string | null;
  events: number;
  skipped: Skipped;
  campaigns: CampaignReport[];
}
