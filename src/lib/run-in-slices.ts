import { yieldToHost } from './yield-to-host';

/**
 * Work written as a generator that `yield`s at each point where it may be paused (after a
 * campaign, after some thousand values walked): the same steps run at once (`runAtOnce`) or in
 * slices (`runInSlices`), so both give the same result by construction.
 */
export type Steps<T> = Generator<unknown, T, undefined>;

/** How long one slice may run before the page gets a turn: well under a 50 ms long task, also at 4× CPU. */
export const SLICE_MS = 8;

/** Runs `steps` to the end in this task: for Node, the CLI and small inputs. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs `steps` to the end, yielding to the page (`yieldToHost`) at the first pause point after
 * each `sliceMs` of work, so a config of thousands of campaigns never makes one long task
 * (RELIABILITY §8). Time is the page's own clock: under CPU throttling a slice does less.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToHost();
      sliceStart = performance.now();
    }
  }
}
