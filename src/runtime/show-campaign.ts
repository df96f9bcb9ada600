import type { Signals } from '../rules/signals';
import type { PreparedCampaign, PreparedVariant } from '../campaigns/prepare';
import type { ShowOptions } from '../popup-lifecycle';
import type { Runtime } from './runtime';
import { readSignals } from './read-input';
import { usesFormats } from '../campaigns/formats';
import { readChunkDeps } from './conversions';

/** Shows one campaign's popup: loads the engagement chunk (and the renderer alongside) on first use. */
export async function showCampaign(rt: Runtime, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, options: ShowOptions): Promise<void> {
  // Both chunks at once: the lifecycle awaits the same renderer load.
  prefetchRenderer(rt, usesFormats(campaign));
  const { engagement } = await rt.loadChunk('engage');
  if (rt.state.destroyed) return;
  rt.state.popups ??= engagement.createPopupLifecycle({
    ...readChunkDeps(rt),
    readSignals: () => readSignals(rt),
    // The same profile event as identify(), and the same check after: segments see it at once.
    identify: (traits) => rt.session.store.record({ type: 'identify', traits }).then(() => {
      if (!rt.state.destroyed) rt.state.page?.check();
    }),
    loadRenderer: (formats) => rt.loadChunk(formats ? 'formats' : 'popup'),
  });
  await rt.state.popups.show(rt.session, campaign, variant, signals, options);
}

/**
 * Starts fetching the renderer ahead of need (the formats one for a teaser, countdown or
 * question); whoever needs it awaits the same load and reports its failure.
 */
export function prefetchRenderer(rt: Runtime, formats = false): void {
  if (!rt.state.destroyed) rt.loadChunk(formats ? 'formats' : 'popup').catch(() => {});
}
