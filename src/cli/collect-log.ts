/** What `segmint collect` has seen, since it started. */
export interface CollectTotals {
  requests: number;
  received: number;
  dropped: number;
  /** Requests answered with an error status (400, 413, 500…), by status. */
  refused: Record<string, number>;
}

/** Counts what the collector receives and prints it as it goes, in a few lines however busy it is. */
export interface CollectLog {
  /** One request's outcome: events written, events dropped by reason, or the status it was refused with and why. */
  count(outcome: { received: number; dropped?: Map<string, number> } | { status: number; reason: string }): void;
  /** Prints what is not printed yet, and the totals. */
  finish(): void;
  totals(): CollectTotals;
}

/**
 * A log that prints at most one line per `intervalMs`, summing what came meanwhile: under load a
 * line per request would cost more than the request. Dropped events and refused requests are
 * printed with their most frequent reason, so a broken sender shows what it breaks.
 */
export function createCollectLog(print: (line: string) => void, intervalMs = 1000, now = Date.now): CollectLog {
  const totals: CollectTotals = { requests: 0, received: 0, dropped: 0, refused: {} };
  let since = emptyWindow();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!since.requests) return;
    const parts = [`received ${plural(since.received, 'event')} in ${plural(since.requests, 'request')}`];
    if (since.dropped) parts.push(`dropped ${since.dropped} (${describeReasons(since.dropReasons)})`);
    if (since.refusedCount) parts.push(`refused ${plural(since.refusedCount, 'request')} (${describeReasons(since.refuseReasons)})`);
    print(`${new Date(now()).toISOString().slice(11, 19)} ${parts.join('; ')}`);
    since = emptyWindow();
  };

  return {
    count(outcome) {
      totals.requests++;
      since.requests++;
      if ('status' in outcome) {
        totals.refused[outcome.status] = (totals.refused[outcome.status] ?? 0) + 1;
        since.refusedCount++;
        add(since.refuseReasons, `${outcome.status} ${outcome.reason}`, 1);
      } else {
        totals.received += outcome.received;
        since.received += outcome.received;
        for (const [reason, n] of outcome.dropped ?? []) {
          totals.dropped += n;
          since.dropped += n;
          add(since.dropReasons, reason, n);
        }
      }
      if (!timer) {
        timer = setTimeout(flush, intervalMs);
        // The log never keeps the process alive: stopping prints through finish().
        timer.unref?.();
      }
    },
    finish() {
      flush();
      const refused = Object.values(totals.refused).reduce((a, b) => a + b, 0);
      print(`total: received ${plural(totals.received, 'event')} in ${plural(totals.requests, 'request')}; dropped ${plural(totals.dropped, 'event')}; refused ${plural(refused, 'request')}`);
    },
    totals: () => ({ ...totals, refused: { ...totals.refused } }),
  };
}

function emptyWindow() {
  return { requests: 0, received: 0, dropped: 0, refusedCount: 0, dropReasons: new Map<string, number>(), refuseReasons: new Map<string, number>() };
}

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** The most frequent reason, and how many others there were. */
function describeReasons(reasons: Map<string, number>): string {
  const sorted = [...reasons].sort((a, b) => b[1] - a[1]);
  const [reason, n] = sorted[0];
  const rest = sorted.slice(1).reduce((sum, [, count]) => sum + count, 0);
  return `${n}× ${reason}${rest ? `, ${rest} for other reasons` : ''}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
