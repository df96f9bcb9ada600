import type { Trigger } from '../types';
import type { ArmTrigger, TriggerContext } from './trigger';

/** Trigger kinds mapped to how to arm them; a set may cover only some kinds. */
export type TriggerArmers = Partial<Record<Trigger['on'], ArmTrigger<never>>>;

/**
 * Arms a campaign's trigger with one of the given armers; returns its stop function, or
 * undefined when the set does not cover that kind (the core arms `pageview` and `event`; the
 * waiting kinds come with the engagement chunk).
 */
export function armTrigger(trigger: Trigger, context: TriggerContext, fire: () => void, armers: TriggerArmers): (() => void) | undefined {
  const arm = armers[trigger.on] as ArmTrigger | undefined;
  return arm?.(trigger, context, fire);
}
