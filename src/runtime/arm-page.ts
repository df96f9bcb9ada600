import type { PreparedCampaign } from '../campaigns/prepare';
import type { TriggerArmers } from '../triggers/arm';
import type { TriggerContext } from '../triggers/trigger';
import type { Runtime } from './runtime';
import { armTrigger } from '../triggers/arm';
import { CORE_TRIGGERS } from '../triggers/core-triggers';
import { collectDeviceSignals } from '../signals/device';
import { evaluateCampaign } from '../campaigns/decide';
import { someInSlices } from '../lib/some-in-slices';
import { createPageState, type PageState } from './page-state';
import { readDecisionInput, readSignals } from './read-input';
import { prefetchRenderer } from './show-campaign';
import { armSlots } from './fill-slots';
import { usesFormats } from '../campaigns/formats';

/** How often a page with waiting campaigns asks again whether the visitor qualifies for one. */
export const QUALIFY_RECHECK_MS = 5000;

/** This page's triggers: `check()` after any call that can change who the visitor is; `stop()` on navigation. */
export interface ArmedPage {
  check(): void;
  stop(): void;
}

/**
 * Arms this page: the core triggers (`pageview`, `event`) at once, and the page's state machine
 * for the campaigns that wait. Once the visitor qualifies for one, the engagement chunk loads
 * and arms the waiting triggers, and the renderer is fetched while the browser is idle, so the
 * popup appears without delay. A visitor who qualifies for nothing downloads neither.
 */
export function armPage(rt: Runtime): ArmedPage {
  // Inline campaigns fill their slots (fill-slots.ts); the triggers and the state machine are for popups.
  const campaigns = rt.session.prepared.campaigns.filter((campaign) => campaign.slot === undefined);
  const context: TriggerContext = {
    onTrack: (handler) => {
      rt.trackListeners.add(handler);
      return () => void rt.trackListeners.delete(handler);
    },
    sessionStartedAt: () => rt.session.store.read().sessionStart,
    device: () => collectDeviceSignals(window).device,
  };
  const stops: (() => void)[] = [];
  const stopSlots = armSlots(rt);
  if (stopSlots) stops.push(stopSlots);
  const armAll = (armers: TriggerArmers) => {
    for (const campaign of campaigns) {
      const stop = armTrigger(campaign.trigger, context, rt.safely(() => rt.fire(campaign)), armers);
      if (stop) stops.push(stop);
    }
  };
  armAll(CORE_TRIGGERS);

  const waiting = campaigns.filter(isWaiting);
  const state: PageState = createPageState({
    // In slices: with thousands of campaigns, one pass would be a long task on every check.
    qualifies: () => {
      const input = readDecisionInput(rt, readSignals(rt));
      return someInSlices(waiting, (campaign) => evaluateCampaign(campaign, input).eligible);
    },
    engage: (isCurrent) => {
      schedulePrefetch(rt, waiting.some(usesFormats));
      return rt.loadChunk('engage').then(({ engagement }) => {
        if (!isCurrent() || rt.state.destroyed) return;
        try {
          armAll(engagement.waitingTriggers);
        } catch (error) {
          // A host that breaks a listener (a hostile addEventListener) costs that trigger, reported.
          rt.report(error);
        }
      }, (error: unknown) => {
        // Without it, waiting triggers cannot be armed; otherwise this was only a prefetch, and
        // the popup's own load retries and reports.
        if (waiting.some((campaign) => !CORE_TRIGGERS[campaign.trigger.on])) rt.report(error);
        throw error;
      });
    },
    // Time alone can make a visitor qualify (`sessionSeconds`, schedule hours, a cooldown
    // running out, another tab's cart), without any call to check after.
    recheckMs: waiting.length ? QUALIFY_RECHECK_MS : undefined,
    report: rt.report,
  });
  if (waiting.length) state.check();
  return {
    check: () => state.check(),
    stop: () => {
      state.stop();
      stops.splice(0).forEach((stop) => stop());
    },
  };
}

function schedulePrefetch(rt: Runtime, formats: boolean): void {
  const prefetch = () => prefetchRenderer(rt, formats);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prefetch, { timeout: 5000 });
  else setTimeout(prefetch, 2000);
}

/** A campaign that waits for something after the page view: a trigger other than an immediate page view. */
function isWaiting(campaign: PreparedCampaign): boolean {
  return campaign.trigger.on !== 'pageview' || (campaign.trigger.delaySeconds ?? 0) > 0;
}
