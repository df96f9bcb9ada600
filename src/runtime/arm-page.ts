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
import { runInSlices, type Steps } from '../lib/run-in-slices';
import { yieldToHost } from '../lib/yield-to-host';
import { createPageTimers } from '../triggers/page-timers';

/** How often a page with waiting campaigns asks again whether the visitor qualifies for one. */
export const QUALIFY_RECHECK_MS = 5000;

/** This page's triggers: `check()` after any call that can change who the visitor is; `stop()` on navigation. */
export interface ArmedPage {
  check(): void;
  stop(): void;
  /**
   * Resolves once the core triggers are armed, in slices (thousands of campaigns armed at once
   * were a long task at 4× CPU); rejects when one could not be armed. The page-view timers start then.
   */
  armed: Promise<void>;
}

/**
 * Arms this page: the core triggers (`pageview`, `event`, `click`) in slices, and the page's state machine
 * for the campaigns that wait. Once the visitor qualifies for one, the engagement chunk loads
 * and arms the waiting triggers, and the renderer is fetched while the browser is idle, so the
 * popup appears without delay. A visitor who qualifies for nothing downloads neither.
 */
export function armPage(rt: Runtime): ArmedPage {
  const timers = createPageTimers();
  const context: TriggerContext = {
    onTrack: (handler) => {
      rt.trackListeners.add(handler);
      return () => void rt.trackListeners.delete(handler);
    },
    sessionStartedAt: () => rt.session.store.read().sessionStart,
    device: () => collectDeviceSignals(window).device,
    after: timers.after,
  };
  const stops: (() => void)[] = [];
  let stopped = false;
  let state: PageState | undefined;
  // Only a config with an inline campaign watches for slots: otherwise armSlots is never compiled (README "Page impact").
  const stopSlots = rt.session.prepared.campaigns.some((c) => c.slot !== undefined) && armSlots(rt);
  if (stopSlots) stops.push(stopSlots);
  const arm = (campaign: PreparedCampaign, armers: TriggerArmers) => {
    const stop = armTrigger(campaign.trigger, context, rt.safely(() => rt.fire(campaign)), armers);
    if (stop) stops.push(stop);
  };
  // Inline campaigns fill their slots (fill-slots.ts); the triggers and the state machine are for
  // popups, sorted out while arming, in the same slices.
  const popups: PreparedCampaign[] = [];
  const waiting: PreparedCampaign[] = [];
  const armed = runInSlices(eachInSteps(rt.session.prepared.campaigns, (campaign) => {
    if (stopped) return false;
    if (campaign.slot === undefined) {
      popups.push(campaign);
      if (isWaiting(campaign)) waiting.push(campaign);
      arm(campaign, CORE_TRIGGERS);
    }
    return true;
  })).then(() => {
    if (stopped) return;
    timers.start();
    const armAll = (armers: TriggerArmers) => runInSlices(eachInSteps(popups, (campaign) => {
      if (stopped) return false;
      arm(campaign, armers);
      return true;
    }));
    state = watchWaiting(rt, waiting, armAll);
    if (waiting.length) state.check();
  });
  return {
    // Before the triggers are armed there is nothing to check: the first check comes once they are.
    check: () => state?.check(),
    stop: () => {
      stopped = true;
      state?.stop();
      stops.splice(0).forEach((stop) => stop());
    },
    armed,
  };
}

/**
 * The page's state machine for the campaigns that wait: whether the visitor qualifies for one
 * (asked again every few seconds), then the engagement chunk and its waiting triggers (`armAll`).
 */
function watchWaiting(rt: Runtime, waiting: PreparedCampaign[], armAll: (armers: TriggerArmers) => Promise<void>): PageState {
  return createPageState({
    // In slices: with thousands of campaigns, one pass would be a long task on every check. In
    // a task of its own: the check that follows the arming would add its first slice to the last.
    qualifies: async () => {
      await yieldToHost();
      const input = readDecisionInput(rt, readSignals(rt));
      return someInSlices(waiting, (campaign) => evaluateCampaign(campaign, input).eligible);
    },
    engage: (isCurrent) => {
      schedulePrefetch(rt, waiting.some(usesFormats));
      return rt.loadChunk('engage').then(({ engagement }) => {
        if (!isCurrent() || rt.state.destroyed) return;
        // A host that breaks a listener (a hostile addEventListener) costs that trigger, reported.
        return armAll(engagement.waitingTriggers).catch(rt.report);
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
}

/** Calls `each` on every item in turn, pausing after each, until it answers false (the page stopped). */
function* eachInSteps<T>(items: readonly T[], each: (item: T) => boolean): Steps<void> {
  for (const item of items) {
    if (!each(item)) return;
    yield;
  }
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
