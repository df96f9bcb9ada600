/**
 * Gives the page a turn: resolves in a later task, so input, rendering and the host's own
 * scripts run between two slices of our work. `scheduler.yield()` where the browser has it (the
 * continuation keeps its place ahead of other tasks); else a `MessageChannel` message, which is
 * not clamped to 4 ms the way nested `setTimeout(0)` is; else `setTimeout`.
 */
export function yieldToHost(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') return void setTimeout(resolve, 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}
