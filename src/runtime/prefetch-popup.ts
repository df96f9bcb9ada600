import type { ChunkLoader } from '../chunks/contract';
import type { Campaign } from '../types';
import type { PreparedConfig } from '../rules/prepare-config';
import type { Profile } from '../profile/profile';
import type { PreparedCampaign } from '../campaigns/prepare';
import { findCap, findLimit } from '../campaigns/frequency';
import { usesFormats } from '../campaigns/formats';
import { isPlainObject } from '../lib/is-plain-object';

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
  loadPopupChunks(loadChunk, prepared.campaigns.find((c) => showsAtOnce(c) && c.isOnPage(path) && !findCap(c.id, c.frequency, profile, now)));
}

/**
 * The same ahead of the checks, from the config as parsed, on a first visit (a fresh profile,
 * which no cap or limit holds back): when one of its campaigns shows a popup on page view at
 * once, to everyone, on every page. Its chunks then arrive while the config is checked and
 * compiled, not once the profile is open (a popup for some pages only waits for that). The
 * config is only read for this, never run. A page view whose checks leave that campaign out, or
 * whose schedule or holdout shows nothing, fetches the two chunks for nothing (their download,
 * about 13 KB gzip, and their compiling).
 */
export function prefetchUncheckedPopup(loadChunk: ChunkLoader, raw: unknown): void {
  const campaigns = (raw as { campaigns?: unknown } | null)?.campaigns;
  // As compiling reads a campaign: no trigger is an immediate page view, a layout's slot makes it inline.
  if (Array.isArray(campaigns)) loadPopupChunks(loadChunk, campaigns.find((c: Campaign) => isPlainObject(c as unknown) && !c.pages && showsAtOnce({ trigger: c.trigger ?? { on: 'pageview' }, slot: c.layout?.slot, audience: c.audience })));
}

function loadPopupChunks(loadChunk: ChunkLoader, campaign: Parameters<typeof usesFormats>[0] | undefined): void {
  if (!campaign) return;
  loadChunk('engage').catch(() => {});
  loadChunk(usesFormats(campaign) ? 'formats' : 'popup').catch(() => {});
}

function showsAtOnce(campaign: Pick<PreparedCampaign, 'slot' | 'trigger'> & { audience?: unknown }): boolean {
  return campaign.slot === undefined && campaign.trigger.on === 'pageview' && !((campaign.trigger.delaySeconds ?? 0) > 0) && !campaign.audience;
}
