import type { Profile } from '../profile/profile';
import type { PreparedCampaign } from './prepare';
import { readOwn } from '../lib/read-own';

const HOUR = 3_600_000;

/**
 * The campaigns a purchase now is attributed to: clicked within their `attributionHours`
 * (default 24) and not yet converted since that click. Each keeps the variant that was clicked,
 * and the locale it was shown in.
 */
export function findAttributions(profile: Profile, campaigns: PreparedCampaign[], now: number): { campaign: string; variant: string; locale?: string }[] {
  const attributed: { campaign: string; variant: string; locale?: string }[] = [];
  for (const campaign of campaigns) {
    const history = readOwn(profile.campaigns, campaign.id);
    const clickedAt = history?.clickedAt;
    if (!history || clickedAt === undefined || now - clickedAt > campaign.attributionHours * HOUR) continue;
    if (history.convertedAt !== undefined && history.convertedAt >= clickedAt) continue;
    attributed.push({ campaign: campaign.id, variant: history.clickedVariant ?? 'default', locale: history.clickedLocale });
  }
  return attributed;
}
