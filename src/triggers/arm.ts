import type { Trigger } from '../types';
import type { ArmTrigger, TriggerContext } from './trigger';
import { armPageviewTrigger } from './pageview';
import { armScrollTrigger } from './scroll';
import { armExitIntentTrigger } from './exit-intent';
import { armIdleTrigger } from './idle';
import { armTimeOnSiteTrigger } from './time-on-site';
import { armEventTrigger } from './event';

const TRIGGERS: Record<Trigger['on'], ArmTrigger<never>> = {
  pageview: armPageviewTrigger,
  scroll: armScrollTrigger,
  'exit-intent': armExitIntentTrigger,
  idle: armIdleTrigger,
  'time-on-site': armTimeOnSiteTrigger,
  event: armEventTrigger,
};

/** Arms a campaign's trigger; returns its stop function. Unknown kinds were rejected at load. */
export function armTrigger(trigger: Trigger, context: TriggerContext, fire: () => void): () => void {
  const arm = TRIGGERS[trigger.on] as ArmTrigger | undefined;
  return arm ? arm(trigger, context, fire) : () => {};
}
