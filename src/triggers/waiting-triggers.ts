import type { TriggerArmers } from './arm';
import { armScrollTrigger } from './scroll';
import { armExitIntentTrigger } from './exit-intent';
import { armIdleTrigger } from './idle';
import { armTimeOnSiteTrigger } from './time-on-site';

/**
 * The triggers that wait on the visitor. They ship in the engagement chunk: they are armed only
 * once the visitor qualifies for a campaign that waits on them.
 */
export const WAITING_TRIGGERS: TriggerArmers = {
  scroll: armScrollTrigger,
  'exit-intent': armExitIntentTrigger,
  idle: armIdleTrigger,
  'time-on-site': armTimeOnSiteTrigger,
};
