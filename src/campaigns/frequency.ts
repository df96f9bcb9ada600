import type { Frequency } from '../types';
import type { Profile } from '../profile/profile';
import { readOwn } from '../lib/read-own';

const HOUR = 3_600_000;

/** The frequency cap that keeps a campaign hidden now, or null when none does. */
export function findCap(id: string, frequency: Frequency, profile: Profile, now: number): keyof Frequency | null {
  const history = readOwn(profile.campaigns, id);
  if (!history) return null;
  const within = (at: number | undefined, hours: number | undefined) => at !== undefined && hours !== undefined && now - at < hours * HOUR;
  if (frequency.maxImpressions !== undefined && history.impressions >= frequency.maxImpressions) return 'maxImpressions';
  const thisSession = history.session === profile.sessions ? history.sessionImpressions ?? 0 : 0;
  if (frequency.maxPerSession !== undefined && thisSession >= frequency.maxPerSession) return 'maxPerSession';
  if (within(history.lastImpressionAt, frequency.cooldownHours)) return 'cooldownHours';
  if (within(history.dismissedAt, frequency.afterDismissHours)) return 'afterDismissHours';
  if (within(history.convertedAt, frequency.afterConversionHours)) return 'afterConversionHours';
  return null;
}

/** The global limit that stops any popup now, or null. */
export function findLimit(limits: { maxPerSession?: number; minSecondsBetween?: number }, profile: Profile, now: number): string | null {
  if (limits.maxPerSession !== undefined && profile.sessionShown >= limits.maxPerSession) return 'limits.maxPerSession';
  if (limits.minSecondsBetween !== undefined && profile.lastShownAt !== null && now - profile.lastShownAt < limits.minSecondsBetween * 1000) {
    return 'limits.minSecondsBetween';
  }
  return null;
}
