import type { TrackProps } from '../types';
import type { Runtime } from './runtime';
import { findAttributions } from '../campaigns/attribution';
import { findSegments, readSignals } from './read-input';

/** A purchase after a click within the campaign's attribution window is that campaign's conversion. */
export async function attributeConversions(rt: Runtime, purchase: TrackProps): Promise<void> {
  const { store, prepared } = rt.session;
  const attributions = findAttributions(store.read(), prepared.campaigns, rt.now());
  if (!attributions.length) return;
  const value = typeof purchase.value === 'number' ? purchase.value : undefined;
  const currency = typeof purchase.currency === 'string' ? purchase.currency : undefined;
  const segments = findSegments(rt, readSignals(rt));
  for (const { campaign, variant, locale } of attributions) {
    await store.record({ type: 'campaign', action: 'conversion', campaign, variant });
    rt.emit('conversion', { campaign, variant, ...(locale && { locale }), segments, value, currency });
  }
}
