import type { AnswerCounts } from './answer-counts';
import type { AnswersReport, ArmReport, CampaignReport, Lift, Report } from './report-types';
import type { StatsInput, StatsRow } from './stats-rows';
import { benjaminiHochberg, relativeLift, sampleRatioTest, type Estimate, type Moments } from './statistics';

/** What a report needs to know of one configured campaign. */
export interface CampaignPlan {
  id: string;
  /** Percent of visitors held out (0 for none). */
  holdout: number;
  /** Variants in config order, with their relative weights. */
  variants: { id: string; weight: number }[];
  attributionHours: number;
  /** A question campaign's trait and options, each label in the default locale. */
  question?: { trait: string; options: { value: string | number | boolean; label: string }[] };
}

/**
 * The second half of a report: sufficient-statistics rows (from events or a warehouse) and the
 * config's campaigns become the report of SPEC §11. With `plans`, exactly the configured campaigns
 * and arms are reported (rows of others are left out: the first half counts their events in
 * `skipped`); with `plans` null, every campaign and arm found in the rows, with no expected split.
 */
export function buildReport(input: StatsInput, plans: CampaignPlan[] | null, defaultAttributionHours = 24): Report {
  const byCampaign = new Map<string, StatsRow[]>();
  for (const row of input.rows) {
    const rows = byCampaign.get(row.campaign) ?? [];
    rows.push(row);
    byCampaign.set(row.campaign, rows);
  }
  const answers = new Map((input.answers ?? []).map((counts) => [counts.campaign, counts]));
  const seen = [...new Set([...byCampaign.keys(), ...answers.keys()])].sort();
  const campaigns = (plans ?? seen.map((id) => planFromRows(id, byCampaign.get(id) ?? [], defaultAttributionHours)))
    .map((plan) => withAnswers(reportCampaign(plan, byCampaign.get(plan.id) ?? [], plans !== null), plan, answers.get(plan.id)));
  return { currency: input.currency, events: input.events, skipped: { ...input.skipped }, campaigns };
}

/** A question campaign's options with their counts (0 where nobody chose one); labels from the plan. */
function withAnswers(report: CampaignReport, plan: CampaignPlan, counts: AnswerCounts | undefined): CampaignReport {
  if (!plan.question && !counts) return report;
  const options = plan.question
    ? plan.question.options.map(({ value, label }) => {
      const count = counts?.options.find((option) => option.value === value);
      return { value, label, visitors: count?.visitors ?? 0, answers: count?.answers ?? 0 };
    })
    : counts!.options.map((option) => ({ ...option, label: null }));
  const answers: AnswersReport = {
    trait: plan.question?.trait ?? counts!.trait,
    visitors: options.reduce((sum, option) => sum + option.visitors, 0),
    answers: options.reduce((sum, option) => sum + option.answers, 0),
    options,
  };
  return { ...report, answers };
}

/** Without a config: the arms seen, holdout first, the rest by id. */
function planFromRows(id: string, rows: StatsRow[], attributionHours: number): CampaignPlan {
  const arms = [...new Set(rows.map((row) => row.variant))].sort();
  const variants = arms.filter((arm) => arm !== 'holdout').map((arm) => ({ id: arm, weight: 0 }));
  return { id, holdout: arms.includes('holdout') ? 1 : 0, variants, attributionHours };
}

function reportCampaign(plan: CampaignPlan, rows: StatsRow[], configured: boolean): CampaignReport {
  const armIds = [...(plan.holdout > 0 ? ['holdout'] : []), ...plan.variants.map((variant) => variant.id)];
  const baseline = armIds[0];
  const overall = reportArms(armIds, rows.filter((row) => row.segment === null), baseline, plan.id);
  const observed = Object.fromEntries(overall.map((arm) => [arm.variant, arm.visitors]));
  const expected = configured ? expectedShares(plan) : null;
  const srm = expected ? sampleRatioTest(observed, expected) : { pValue: null, warning: false };
  const segmentIds = [...new Set(rows.map((row) => row.segment).filter((segment): segment is string => segment !== null))].sort();
  const segments = segmentIds.map((segment) => ({ segment, arms: reportArms(armIds, rows.filter((row) => row.segment === segment), baseline, plan.id) }));
  addQValues(segments.flatMap((segment) => segment.arms));
  return { campaign: plan.id, baseline, attributionHours: plan.attributionHours, srm: { ...srm, expected, observed }, arms: overall, segments };
}

/** The configured share of each arm: the holdout percent, then the variants' weights over the rest. */
function expectedShares(plan: CampaignPlan): Record<string, number> {
  const held = Math.min(100, Math.max(0, plan.holdout)) / 100;
  const total = plan.variants.reduce((sum, variant) => sum + variant.weight, 0);
  const shares: Record<string, number> = {};
  if (held > 0) shares.holdout = held;
  for (const variant of plan.variants) shares[variant.id] = total > 0 ? ((1 - held) * variant.weight) / total : 0;
  return shares;
}

function reportArms(armIds: string[], rows: StatsRow[], baseline: string, campaign: string): ArmReport[] {
  const find = (arm: string): StatsRow => rows.find((row) => row.variant === arm) ?? emptyRow(campaign, arm);
  const control = find(baseline);
  return armIds.map((arm) => {
    const row = find(arm);
    const lift = arm === baseline ? null : {
      conversionRate: toLift(relativeLift(conversionMoments(control), conversionMoments(row))),
      revenuePerVisitor: toLift(relativeLift(revenueMoments(control), revenueMoments(row))),
    };
    return {
      variant: arm,
      visitors: row.visitors,
      impressions: row.impressions,
      clickers: row.clickers,
      purchasers: row.purchasers,
      orders: row.orders,
      revenue: row.revenue,
      conversionRate: ratio(row.purchasers, row.visitors),
      revenuePerVisitor: ratio(row.revenue, row.visitors),
      clickRate: ratio(row.clickers, row.visitors),
      averageOrderValue: ratio(row.revenue, row.orders),
      lift,
    };
  });
}

/** Each visitor converted (1) or not (0): the sum and the sum of squares are both the purchasers. */
function conversionMoments(row: StatsRow): Moments {
  return { n: row.visitors, sum: row.purchasers, sumSq: row.purchasers };
}

function revenueMoments(row: StatsRow): Moments {
  return { n: row.visitors, sum: row.revenue, sumSq: row.revenue_sq };
}

function toLift(estimate: Estimate | null): Lift | null {
  return estimate && { estimate: estimate.estimate, ci: estimate.ci, pValue: estimate.pValue };
}

/** Benjamini–Hochberg over every segment row of a campaign, one family per metric. */
function addQValues(arms: ArmReport[]): void {
  for (const metric of ['conversionRate', 'revenuePerVisitor'] as const) {
    const lifts = arms.map((arm) => arm.lift?.[metric]).filter((lift): lift is Lift => !!lift);
    benjaminiHochberg(lifts.map((lift) => lift.pValue)).forEach((q, i) => (lifts[i].qValue = q));
  }
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function emptyRow(campaign: string, variant: string): StatsRow {
  return { campaign, variant, segment: null, visitors: 0, impressions: 0, clickers: 0, purchasers: 0, orders: 0, revenue: 0, revenue_sq: 0 };
}
