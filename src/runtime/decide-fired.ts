import type { PreparedCampaign } from '../campaigns/prepare';
import type { Runtime } from './runtime';
import { chooseCampaignSteps } from '../campaigns/decide';
import { runInSlices } from '../lib/run-in-slices';
import { yieldToHost } from '../lib/yield-to-host';
import { chooseContentLocale } from '../campaigns/localize';
import { listPreferredLocales } from '../signals/preferred-locales';
import { findSegments, readDecisionInput, readSignals } from './read-input';
import { showCampaign } from './show-campaign';

/**
 * Campaigns whose triggers fire in the same moment (timers due together, one tracked event) are
 * decided together in the next task, so that priority can choose between them. Returns `fire`.
 * That task is a continuation (`yieldToHost`), not a timer: a timer's task queues behind the
 * page's own (on a page still loading, many), a continuation keeps its place ahead of them.
 */
export function createFiring(enqueue: (task: () => unknown) => void, decide: (candidates: PreparedCampaign[]) => unknown): (campaign: PreparedCampaign) => void {
  let fired: PreparedCampaign[] = [];
  return (campaign) => {
    if (fired.push(campaign) > 1) return;
    void yieldToHost().then(() => {
      const candidates = fired;
      fired = [];
      enqueue(() => decide(candidates));
    });
  };
}

/**
 * Decides among fired campaigns and shows the winner: one evaluation per candidate, the
 * visitor's variant hashed once. One popup at a time: a campaign that fires while one is open is
 * dropped, not queued for later. A holdout is an exposure without a popup.
 */
export async function decideFired(rt: Runtime, candidates: PreparedCampaign[]): Promise<void> {
  const trigger = candidates[0].trigger.on;
  if (rt.state.popups?.isOpen()) {
    rt.emit('decision', { trigger, campaign: null });
    return;
  }
  const signals = readSignals(rt);
  // In slices: a page view can fire thousands of campaigns at once.
  const decision = await runInSlices(chooseCampaignSteps(candidates, readDecisionInput(rt, signals)));
  if (rt.state.destroyed) return;
  if (!decision) {
    rt.emit('decision', { trigger, campaign: null });
    return;
  }
  const { campaign, variant } = decision;
  const variantId = variant === 'holdout' ? 'holdout' : variant.id;
  rt.emit('decision', { trigger, campaign: campaign.id, variant: variantId });
  if (rt.options.debug) console.info('[segmint] decision', campaign.id, variantId);
  if (variant === 'holdout') {
    // The locale the visitor would have seen the campaign in, so results compare like with like.
    const locale = chooseContentLocale(campaign.variants[0].content, listPreferredLocales(signals), rt.session.prepared.defaultLocale);
    rt.emit('exposure', { campaign: campaign.id, variant: variantId, locale, segments: findSegments(rt, signals) });
    await rt.session.store.record({ type: 'campaign', action: 'exposure', campaign: campaign.id, variant: variantId });
    return;
  }
  await showCampaign(rt, campaign, variant, signals, { counts: true });
}
