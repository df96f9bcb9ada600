import { describe, expect, it } from 'vitest';
import { Z_95, chiSquareSurvival, normalCdf, twoSidedNormalP } from './distributions';

// Reference values from R 4.x (pnorm, pchisq, qchisq), an implementation independent of this one,
// and from identities that hold exactly.
describe('normal distribution', () => {
  it('matches R pnorm across the range', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 13);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 13);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
    expect(normalCdf(2.5)).toBeCloseTo(0.9937903346742238, 13);
  });

  it('keeps precision far in the tail, where p-values of large tests live', () => {
    // R: pnorm(-5) = 2.866515718791939e-7, pnorm(-10) = 7.619853024160527e-24
    expect(twoSidedNormalP(5) / (2 * 2.866515718791939e-7)).toBeCloseTo(1, 10);
    expect(twoSidedNormalP(-10) / (2 * 7.619853024160527e-24)).toBeCloseTo(1, 9);
  });

  it('gives 0.05 at the 95% critical value, the same on both sides', () => {
    expect(twoSidedNormalP(Z_95)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(-Z_95)).toBe(twoSidedNormalP(Z_95));
    expect(twoSidedNormalP(0)).toBe(1);
  });
});

describe('chi-square distribution', () => {
  it('gives 0.05 at the critical values R qchisq(0.95, df) reports', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(7.814727903251178, 3)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(10.827566170662733, 1)).toBeCloseTo(0.001, 14);
  });

  it('with 2 degrees of freedom is exactly exp(−x/2)', () => {
    for (const x of [0.01, 0.5, 1, 2.2, 7, 15, 40, 160]) expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 12);
  });

  it('is 1 at 0 and NaN for nonsense', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(1, 0)).toBeNaN();
    expect(chiSquareSurvival(NaN, 1)).toBeNaN();
  });
});
