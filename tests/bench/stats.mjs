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

/**
 * Self time per function in a CDP `Profiler` profile, in ms: each sample lasts until the next
 * (`timeDeltas[i + 1]` µs), and counts for the function on top of the stack. Keyed
 * `name\tscript\tline:column` (the script's path, without origin or query; 1-based positions), or
 * the bare name of the engine's own buckets (`(program)`, `(garbage collector)`, `(idle)`).
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number, columnNumber: number } }[], samples: number[], timeDeltas: number[] }} profile
 */
export function selfTimes({ nodes, samples, timeDeltas }) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const times = new Map();
  // timeDeltas[i] is the time before sample i: sample i-1 lasted timeDeltas[i].
  for (let i = 0; i < samples.length - 1; i++) {
    const { callFrame } = byId.get(samples[i]);
    const script = callFrame.url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*/, '');
    const key = script ? `${callFrame.functionName || '(anonymous)'}\t${script}\t${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}` : callFrame.functionName;
    times.set(key, (times.get(key) ?? 0) + timeDeltas[i + 1] / 1000);
  }
  return times;
}
