import type { Segmint } from '../types';
import type { PreparedCampaign } from '../campaigns/prepare';

/** What the inspector reads and does, handed over by the instance. */
export interface InspectorSource {
  explain: Segmint['explain'];
  show: Segmint['show'];
  on: Segmint['on'];
  campaigns: readonly PreparedCampaign[];
  defaultLocale: string;
}
