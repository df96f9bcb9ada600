import { createPopupLifecycle } from './popup-lifecycle';
import { WAITING_TRIGGERS } from './triggers/waiting-triggers';
import type { TriggerArmers } from './triggers/arm';

/**
 * What a page needs once its visitor qualifies for a campaign: the triggers that wait on the
 * visitor, and the popup lifecycle (presenting the copy, showing and counting the popup). Loaded
 * on demand, so a visitor who qualifies for nothing never downloads it.
 */
export interface Engagement {
  waitingTriggers: TriggerArmers;
  createPopupLifecycle: typeof createPopupLifecycle;
}

export const engagement: Engagement = { waitingTriggers: WAITING_TRIGGERS, createPopupLifecycle };
