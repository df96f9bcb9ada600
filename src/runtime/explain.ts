import type { CampaignTrace, Explanation } from '../types';
import type { Runtime } from './runtime';
import type { evaluateCampaign } from '../campaigns/decide';
import type { readDecisionInput, readSignals } from './read-input';
import type { showCampaign } from './show-campaign';
import type { loadPlacements } from './fill-slots';
import { copyJson } from '../lib/copy-json';
import { SLOT_ATTRIBUTE } from '../slots/watch-slots';

// The debug tools' opening: its own module, in this chunk (debug-tools.ts).
export { openDebugTools } from './debug-tools';

/** What the core decides with, given to the `explain` chunk so it explains with the very same code. */
export interface ExplainTools {
  readSignals: typeof readSignals;
  readDecisionInput: typeof readDecisionInput;
  evaluateCampaign: typeof evaluateCampaign;
}

/**
 * `explain()`: the signals now, which segments match (and where not), and why each campaign would
 * or would not show. The `explain` chunk, loaded at the first call: no page view needs it.
 */
export async function explainVisit(rt: Runtime, { readSignals, readDecisionInput, evaluateCampaign }: ExplainTools): Promise<Explanation> {
  const { prepared, rejected } = rt.session;
  const signals = readSignals(await withSignalCode(rt));
  const input = readDecisionInput(rt, signals);
  const segments: Explanation['segments'] = {};
  for (const [id, segment] of Object.entries(prepared.segments)) {
    const failure = segment.explain(signals);
    segments[id] = failure ? { match: false, ...failure } : { match: true };
  }
  const campaigns = [
    ...prepared.campaigns.map((campaign): CampaignTrace => {
      const trace = evaluateCampaign(campaign, input);
      if (campaign.slot === undefined) return trace;
      // An inline campaign the visitor qualifies for shows only where its slot is.
      const slotted = { ...trace, slot: campaign.slot };
      return trace.eligible && !isSlotOnPage(campaign.slot) ? { ...slotted, eligible: false, reason: 'slot' } : slotted;
    }),
    ...rejected.map(({ id, pointer }) => ({ id, eligible: false, reason: 'invalid', pointer })),
  ];
  return copyJson({ signals, segments, campaigns });
}

/**
 * The page's runtime, with the code of `currency` and `referrerType` where the config needed no
 * tables: the core then computes less of those two (signals/collect.ts), and explain() says
 * them as before, from what the host, the page and the URL tell. That code is in the `tables`
 * chunk, fetched here (explain() is no page view's); if it fails, the core's own say.
 */
async function withSignalCode(rt: Runtime): Promise<Runtime> {
  const { session } = rt;
  if (session.hints.tables) return rt;
  const tables = await rt.loadChunk('tables').then(({ withoutTables }) => withoutTables, () => undefined);
  return { ...rt, session: { ...session, hints: { ...session.hints, tables } } };
}

/** Whether this page has a slot of that name. */
function isSlotOnPage(slot: string): boolean {
  return document.querySelector(`[${SLOT_ATTRIBUTE}="${slot}"]`) !== null;
}

/** What `show()` shows with, given by the core: the same popup and inline placements a page view uses. */
export interface PreviewTools {
  readSignals: typeof readSignals;
  showCampaign: typeof showCampaign;
  loadPlacements: typeof loadPlacements;
}

/**
 * `show(campaignId, { variant, locale })`: one campaign as a preview, counting nothing, whoever
 * the visitor is. An inline one goes into its slot when the page has one, else in a modal frame,
 * so that the inspector can preview it on any page. In the `explain` chunk: a previewing call.
 */
export async function showPreview(rt: Runtime, campaignId: string, options: { variant?: string; locale?: string }, { readSignals, showCampaign, loadPlacements }: PreviewTools): Promise<void> {
  const campaign = rt.session.prepared.campaigns.find((c) => c.id === campaignId);
  if (!campaign) throw new Error(`show(): no valid campaign "${campaignId}" in the config`);
  const variant = campaign.variants.find((v) => v.id === options.variant) ?? campaign.variants[0];
  const signals = readSignals(rt);
  const { locale } = options;
  const element = campaign.slot !== undefined && document.querySelector(`[${SLOT_ATTRIBUTE}="${campaign.slot}"]`);
  if (element) return (await loadPlacements(rt))?.fill(element, campaign, variant, signals, { counts: false, locale, isCurrent: () => true });
  return showCampaign(rt, campaign, campaign.slot !== undefined ? { ...variant, layout: { type: 'modal' } } : variant, signals, { counts: false, locale });
}
