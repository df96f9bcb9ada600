import type { Runtime } from './runtime';
import { byPriority, evaluateCampaign } from '../campaigns/decide';
import { assignVariant } from '../campaigns/variants';
import { readOwn } from '../lib/read-own';
import { readDecisionInput, readSignals } from './read-input';
import { showCampaign } from './show-campaign';

/**
 * A teaser tab minimised earlier in this session follows the visitor to this page while its
 * campaign stays eligible (pages, schedule, audience, countdown; not the caps, which counted the
 * popup once already). One tab: the highest priority's. Runs in the instance's queue.
 */
export async function restoreTeaser(rt: Runtime): Promise<void> {
  const profile = rt.session.store.read();
  const signals = readSignals(rt);
  const input = readDecisionInput(rt, signals);
  const campaign = rt.session.prepared.campaigns
    .filter((c) => c.teaser && readOwn(profile.campaigns, c.id)?.teaser === profile.sessions && evaluateCampaign(c, input, false).eligible)
    .sort(byPriority)[0];
  const variant = campaign && assignVariant(profile.id, campaign);
  if (variant && variant !== 'holdout') await showCampaign(rt, campaign, variant, signals, { counts: true, restored: true });
}
