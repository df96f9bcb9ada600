import type { CampaignHistory } from '../profile/profile';
import type { PreparedCountdown } from './formats';

/**
 * When a campaign's countdown reaches zero, in epoch ms: its `until` instant, or `minutes` after
 * the visitor's first impression of it. Before that first impression a `minutes` countdown has
 * not started: it ends `minutes` from `now`.
 */
export function findCountdownEnd(countdown: PreparedCountdown, history: CampaignHistory | undefined, now: number): number {
  return 'until' in countdown ? countdown.until : (history?.firstImpressionAt ?? now) + countdown.minutes * 60_000;
}

/** True once the countdown has reached zero: the campaign is never eligible again (for everyone, with `until`). */
export function isCountdownOver(countdown: PreparedCountdown | undefined, history: CampaignHistory | undefined, now: number): boolean {
  return !!countdown && findCountdownEnd(countdown, history, now) <= now;
}
