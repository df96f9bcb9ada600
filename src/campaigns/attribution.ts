import type { Profile } from '../profile/profile';
import type { PreparedCampaign } from './prepare';
import { readOwn } from '../lib/read-own';

const HOUR = 3_600_000;

/** True when the visitor was exposed to some campaign within its `attributionHours`: their purchases go to the beacon (SPEC §10). */
export function isExposedWithin(profile: Profile, campaigns: PreparedCampaign[], now: number): boolean {
  return campaigns.some((campaign) => isWithin(campaign, readOwn(profile.campaigns, campaign.id)?.exposedAt, now));
}

/** Whether `at` is within the campaign's attribution window before `now`. */
const isWithin = (campaign: PreparedCampaign, at: number | undefined, now: number) => at !== undefined && now - at <= campaign.attributionHours * HOUR;

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
    if (!history || !isWithin(campaign, clickedAt, now)) continue;
    if (history.convertedAt !== undefined && history.convertedAt >= clickedAt!) continue;
    attributed.push({ campaign: campaign.id, variant: history.clickedVariant ?? 'default', locale: history.clickedLocale });
  }
  return attributed;
}
