import type { QuestionOption } from '../types';

/** A countdown as decisions read it: an instant for everyone, or minutes from the first impression. */
export type PreparedCountdown = { until: number } | { minutes: number };

/** A question with its options checked: distinct scalar values, labels in the default locale. */
export interface PreparedQuestion {
  trait: string;
  options: QuestionOption[];
}

/** True when a campaign needs the formats renderer (teaser tab, countdown, question) rather than the plain popup's. */
export function usesFormats(campaign: { teaser?: unknown; countdown?: unknown; question?: unknown }): boolean {
  return !!(campaign.teaser || campaign.countdown || campaign.question);
}
