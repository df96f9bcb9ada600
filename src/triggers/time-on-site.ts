import type { ArmTrigger } from './trigger';
import { waitUntil } from './wait-until';

/**
 * Fires once `seconds` after the visitor's session began, counted across pages: a visitor who
 * arrives on a page with the time already spent fires on the next task, never inside arming. The
 * session start is read when arming, because the page view that arms may just have begun a session.
 */
export const armTimeOnSiteTrigger: ArmTrigger<{ on: 'time-on-site'; seconds: number }> = ({ seconds }, context, fire) => {
  const due = context.sessionStartedAt() + seconds * 1000;
  return waitUntil(() => due, fire);
};
