/**
 * Where a page is in getting ready for the campaigns that wait (on scroll, exit intent, a
 * delay…):
 *
 *   watching ──check()──▶ checking ──qualifies──▶ engaging ──loaded──▶ engaged
 *      ▲                     │                        │
 *      └──── qualifies not ──┘                        └──load failed──▶ failed
 *
 * and any phase ──stop()──▶ stopped (navigation, destroy). Only `watching` starts a check, so a
 * check never overlaps another and an engaged or failed page is never asked again; a failed load
 * is tried again on the next page, not at every tracked event.
 */
export type PagePhase = 'watching' | 'checking' | 'engaging' | 'engaged' | 'failed' | 'stopped';

/** What a page's state machine does at each step. */
export interface PageStateSteps {
  /** Whether the visitor now qualifies for a campaign that waits (may take several tasks). */
  qualifies(): Promise<boolean>;
  /**
   * Loads what waiting and showing take and arms the waiting triggers while `isCurrent()`;
   * rejects when it cannot (it reports what needs reporting itself).
   */
  engage(isCurrent: () => boolean): Promise<void>;
  /** Asks again this often while watching: time alone can make a visitor qualify. */
  recheckMs?: number;
  report(error: unknown): void;
}

/** One page's state machine: `check()` after anything that can change who the visitor is. */
export interface PageState {
  check(): void;
  stop(): void;
  phase(): PagePhase;
}

export function createPageState(steps: PageStateSteps): PageState {
  let phase: PagePhase = 'watching';
  const timer = steps.recheckMs ? setInterval(() => check(), steps.recheckMs) : undefined;
  const enter = (next: PagePhase) => {
    phase = next;
    if (next !== 'watching' && next !== 'checking') clearInterval(timer);
  };

  function check(): void {
    if (phase !== 'watching') return;
    enter('checking');
    Promise.resolve()
      .then(steps.qualifies)
      .then((qualifies) => {
        if (phase !== 'checking') return;
        if (!qualifies) return enter('watching');
        enter('engaging');
        steps.engage(() => phase === 'engaging' || phase === 'engaged').then(
          () => phase === 'engaging' && enter('engaged'),
          () => phase === 'engaging' && enter('failed'),
        );
      })
      .catch((error: unknown) => {
        if (phase === 'checking') enter('watching');
        steps.report(error);
      });
  }

  return { check, stop: () => enter('stopped'), phase: () => phase };
}
