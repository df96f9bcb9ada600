import { createPopupLifecycle } from './popup-lifecycle';
import { WAITING_TRIGGERS } from './triggers/waiting-triggers';
import type { TriggerArmers } from './triggers/arm';
import { createAnalyticsSink } from './analytics/analytics-sink';

/**
 * What a page needs once its visitor qualifies for a campaign: the triggers that wait on the
 * visitor, the popup lifecycle (presenting the copy, showing and counting the popup), and the
 * analytics sinks its events go to. Loaded
 * on demand, so a visitor who qualifies for nothing never downloads it.
 */
export interface Engagement {
  waitingTriggers: TriggerArmers;
  createPopupLifecycle: typeof createPopupLifecycle;
  createAnalyticsSink: typeof createAnalyticsSink;
}

export const engagement: Engagement = { waitingTriggers: WAITING_TRIGGERS, createPopupLifecycle, createAnalyticsSink };
