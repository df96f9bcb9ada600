import type { BeaconEvent } from './generate-events';
import type { StatsRow } from '../../../src/results/stats-rows';

/** A sufficient statistics row, as the warehouse SQL gives it: the report's own hand-over type. */
export type Row = StatsRow;

/**
 * The rows worked out in plain code from the events, straight from SPEC §11's words, to check
 * the SQL against something that is not SQL.
 */
export function referenceRows(events: BeaconEvent[], arms: Record<string, string[]>, hours: Record<string, number>, currency: string): Row[] {
  const unique = new Map<string, BeaconEvent>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, event);
  const all = [...unique.values()].sort((x, y) => x.time - y.time || (x.id < y.id ? -1 : 1));
  const byVisitor = new Map<string, BeaconEvent[]>();
  for (const event of all) byVisitor.set(event.visitor, [...(byVisitor.get(event.visitor) ?? []), event]);
  const first = new Map<string, BeaconEvent>();
  for (const event of all) {
    if (event.event !== 'exposure' || !arms[event.campaign!]) continue;
    const key = `${event.campaign}|${event.visitor}`;
    if (!first.has(key)) first.set(key, event);
  }
  // A visitor first exposed to a variant the config does not have is left out.
  for (const [key, exposure] of first) if (!arms[exposure.campaign!].includes(exposure.variant!)) first.delete(key);
  const rows = new Map<string, Row>();
  const add = (campaign: string, variant: string, segment: string | null, figures: Omit<Row, 'campaign' | 'variant' | 'segment' | 'revenue_sq'>) => {
    const key = `${campaign}|${variant}|${segment}`;
    const row = rows.get(key) ?? { campaign, variant, segment, visitors: 0, impressions: 0, clickers: 0, purchasers: 0, orders: 0, revenue: 0, revenue_sq: 0 };
    for (const name of ['visitors', 'impressions', 'clickers', 'purchasers', 'orders', 'revenue'] as const) row[name] += figures[name];
    row.revenue_sq += figures.revenue ** 2;
    rows.set(key, row);
  };
  for (const exposure of first.values()) {
    const { campaign, visitor } = exposure as Required<BeaconEvent>;
    const mine = byVisitor.get(visitor)!;
    const end = exposure.time + hours[campaign] * 3_600_000;
    const transactions = new Set<string>();
    let revenue = 0;
    for (const purchase of mine) {
      if (purchase.event !== 'purchase' || purchase.time < exposure.time || purchase.time > end) continue;
      const key = purchase.transactionId ?? purchase.id;
      if (transactions.has(key)) continue;
      transactions.add(key);
      if (purchase.currency === currency) revenue += purchase.value ?? 0;
    }
    const figures = {
      visitors: 1,
      impressions: mine.filter((event) => event.event === 'impression' && event.campaign === campaign).length,
      clickers: mine.some((event) => event.event === 'click' && event.campaign === campaign) ? 1 : 0,
      purchasers: transactions.size ? 1 : 0,
      orders: transactions.size,
      revenue,
    };
    for (const segment of [null, ...(exposure.segments ?? [])]) add(campaign, exposure.variant!, segment, figures);
  }
  return [...rows.values()];
}
