import type { Parameters } from 'fast-check';

/**
 * Fuzz runs: fixed seed and modest counts in `npm test`, so the suite stays fast and a failure
 * reproduces; `npm run fuzz` runs longer (SEGMINT_FUZZ_RUNS, SEGMINT_FUZZ_SEED to vary them).
 * `scale` sizes a property's share: cheap properties get more runs than ones that start the runtime.
 */
export function fuzzRuns(scale = 1): Parameters<unknown> {
  const runs = Number(process.env.SEGMINT_FUZZ_RUNS ?? 200);
  const seed = Number(process.env.SEGMINT_FUZZ_SEED ?? 20261201);
  return { numRuns: Math.max(1, Math.round(runs * scale)), seed, endOnFailure: true };
}
