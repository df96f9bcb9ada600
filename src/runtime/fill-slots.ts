import { readChunkDeps } from './conversions';
import type { InlinePlacements } from '../inline-placements';
import type { Runtime } from './runtime';
import { SLOT_ATTRIBUTE, watchSlots } from '../slots/watch-slots';
import { readDecisionInput, readSignals } from './read-input';

/**
 * This page's inline placements (SPEC §7), the core's part: finding the slots an inline campaign
 * names, on the page now or added later. Deciding and filling them is the inline chunk's, loaded
 * once such a slot is on the page. Returns the stop function, which gives every slot its fallback
 * back (on navigation and `destroy()`); undefined when no campaign is inline.
 */
export function armSlots(rt: Runtime): (() => void) | undefined {
  const names = new Set(rt.session.prepared.campaigns.map((campaign) => campaign.slot));
  names.delete(undefined);
  if (!names.size) return undefined;
  const page = { taken: new Set<string>(), isCurrent: () => !isStopped };
  let isStopped = false;
  const stopWatching = watchSlots(document, (elements) => {
    const slots = elements.filter((element) => names.has(element.getAttribute(SLOT_ATTRIBUTE) ?? ''));
    if (slots.length) loadPlacements(rt).then((placements) => page.isCurrent() && placements?.fillSlots(slots, page)).catch(rt.report);
  });
  return () => {
    isStopped = true;
    stopWatching();
    rt.state.inline?.clear();
  };
}

/** The inline chunk's placements for this page, created once; undefined once destroyed. */
export async function loadPlacements(rt: Runtime): Promise<InlinePlacements | undefined> {
  const { createInlinePlacements } = await rt.loadChunk('inline');
  if (rt.state.destroyed) return undefined;
  return (rt.state.inline ??= createInlinePlacements({
    ...readChunkDeps(rt),
    session: rt.session,
    readInput: () => {
      const signals = readSignals(rt);
      return { signals, input: readDecisionInput(rt, signals) };
    },
  }));
}
