import type { TriggerArmers } from './arm';
import { armPageviewTrigger } from './pageview';
import { armEventTrigger } from './event';

/** The triggers every page may need at once, so they ship in the core. */
export const CORE_TRIGGERS: TriggerArmers = {
  pageview: armPageviewTrigger,
  event: armEventTrigger,
};
