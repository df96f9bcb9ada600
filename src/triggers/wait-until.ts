// setTimeout runs a delay above 2^31 − 1 ms (24.8 days) at once; longer waits take several timers.
const MAX_TIMEOUT = 2 ** 31 - 1;

/**
 * Calls `done` once `Date.now()` reaches `deadline()`, never synchronously. The deadline is read
 * again whenever the timer wakes, so it may move later without a new timer per change: one timer
 * at a time. Returns the cancel function.
 */
export function waitUntil(deadline: () => number, done: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const schedule = () => {
    const left = deadline() - Date.now();
    timer = setTimeout(() => (deadline() <= Date.now() ? done() : schedule()), Math.min(Math.max(left, 0), MAX_TIMEOUT));
  };
  schedule();
  return () => clearTimeout(timer);
}
