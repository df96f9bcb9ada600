import { seededRandom } from '../random';

/** A beacon event as `segmint collect` writes it (SPEC §10), the fields the results read. */
export interface BeaconEvent {
  event: 'exposure' | 'impression' | 'click' | 'dismiss' | 'purchase';
  id: string;
  visitor: string;
  time: number;
  path: string;
  campaign?: string;
  variant?: string;
  locale?: string;
  segments?: string[];
  value?: number;
  currency?: string;
  transactionId?: string;
}

/** The config the generated visitors were assigned under: a holdout test and a plain A/B test. */
export const WAREHOUSE_CONFIG = {
  version: 1,
  defaultLocale: 'en',
  currency: 'EUR',
  campaigns: [
    { id: 'kettle-upsell', holdout: 20, content: { en: { title: 'Kettle' } }, variants: [{ id: 'a' }, { id: 'b', weight: 2 }] },
    { id: 'tent-cross-sell', attributionHours: 48, content: { en: { title: 'Tent' } }, variants: [{ id: 'red' }, { id: 'blue' }] },
  ],
};

const START = Date.UTC(2026, 10, 2, 8);
const HOUR = 3_600_000;
const SEGMENTS = ['dach', 'mobile', 'returning'];

/**
 * Visitors through the two campaigns with everything the rules must get right: repeat exposures
 * (the first picks the arm), purchases before the exposure and after the window, a purchase sent
 * twice under one transaction id, purchases without one, another currency, events sent twice
 * under one id, and exposures to an unknown campaign or variant. Deterministic for a seed.
 */
export function generateEvents(visitors: number, seed = 7): BeaconEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const events: BeaconEvent[] = [];
  let serial = 0;
  let visitor = '';
  const add = (event: Omit<BeaconEvent, 'id' | 'path' | 'visitor'>) => {
    const stored = { ...event, visitor, id: `${(++serial).toString(16).padStart(8, '0')}${Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')}`, path: '/products/kettle' };
    events.push(stored);
    if (random() < 0.03) events.push({ ...stored });
  };
  for (let v = 0; v < visitors; v++) {
    visitor = `v${v.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`;
    const segments = SEGMENTS.filter(() => random() < 0.4);
    const seen = START + Math.floor(random() * 72 * HOUR);
    for (const campaign of WAREHOUSE_CONFIG.campaigns) {
      if (random() < 0.25) continue;
      // The configured split: 20% held out, then a 1 : b 2; red and blue alike.
      const arms = campaign.holdout ? ['holdout', 'a', 'b'] : ['red', 'blue'];
      const draw = random();
      const variant = campaign.holdout ? (draw < 0.2 ? 'holdout' : draw < 0.2 + 0.8 / 3 ? 'a' : 'b') : draw < 0.5 ? 'red' : 'blue';
      const at = seen + Math.floor(random() * HOUR);
      const base = { campaign: campaign.id, locale: 'en', segments };
      if (random() < 0.05) add({ event: 'exposure', ...base, variant: 'retired', time: at - 60_000 });
      add({ event: 'exposure', ...base, variant, time: at });
      if (random() < 0.2) add({ event: 'exposure', ...base, variant: pick(arms), segments: [], time: at + 2 * HOUR });
      if (variant !== 'holdout') {
        for (let n = Math.floor(random() * 3); n > 0; n--) add({ event: 'impression', ...base, variant, time: at + 1000 * n });
        if (random() < 0.3) add({ event: 'click', ...base, variant, time: at + 5000 });
        if (random() < 0.1) add({ event: 'dismiss', ...base, variant, time: at + 6000 });
      }
    }
    if (random() < 0.1) add({ event: 'exposure', campaign: 'retired-campaign', variant: 'a', locale: 'en', segments, time: seen });
    for (let n = Math.floor(random() * random() * 4); n > 0; n--) {
      const time = seen + Math.floor((random() * 70 - 5) * HOUR);
      const currency = random() < 0.1 ? 'USD' : 'EUR';
      const value = Math.round(random() * 20000) / 100;
      const transactionId = random() < 0.85 ? `T${v}-${n}` : undefined;
      add({ event: 'purchase', time, value, currency, ...(transactionId ? { transactionId } : {}) });
      if (transactionId && random() < 0.1) add({ event: 'purchase', time: time + 30_000, value, currency, transactionId });
    }
  }
  return events;
}

/** Lines of NDJSON with what a real stream also holds: a truncated line, a non-JSON line, an event without visitor. */
export function toNdjson(events: BeaconEvent[]): string {
  const lines = events.map((event) => JSON.stringify(event));
  lines.splice(Math.floor(lines.length / 3), 0, '{"event":"click","id":"aaaaaaaaaaaaaaaa","visi');
  lines.splice(Math.floor(lines.length / 2), 0, 'not json at all');
  lines.splice(Math.floor(lines.length / 4), 0, JSON.stringify({ event: 'purchase', id: 'bbbbbbbbbbbbbbbb', time: START, value: 5, currency: 'EUR' }));
  return lines.join('\n') + '\n';
}
