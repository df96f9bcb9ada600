/**
 * The timers of a page's triggers (`TriggerContext.after`). While the page is being armed — in
 * slices, over several tasks, when the config has thousands of campaigns — a timer is only
 * noted: those with the same delay share one, and all start together once every trigger is
 * armed (`start`). So a campaign armed in the last slice fires with one armed in the first, and
 * priority still chooses among all the page-view campaigns; and thousands of campaigns set a
 * few timers, not thousands (setting them was itself a long task at 4× CPU). They fire in the
 * order armed. After `start`, a timer is a plain `setTimeout`.
 */
export interface PageTimers {
  after(ms: number, fire: () => void): () => void;
  start(): void;
}

export function createPageTimers(): PageTimers {
  // Per delay, an entry per timer noted: the same function noted twice fires twice.
  let noted: Map<number, Group> | undefined = new Map();
  return {
    after(ms, fire) {
      if (!noted) return setPageTimer(ms, fire);
      let group = noted.get(ms);
      if (!group) noted.set(ms, (group = { fires: new Set() }));
      const { fires } = group;
      const entry = () => fire();
      fires.add(entry);
      return () => {
        fires.delete(entry);
        if (!fires.size) clearTimeout(group.timer);
      };
    },
    start() {
      if (!noted) return;
      for (const [ms, group] of noted) if (group.fires.size) group.timer = setTimeout(() => fireAll(group.fires), ms);
      noted = undefined;
    },
  };
}

/** The timers noted with one delay, and once started the one timer that fires them. */
interface Group {
  fires: Set<() => void>;
  timer?: ReturnType<typeof setTimeout>;
}

/** One timer: `fire` after `ms`; returns its stop function. */
export function setPageTimer(ms: number, fire: () => void): () => void {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
}

/** Each one even when another throws, as separate timers would; the first error is thrown after. */
function fireAll(group: Set<() => void>): void {
  let failed: { error: unknown } | undefined;
  for (const fire of group) {
    try {
      fire();
    } catch (error) {
      failed ??= { error };
    }
  }
  if (failed) throw failed.error;
}
