import type { BeaconEvent } from './generate-events';

/**
 * Rows shaped like a GA4 BigQuery export (`events_YYYYMMDD`) holding what GTM would have
 * forwarded of these events (exposures, impressions, clicks as `segmint_*` events with their
 * parameters, README "GTM recipe") and the shop's own `purchase` events, plus what a real export
 * also holds: page views and purchases of visitors segmint never saw.
 */
export function toGa4Rows(events: BeaconEvent[]): object[] {
  const unique = new Map(events.map((event) => [event.id, event]));
  const rows: object[] = [];
  for (const event of unique.values()) {
    if (event.event === 'dismiss') continue;
    const row = (name: string, params: Record<string, string | number>, ecommerce: object | null) => ({
      event_name: name,
      event_timestamp: event.time * 1000,
      user_pseudo_id: event.visitor,
      event_params: Object.entries(params).map(([key, value]) => ({
        key,
        value: typeof value === 'number' ? { string_value: null, int_value: null, double_value: value } : { string_value: value, int_value: null, double_value: null },
      })),
      ecommerce,
      _TABLE_SUFFIX: new Date(event.time).toISOString().slice(0, 10).replaceAll('-', ''),
    });
    if (event.event === 'purchase') {
      rows.push(row('purchase', { currency: event.currency!, value: event.value! }, { transaction_id: event.transactionId ?? '(not set)', purchase_revenue: event.value }));
    } else {
      rows.push(row(`segmint_${event.event}`, { segmint_campaign: event.campaign!, segmint_variant: event.variant!, segmint_segments: (event.segments ?? []).join(',') }, null));
      rows.push(row('page_view', { page_location: `https://shop.example${event.path}` }, null));
    }
  }
  for (let n = 0; n < 50; n++) {
    rows.push({ event_name: 'purchase', event_timestamp: (Date.UTC(2026, 10, 3) + n * 60_000) * 1000, user_pseudo_id: `unseen-${n}`, event_params: [{ key: 'currency', value: { string_value: 'EUR', int_value: null, double_value: null } }], ecommerce: { transaction_id: `U${n}`, purchase_revenue: 99 }, _TABLE_SUFFIX: '20261103' });
  }
  return rows;
}

/** The export's column types, so a DuckDB table reads these rows as BigQuery holds them. */
export const GA4_COLUMNS = `{event_name: 'VARCHAR', event_timestamp: 'BIGINT', user_pseudo_id: 'VARCHAR', event_params: 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, double_value DOUBLE))[]', ecommerce: 'STRUCT(transaction_id VARCHAR, purchase_revenue DOUBLE)', _TABLE_SUFFIX: 'VARCHAR'}`;
