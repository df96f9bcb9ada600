import { describe, expect, it } from 'vitest';
import { absoluteDifference, benjaminiHochberg, describeSample, relativeLift, sampleRatioTest, type Moments } from './statistics';
import { seededRandom } from '../../tests/unit/random';

/** Moments of a list of per-visitor values. */
function moments(values: number[]): Moments {
  return { n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSq: values.reduce((a, b) => a + b * b, 0) };
}

/** Moments of a 0/1 metric: `hits` of `n` visitors. */
function proportion(hits: number, n: number): Moments {
  return { n, sum: hits, sumSq: hits };
}

describe('describeSample', () => {
  it('gives the mean and the unbiased (n − 1) variance', () => {
    expect(describeSample(moments([10, 0, 20, 10]))).toEqual({ mean: 10, variance: 200 / 3 });
    expect(describeSample(moments([2, 4, 4, 4, 5, 5, 7, 9]))).toEqual({ mean: 5, variance: 32 / 7 });
  });

  it('has no variance below two visitors, and never a negative one', () => {
    expect(describeSample({ n: 1, sum: 5, sumSq: 25 })).toEqual({ mean: 5, variance: null });
    expect(describeSample({ n: 0, sum: 0, sumSq: 0 })).toEqual({ mean: 0, variance: null });
    const same = moments(new Array(1000).fill(0.1));
    expect(describeSample(same).variance).toBeGreaterThanOrEqual(0);
  });
});

describe('relativeLift', () => {
  it('matches a case worked by hand', () => {
    // Control 10, 0, 20, 10: mean 10, s² = 200/3, vC = s²/4 = 50/3.
    // Treatment 30, 0, 10, 20, 20: mean 16, s² = 130, vT = 26.
    // Lift (16 − 10)/10 = 0.6; Var = 26/10² + 16²·(50/3)/10⁴ = 0.26 + 0.426667 = 0.686667, SE 0.828654;
    // CI 0.6 ± 1.959964·0.828654 = [−1.024131, 2.224131]; z = 0.724066, p = 2(1 − Φ(z)) ≈ 0.4690
    // (Φ(0.72) = 0.7642 and Φ(0.73) = 0.7673 from a printed normal table, interpolated).
    const lift = relativeLift(moments([10, 0, 20, 10]), moments([30, 0, 10, 20, 20]))!;
    expect(lift.estimate).toBeCloseTo(0.6, 12);
    expect(lift.ci[0]).toBeCloseTo(-1.024131, 5);
    expect(lift.ci[1]).toBeCloseTo(2.224131, 5);
    expect(lift.pValue).toBeCloseTo(0.469, 3);
  });

  it('is null when the control mean is 0 or an arm has fewer than 2 visitors', () => {
    expect(relativeLift(proportion(0, 500), proportion(10, 500))).toBeNull();
    expect(relativeLift(proportion(1, 1), proportion(10, 500))).toBeNull();
    expect(relativeLift(proportion(10, 500), proportion(0, 1))).toBeNull();
    expect(relativeLift(proportion(10, 500), proportion(0, 2))).not.toBeNull();
  });

  it('is exact when nobody differs from anybody', () => {
    expect(relativeLift(proportion(50, 50), proportion(80, 80))).toEqual({ estimate: 0, ci: [0, 0], pValue: 1 });
  });
});

