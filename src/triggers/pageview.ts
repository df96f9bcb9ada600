import type { ArmTrigger } from './trigger';

/** Fires once per page view, `delaySeconds` after it (default at once). */
export const armPageviewTrigger: ArmTrigger<{ on: 'pageview'; delaySeconds?: number }> = (trigger, _context, fire) => {
  const timer = setTimeout(fire, Math.max(0, trigger.delaySeconds ?? 0) * 1000);
  return () => clearTimeout(timer);
};
