// The two tail probabilities the report needs, the normal and the chi-square, both from the
// regularized upper incomplete gamma function Q(a, x): erfc(x) = Q(1/2, x²) and the chi-square
// survival function with k degrees of freedom is Q(k/2, x/2). Q is computed as in Press, Teukolsky,
// Vetterling & Flannery, "Numerical Recipes" (3rd ed., 2007), §6.2: the series for P when
// x < a + 1, else the continued fraction for Q by the modified Lentz method; both converge to
// double precision in well under 200 steps for the arguments a report meets.

/** z such that P(|Z| ≤ z) = 0.95 for a standard normal Z (R: qnorm(0.975)). */
export const Z_95 = 1.959963984540054;

const EPSILON = 1e-15;
const MAX_STEPS = 500;
const TINY = 1e-300;

/** Two-sided normal p-value of a z statistic: P(|Z| ≥ |z|). */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return upperGamma(0.5, (z * z) / 2);
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  const tail = twoSidedNormalP(z) / 2;
  return z < 0 ? tail : 1 - tail;
}

/** P(X ≥ x) for X chi-square distributed with `degrees` degrees of freedom. */
export function chiSquareSurvival(x: number, degrees: number): number {
  if (!(degrees > 0) || Number.isNaN(x)) return NaN;
  return x <= 0 ? 1 : upperGamma(degrees / 2, x / 2);
}

/** The regularized upper incomplete gamma function Q(a, x) for a > 0, x ≥ 0. */
function upperGamma(a: number, x: number): number {
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}

/** P(a, x) by its series: e^−x x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n)). */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_STEPS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by its continued fraction, evaluated with the modified Lentz method. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_STEPS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

// Lanczos approximation, g = 7, n = 9 (the coefficients published by Paul Godfrey, also in
// Numerical Recipes); relative error about 1e-15 for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(a) for a > 0. */
function logGamma(a: number): number {
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const z = a - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