describe('absoluteDifference', () => {
  it('gives the Welch statistic of a published example', () => {
    // R's t.test(ts1, ts2) (Welch by default), as quoted in a Cross Validated answer on Welch intervals:
    // ts1 = 11 9 10 11 10 12 9 11 12 9, ts2 = 11 13 10 13 12 9 11 12 12 11 → means 10.4 and 11.4, t = −1.8325.
    const ts1 = moments([11, 9, 10, 11, 10, 12, 9, 11, 12, 9]);
    const ts2 = moments([11, 13, 10, 13, 12, 9, 11, 12, 12, 11]);
    const difference = absoluteDifference(ts2, ts1)!;
    const standardError = (difference.ci[1] - difference.ci[0]) / (2 * 1.959963984540054);
    expect(difference.estimate).toBeCloseTo(-1, 12);
    expect(difference.estimate / standardError).toBeCloseTo(-1.8325, 4);
  });

  it('matches a published two-proportion interval', () => {
    // Agresti, An Introduction to Categorical Data Analysis (2nd ed., 2007), §2.2.3, the Physicians'
    // Health Study: heart attacks 189 of 11,034 on placebo, 104 of 11,037 on aspirin; difference
    // 0.0171 − 0.0094 = 0.0077, SE 0.0015, 95% CI (0.005, 0.011).
    const difference = absoluteDifference(proportion(104, 11037), proportion(189, 11034))!;
    expect(difference.estimate).toBeCloseTo(0.0077, 4);
    expect((difference.ci[1] - difference.ci[0]) / (2 * 1.96)).toBeCloseTo(0.0015, 4);
    expect(difference.ci[0]).toBeCloseTo(0.005, 3);
    expect(difference.ci[1]).toBeCloseTo(0.011, 3);
    expect(difference.pValue).toBeLessThan(1e-6);
  });

  it('flips its sign, and only its sign, when the arms are swapped', () => {
    const a = moments([3, 0, 0, 5, 1, 0, 2]);
    const b = moments([0, 0, 1, 0, 4, 0]);
    const ab = absoluteDifference(a, b)!;
    const ba = absoluteDifference(b, a)!;
    expect(ba.estimate).toBeCloseTo(-ab.estimate, 12);
    expect(ba.ci[0]).toBeCloseTo(-ab.ci[1], 12);
    expect(ba.ci[1]).toBeCloseTo(-ab.ci[0], 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
  });
});

describe('relativeLift over simulated tests', () => {
  /** One simulated arm: each visitor buys with probability `rate`, spending 20 to 220. */
  function simulateArm(random: () => number, visitors: number, rate: number): { converted: Moments; revenue: Moments } {
    let purchasers = 0;
    let revenue = 0;
    let revenueSq = 0;
    for (let i = 0; i < visitors; i++) {
      if (random() >= rate) continue;
      const value = 20 + 200 * random() ** 2;
      purchasers++;
      revenue += value;
      revenueSq += value * value;
    }
    return { converted: proportion(purchasers, visitors), revenue: { n: visitors, sum: revenue, sumSq: revenueSq } };
  }

  it('covers zero with 93–97% of its 95% intervals in 1,000 A/A tests', () => {
    const random = seededRandom(20261201);
    let coverRate = 0;
    let coverRevenue = 0;
    const runs = 1000;
    for (let run = 0; run < runs; run++) {
      const control = simulateArm(random, 4000, 0.05);
      const treatment = simulateArm(random, 4000, 0.05);
      const rate = relativeLift(control.converted, treatment.converted)!;
      const revenue = relativeLift(control.revenue, treatment.revenue)!;
      if (rate.ci[0] <= 0 && rate.ci[1] >= 0) coverRate++;
      if (revenue.ci[0] <= 0 && revenue.ci[1] >= 0) coverRevenue++;
      // The interval and the p-value tell the same story.
      expect(rate.pValue < 0.05).toBe(rate.ci[0] > 0 || rate.ci[1] < 0);
    }
    expect(coverRate / runs).toBeGreaterThanOrEqual(0.93);
    expect(coverRate / runs).toBeLessThanOrEqual(0.97);
    expect(coverRevenue / runs).toBeGreaterThanOrEqual(0.93);
    expect(coverRevenue / runs).toBeLessThanOrEqual(0.97);
  });

  it('finds a planted 20% lift in most of 400 tests, and estimates it without bias', () => {
    const random = seededRandom(7);
    let found = 0;
    let covered = 0;
    let sum = 0;
    const runs = 400;
    for (let run = 0; run < runs; run++) {
      const control = simulateArm(random, 20000, 0.05);
      const treatment = simulateArm(random, 20000, 0.06);
      const lift = relativeLift(control.converted, treatment.converted)!;
      if (lift.pValue < 0.05 && lift.estimate > 0) found++;
      if (lift.ci[0] <= 0.2 && lift.ci[1] >= 0.2) covered++;
      sum += lift.estimate;
    }
    expect(found / runs).toBeGreaterThan(0.9);
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(sum / runs).toBeCloseTo(0.2, 1);
  });
});

describe('sampleRatioTest', () => {
  it('fires on a 52/48 split of 100,000 visitors configured 50/50', () => {
    const result = sampleRatioTest({ a: 52000, b: 48000 }, { a: 50, b: 50 });
    // χ² = 2 · 2000² / 50000 = 160 on 1 degree of freedom.
    expect(result.warning).toBe(true);
    expect(result.pValue).toBeLessThan(1e-30);
  });

  it('stays quiet on a fair random split of 100,000 visitors', () => {
    const random = seededRandom(42);
    let a = 0;
    for (let i = 0; i < 100000; i++) if (random() < 0.5) a++;
    const result = sampleRatioTest({ a, b: 100000 - a }, { a: 1, b: 1 });
    expect(result.warning).toBe(false);
    expect(result.pValue).toBeGreaterThan(0.001);
    expect(sampleRatioTest({ a: 50000, b: 50000 }, { a: 1, b: 1 })).toEqual({ pValue: 1, warning: false });
  });

  it('tests against unequal shares: a holdout of 20% and two variants over the rest', () => {
    const shares = { holdout: 0.2, a: 0.4, b: 0.4 };
    // χ² = (1990−2000)²/2000 + (4012−4000)²/4000 + (3998−4000)²/4000 = 0.087 on 2 df: p = exp(−0.087/2).
    const fair = sampleRatioTest({ holdout: 1990, a: 4012, b: 3998 }, shares);
    expect(fair.pValue).toBeCloseTo(Math.exp(-0.087 / 2), 6);
    expect(fair.warning).toBe(false);
    expect(sampleRatioTest({ holdout: 1000, a: 4500, b: 4500 }, shares).warning).toBe(true);
  });

  it('calls any visitor in an arm without a share a mismatch, and has nothing to test with one arm', () => {
    expect(sampleRatioTest({ a: 500, b: 3 }, { a: 1, b: 0 })).toEqual({ pValue: 0, warning: true });
    expect(sampleRatioTest({ a: 500, c: 3 }, { a: 1, b: 1 })).toEqual({ pValue: 0, warning: true });
    expect(sampleRatioTest({ default: 500 }, { default: 1 })).toEqual({ pValue: null, warning: false });
    expect(sampleRatioTest({}, { a: 1, b: 1 })).toEqual({ pValue: null, warning: false });
  });
});

describe('benjaminiHochberg', () => {
  it('matches q-values worked by hand, in the input order', () => {
    // m = 8; m·p(j)/j = .008 .032 .104 .082 .0672 .08 .0846 .205; running minimum from the top.
    const p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205];
    const expected = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.0845714, 0.205];
    const shuffled = [5, 2, 7, 0, 3, 6, 1, 4];
    const q = benjaminiHochberg(shuffled.map((i) => p[i]));
    shuffled.forEach((i, k) => expect(q[k]).toBeCloseTo(expected[i], 6));
  });

  it('is never below the p-value nor above 1, and leaves a single test alone', () => {
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])).toEqual([0.05, 0.05, 0.05, 0.05, 0.05].map((q) => expect.closeTo(q, 12)));
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
    expect(benjaminiHochberg([0.7])).toEqual([0.7]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
