import type { Signals } from '../rules/signals';
import type { PreparedCampaign, PreparedVariant } from '../campaigns/prepare';
import type { ShowOptions } from '../popup-lifecycle';
import type { Runtime } from './runtime';
import { findSegments, readOfferContext } from './read-input';

/** Shows one campaign's popup: loads the engagement chunk (and the renderer alongside) on first use. */
export async function showCampaign(rt: Runtime, campaign: PreparedCampaign, variant: PreparedVariant, signals: Signals, options: ShowOptions): Promise<void> {
  // Both chunks at once: the lifecycle awaits the same renderer load.
  prefetchRenderer(rt);
  const { engagement } = await rt.loadChunk('engage');
  if (rt.state.destroyed) return;
  rt.state.popups ??= engagement.createPopupLifecycle({
    emit: rt.emit,
    report: rt.report,
    safely: rt.safely,
    readOfferContext: () => readOfferContext(rt),
    findSegments: (_, s) => findSegments(rt, s),
    isDestroyed: () => rt.state.destroyed,
    loadRenderer: () => rt.loadChunk('popup').then((chunk) => chunk.mountPopup),
  });
  await rt.state.popups.show(rt.session, campaign, variant, signals, options);
}

/** Starts fetching the renderer ahead of need; whoever needs it awaits the same load and reports its failure. */
export function prefetchRenderer(rt: Runtime): void {
  if (!rt.state.destroyed) rt.loadChunk('popup').catch(() => {});
}
