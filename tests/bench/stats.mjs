// The statistics the browser benches report, in one place so that a unit test
// (tests/unit/bench-stats.test.ts) checks them against values worked out by hand.

/**
 * The median of a list of numbers (the mean of the middle two for an even count); NaN when empty.
 * @param {number[]} values
 */
export function median(values) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Paired differences: `values[i] - baseline[i]` for each round `i` in which both were measured
 * (a round is one load of every variant, so the two loads ran under the same machine load).
 * @param {(number | undefined)[]} values
 * @param {(number | undefined)[]} baseline
 */
export function pairedDeltas(values, baseline) {
  const deltas = [];
  for (let i = 0; i < Math.min(values.length, baseline.length); i++) {
    if (Number.isFinite(values[i]) && Number.isFinite(baseline[i])) deltas.push(values[i] - baseline[i]);
  }
  return deltas;
}

/**
 * Cumulative Layout Shift as Chromium's web-vitals define it: shifts not caused by recent input,
 * grouped into session windows (a window ends after a 1 s gap or once it spans 5 s); the score is
 * the largest window's sum.
 * @param {{ value: number, startTime: number, hadRecentInput?: boolean }[]} shifts
 */
export function cumulativeLayoutShift(shifts) {
  let best = 0;
  let windowSum = 0;
  let windowStart = -Infinity;
  let last = -Infinity;
  for (const shift of [...shifts].sort((a, b) => a.startTime - b.startTime)) {
    if (shift.hadRecentInput) continue;
    if (shift.startTime - last > 1000 || shift.startTime - windowStart > 5000) {
      windowSum = 0;
      windowStart = shift.startTime;
    }
    windowSum += shift.value;
    last = shift.startTime;
    best = Math.max(best, windowSum);
  }
  return best;
}
