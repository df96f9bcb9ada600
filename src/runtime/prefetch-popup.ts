import type { ChunkLoader } from '../chunks/contract';
import type { PreparedConfig } from '../rules/prepare-config';
import type { Profile } from '../profile/profile';
import type { PreparedCampaign } from '../campaigns/prepare';
import { findCap, findLimit } from '../campaigns/frequency';
import { usesFormats } from '../campaigns/formats';

/**
 * Starts loading the campaign code and the renderer before deciding, when this page view may show
 * a popup at once: a popup campaign on page view without delay, with no audience to pass, on this
 * page, that neither its frequency caps nor the global limits hold back for this profile. Then the
 * decision finds both loaded instead of fetching them one hop later. What else it would wait for
 * (the schedule, the holdout, a product left to offer) may still show nothing: those page views
 * fetch the chunks for nothing, as a page with such a campaign is rare. A page whose popups wait
 * for an audience or a trigger fetches nothing ahead.
 */
export function prefetchPagePopup(loadChunk: ChunkLoader, prepared: Pick<PreparedConfig, 'campaigns' | 'limits'>, profile: Profile, path: string, now: number): void {
  if (findLimit(prepared.limits, profile, now)) return;
  const campaign = prepared.campaigns.find((c) => showsAtOnce(c) && c.isOnPage(path) && !findCap(c.id, c.frequency, profile, now));
  if (!campaign) return;
  loadChunk('engage').catch(() => {});
  loadChunk(usesFormats(campaign) ? 'formats' : 'popup').catch(() => {});
}

function showsAtOnce(campaign: PreparedCampaign): boolean {
  return campaign.slot === undefined && campaign.trigger.on === 'pageview' && !((campaign.trigger.delaySeconds ?? 0) > 0) && !campaign.audience;
}
