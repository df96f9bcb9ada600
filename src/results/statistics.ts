// The statistics of a report (SPEC §11), as pure functions of sufficient statistics: for one arm
// and one metric, n visitors, the sum of the per-visitor values and the sum of their squares. A
// conversion rate is the mean of a 0/1 value per visitor (sum = sumSq = purchasers); revenue per
// visitor is the mean of each visitor's attributed revenue (sumSq = revenue_sq).
import { Z_95, chiSquareSurvival, twoSidedNormalP } from './distributions';

/** One arm's per-visitor values, summarised: count, sum, and sum of squares. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

/** An estimate with its 95% confidence interval and two-sided p-value against "no difference". */
export interface Estimate {
  estimate: number;
  ci: [number, number];
  pValue: number;
}

/** Below this SRM p-value the arms' sizes are too far from the configured shares to trust the test. */
export const SRM_WARNING_BELOW = 0.001;

/** Mean and unbiased sample variance s² = (Σx² − (Σx)²/n) / (n − 1); variance null below 2 values. */
export function describeSample({ n, sum, sumSq }: Moments): { mean: number; variance: number | null } {
  const mean = n > 0 ? sum / n : 0;
  if (n < 2) return { mean, variance: null };
  // Rounding can leave a tiny negative for values that are all equal.
  return { mean, variance: Math.max(0, (sumSq - (sum * sum) / n) / (n - 1)) };
}

/**
 * Relative lift (mT − mC) / mC of treatment over control, its 95% interval by the delta method,
 * Var ≈ vT/mC² + mT²·vC/mC⁴ with v = s²/n, and the two-sided normal p-value. Null when the
 * control mean is 0 or an arm has fewer than 2 visitors.
 */
export function relativeLift(control: Moments, treatment: Moments): Estimate | null {
  const c = describeSample(control);
  const t = describeSample(treatment);
  if (c.variance === null || t.variance === null || c.mean === 0) return null;
  const vC = c.variance / control.n;
  const vT = t.variance / treatment.n;
  const variance = vT / c.mean ** 2 + (t.mean ** 2 * vC) / c.mean ** 4;
  return withInterval((t.mean - c.mean) / c.mean, Math.sqrt(variance));
}

/**
 * Absolute difference mT − mC with its 95% interval from the unpooled standard error
 * √(vT + vC) (the Welch statistic, read against the normal). Null when an arm has fewer than 2 visitors.
 */
export function absoluteDifference(control: Moments, treatment: Moments): Estimate | null {
  const c = describeSample(control);
  const t = describeSample(treatment);
  if (c.variance === null || t.variance === null) return null;
  return withInterval(t.mean - c.mean, Math.sqrt(c.variance / control.n + t.variance / treatment.n));
}

function withInterval(estimate: number, standardError: number): Estimate {
  // No spread at all (every visitor alike in both arms): the difference is exact.
  const pValue = standardError > 0 ? twoSidedNormalP(estimate / standardError) : estimate === 0 ? 1 : 0;
  return { estimate, ci: [estimate - Z_95 * standardError, estimate + Z_95 * standardError], pValue };
}

/**
 * Sample ratio mismatch: a chi-square goodness-of-fit test of the arms' visitor counts against the
 * shares they were meant to get (shares need not sum to 1; they are normalised). `pValue` is null
 * when there is nothing to test (fewer than 2 arms with a share, or no visitors). A visitor in an
 * arm whose share is 0 is a mismatch however few there are: pValue 0.
 */
export function sampleRatioTest(observed: Record<string, number>, shares: Record<string, number>): { pValue: number | null; warning: boolean } {
  const arms = Object.keys(shares);
  const totalShare = arms.reduce((sum, arm) => sum + shares[arm], 0);
  const total = arms.reduce((sum, arm) => sum + (observed[arm] ?? 0), 0);
  const strays = Object.keys(observed).some((arm) => observed[arm] > 0 && !(shares[arm] > 0));
  if (strays) return { pValue: 0, warning: true };
  const tested = arms.filter((arm) => shares[arm] > 0);
  if (tested.length < 2 || total === 0) return { pValue: null, warning: false };
  let statistic = 0;
  for (const arm of tested) {
    const expected = (total * shares[arm]) / totalShare;
    statistic += ((observed[arm] ?? 0) - expected) ** 2 / expected;
  }
  const pValue = chiSquareSurvival(statistic, tested.length - 1);
  return { pValue, warning: pValue < SRM_WARNING_BELOW };
}

/**
 * Benjamini–Hochberg q-values for a family of p-values, in the same order: q(i) is the smallest
 * m·p(j)/j over the j ≥ i of the ascending order, capped at 1. Controls the false discovery rate
 * when many segment rows are read at once.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const qValues = new Array<number>(m);
  let smallest = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    smallest = Math.min(smallest, (m * pValues[i]) / rank);
    qValues[i] = smallest;
  }
  return qValues;
}
