import type { ArmTrigger } from './trigger';

/**
 * Fires once per page view, `delaySeconds` after it (default at once); the page's timers
 * (`page-timers.ts`) start once every trigger of the page is armed.
 */
export const armPageviewTrigger: ArmTrigger<{ on: 'pageview'; delaySeconds?: number }> = (trigger, context, fire) => context.after(Math.max(0, trigger.delaySeconds ?? 0) * 1000, fire);
