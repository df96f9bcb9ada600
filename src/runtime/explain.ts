import type { CampaignTrace, Explanation } from '../types';
import type { Runtime } from './runtime';
import { evaluateCampaign } from '../campaigns/decide';
import { copyJson } from '../lib/copy-json';
import { readDecisionInput, readSignals } from './read-input';
import { isSlotOnPage } from './fill-slots';

/** `explain()`: the signals now, which segments match (and where not), and why each campaign would or would not show. */
export function explainVisit(rt: Runtime): Explanation {
  const { prepared, rejected } = rt.session;
  const signals = readSignals(rt);
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
