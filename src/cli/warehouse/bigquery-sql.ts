import { buildStatsSql, type StatsQuery } from './stats-sql';

/** Where and when to read a GA4 BigQuery export. */
export interface Ga4Source {
  /** `project.dataset` (or `dataset`) of the export, e.g. `my-project.analytics_123456`. */
  dataset: string;
  /** First day of exposures, `YYYY-MM-DD`; without it every `events_*` table is read. */
  since?: string;
  /** Last day of exposures, `YYYY-MM-DD`; purchases are read for the attribution window after it. */
  until?: string;
}

/** The segmint events GTM forwards to GA4 (README, "GTM recipe"), by GA4 event name. */
const SEGMINT_EVENTS = { segmint_exposure: 'exposure', segmint_impression: 'impression', segmint_click: 'click' };

/**
 * BigQuery SQL for the sufficient statistics rows over a GA4 export: exposures, impressions and
 * clicks from the `segmint_*` events GTM forwards with their `segmint_campaign`,
 * `segmint_variant` and `segmint_segments` parameters, purchases from GA4's own `purchase`,
 * joined on `user_pseudo_id`; `_TABLE_SUFFIX` bounds from `since`/`until`.
 */
export function buildBigquerySql(query: StatsQuery, source: Ga4Source): string {
  if (!/^[A-Za-z0-9_.:-]+$/.test(source.dataset)) {
    throw new Error(`--ga4 needs a BigQuery dataset as project.dataset (e.g. my-project.analytics_123456), got "${source.dataset}"`);
  }
  return buildStatsSql(query, {
    events: ga4Events(query, source),
    // GA4's event_timestamp is in microseconds.
    unitsPerHour: 3_600_000_000,
    unnestSegments: `UNNEST(SPLIT(segments, ',')) AS segment`,
    // The GTM recipe forwards no answers to GA4.
    answers: false,
  });
}

function ga4Events(query: StatsQuery, source: Ga4Source): string {
  const names = [...Object.keys(SEGMINT_EVENTS), 'purchase'].map((name) => `'${name}'`).join(', ');
  const event = Object.entries(SEGMINT_EVENTS).map(([name, event]) => `WHEN '${name}' THEN '${event}'`).join(' ');
  return `SELECT
  CASE event_name ${event} ELSE 'purchase' END AS event,
  -- GA4 keeps no id of its own per event: this one tells apart the purchases of a visitor that have no transaction id.
  CONCAT(user_pseudo_id, '.', CAST(event_timestamp AS STRING), '.', event_name) AS id,
  user_pseudo_id AS visitor,
  event_timestamp AS t,
  ${param('segmint_campaign')} AS campaign,
  ${param('segmint_variant')} AS variant,
  ${param('segmint_segments')} AS segments,
  ecommerce.purchase_revenue AS value,
  ${param('currency')} AS currency,
  -- GA4 writes "(not set)" where the purchase had no transaction id.
  NULLIF(ecommerce.transaction_id, '(not set)') AS transaction_id
FROM \`${source.dataset}.events_*\`
WHERE event_name IN (${names}) AND user_pseudo_id IS NOT NULL${suffixBounds(query, source)}`;
}

/** An event parameter's value as text: GA4 stores a number-like value in int_value. */
function param(key: string): string {
  return `(SELECT COALESCE(param.value.string_value, CAST(param.value.int_value AS STRING)) FROM UNNEST(event_params) AS param WHERE param.key = '${key}')`;
}

/**
 * Daily tables from `since` to `until` for exposures, and for the attribution window after
 * `until` (in whole days, plus one for the property's time zone) for the rest.
 */
function suffixBounds(query: StatsQuery, source: Ga4Source): string {
  const since = source.since && suffix(source.since, '--since');
  const until = source.until && suffix(source.until, '--until');
  if (since && until && since > until) throw new Error(`--since ${source.since} is after --until ${source.until}`);
  const bounds: string[] = [];
  if (since) bounds.push(`_TABLE_SUFFIX >= '${since}'`);
  if (until) {
    const hours = Math.max(query.defaultAttributionHours, ...(query.campaigns ?? []).map((campaign) => campaign.attributionHours));
    const last = new Date(Date.parse(`${source.until}T00:00:00Z`) + (Math.ceil(hours / 24) + 1) * 86_400_000);
    bounds.push(`_TABLE_SUFFIX <= '${last.toISOString().slice(0, 10).replaceAll('-', '')}'`);
    bounds.push(`(event_name <> 'segmint_exposure' OR _TABLE_SUFFIX <= '${until}')`);
  }
  return bounds.map((bound) => `\n  AND ${bound}`).join('');
}

function suffix(day: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new Error(`${flag} needs a day as YYYY-MM-DD, got "${day}"`);
  return day.replaceAll('-', '');
}
