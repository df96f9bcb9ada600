import type { PreparedCampaign, PreparedVariant } from './prepare';
import { hashToUnit } from '../lib/hash';

/**
 * The visitor's variant of a campaign, or `holdout`: a stable hash of visitor and campaign id,
 * so the same visitor gets the same answer on every page and in every session.
 */
export function assignVariant(visitorId: string, campaign: PreparedCampaign): PreparedVariant | 'holdout' {
  if (campaign.holdout > 0 && hashToUnit(`holdout:${visitorId}:${campaign.id}`) * 100 < campaign.holdout) return 'holdout';
  const total = campaign.variants.reduce((sum, variant) => sum + variant.weight, 0);
  let point = hashToUnit(`variant:${visitorId}:${campaign.id}`) * total;
  for (const variant of campaign.variants) {
    if (point < variant.weight) return variant;
    point -= variant.weight;
  }
  return campaign.variants.filter((variant) => variant.weight > 0).pop()!;
}
