import type { TriggerArmers } from './arm';
import { armPageviewTrigger } from './pageview';
import { armEventTrigger } from './event';
import { armClickTrigger } from './click';

/** The triggers every page may need at once, so they ship in the core. */
export const CORE_TRIGGERS: TriggerArmers = {
  pageview: armPageviewTrigger,
  event: armEventTrigger,
  // In the core: a click before the campaign code loaded would be lost.
  click: armClickTrigger,
};
