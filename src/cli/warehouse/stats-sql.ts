import { answersSql, ANSWER_ROWS_SELECT, NO_ANSWER_COLUMNS, type WarehouseQuestion } from './answers-sql';
import { sqlNumber, sqlString } from './sql-literal';

/** A campaign as the warehouse SQL needs it: which arms exist and how long purchases count. */
export interface WarehouseCampaign {
  id: string;
  /** `holdout` and the variant ids. */
  arms: string[];
  attributionHours: number;
  /** A question campaign's trait and option values, whose answers are counted. */
  question?: WarehouseQuestion;
}

/** What the SQL is asked for; the same for every engine. */
export interface StatsQuery {
  /** The config's campaigns, or null to count every campaign seen (attribution `defaultAttributionHours`). */
  campaigns: WarehouseCampaign[] | null;
  /** Used for campaigns seen without a config; 24 unless `--attribution-hours` says otherwise. */
  defaultAttributionHours: number;
  /** Purchases in this currency count for revenue; others only for purchasers and orders. */
  currency: string;
}

/**
 * How an engine differs in the part of the query they share: the source of the events, the unit
 * of its times, and how a visitor's segments are unnested into rows.
 */
export interface Dialect {
  /**
   * A SELECT giving `event, id, visitor, t, campaign, variant, segments, value, currency,
   * transaction_id`. An event sent twice may be there twice: the query counts ids once where a
   * copy would change a figure (impressions, purchases), and nowhere else, so no engine has to
   * sort every event by id.
   */
  events: string;
  /** How many units of `t` make an hour. */
  unitsPerHour: number;
  /** A FROM item that turns the `segments` column of `per_visitor` into rows of `segment`. */
  unnestSegments: string;
  /**
   * Whether `events` also gives `trait`, `answer_type` ('string', 'number' or 'boolean'),
   * `answer_string` (the answer as text) and `answer_number`, so answers can be counted.
   */
  answers: boolean;
}

/**
 * The query giving the sufficient statistics rows `campaign, variant, segment, visitors,
 * impressions, clickers, purchasers, orders, revenue, revenue_sq` (segment NULL: all visitors of
 * the arm), with the rules of the file report (SPEC §11). Only constructs BigQuery and DuckDB both
 * take: WITH, ROW_NUMBER() OVER, CASE, COUNT, SUM, COALESCE, JOIN, UNION ALL.
 */
export function buildStatsSql(query: StatsQuery, dialect: Dialect): string {
  const window = `${windowHours(query)} * ${dialect.unitsPerHour}`;
  const campaignFilter = !query.campaigns ? '' : query.campaigns.length ? `\n      AND campaign IN (${query.campaigns.map((campaign) => sqlString(campaign.id)).join(', ')})` : '\n      AND FALSE';
  const armFilter = query.campaigns?.length ? `\n    AND (${query.campaigns.map(armCondition).join('\n      OR ')})` : '';
  const currency = sqlString(query.currency);
  // Answers only where the engine has them, and with a config only when it has a question.
  const questions = query.campaigns && new Map(query.campaigns.flatMap((campaign) => (campaign.question ? [[campaign.id, campaign.question] as const] : [])));
  const answers = dialect.answers && (!questions || questions.size > 0);
  const answerColumns = answers ? NO_ANSWER_COLUMNS : '';
  const totals = (segment: string) => `COUNT(*) AS visitors,
  SUM(impressions) AS impressions,
  SUM(clicked) AS clickers,
  SUM(CASE WHEN orders > 0 THEN 1 ELSE 0 END) AS purchasers,
  SUM(orders) AS orders,
  SUM(revenue) AS revenue,
  SUM(revenue * revenue) AS revenue_sq${answerColumns}
FROM per_visitor${segment}`;
  return `-- segmint: sufficient statistics per campaign, arm and segment (SPEC §11)
WITH events AS (
${indent(dialect.events, 2)}
),
-- A visitor's first exposure to a campaign picks the arm and starts the attribution window; a
-- visitor first exposed to a variant the config no longer has is left out, not moved to another arm.
exposed AS (
  SELECT campaign, visitor, variant, segments, t AS exposed_at, ${window} AS window_length
  FROM (
    SELECT campaign, visitor, variant, segments, t,
      ROW_NUMBER() OVER (PARTITION BY campaign, visitor ORDER BY t, id) AS nth
    FROM events
    WHERE event = 'exposure' AND campaign IS NOT NULL AND variant IS NOT NULL${campaignFilter}
  ) AS exposures
  WHERE nth = 1${armFilter}
),
-- Purchases within the window after the exposure, one per transaction (and one per event id).
orders AS (
  SELECT campaign, visitor, value, currency
  FROM (
    SELECT x.campaign, x.visitor, p.value, p.currency,
      ROW_NUMBER() OVER (PARTITION BY x.campaign, x.visitor, COALESCE(p.transaction_id, p.id) ORDER BY p.t, p.id) AS nth
    FROM exposed AS x
    JOIN events AS p ON p.visitor = x.visitor
    WHERE p.event = 'purchase' AND p.t >= x.exposed_at AND p.t <= x.exposed_at + x.window_length
  ) AS attributed
  WHERE nth = 1
),
per_visitor AS (
  SELECT x.campaign, x.variant, x.visitor, x.segments,
    COALESCE(i.impressions, 0) AS impressions,
    CASE WHEN c.visitor IS NULL THEN 0 ELSE 1 END AS clicked,
    COALESCE(o.orders, 0) AS orders,
    COALESCE(o.revenue, 0) AS revenue
  FROM exposed AS x
  LEFT JOIN (
    SELECT campaign, visitor, COUNT(DISTINCT id) AS impressions FROM events WHERE event = 'impression' GROUP BY campaign, visitor
  ) AS i ON i.campaign = x.campaign AND i.visitor = x.visitor
  LEFT JOIN (
    SELECT DISTINCT campaign, visitor FROM events WHERE event = 'click'
  ) AS c ON c.campaign = x.campaign AND c.visitor = x.visitor
  LEFT JOIN (
    SELECT campaign, visitor, COUNT(*) AS orders,
      SUM(CASE WHEN currency = ${currency} THEN COALESCE(value, 0) ELSE 0 END) AS revenue
    FROM orders GROUP BY campaign, visitor
  ) AS o ON o.campaign = x.campaign AND o.visitor = x.visitor
)${answers ? `,\n${answersSql(questions, campaignFilter)}` : ''}
SELECT campaign, variant, CAST(NULL AS STRING) AS segment,
  ${totals('')}
GROUP BY campaign, variant
UNION ALL
SELECT campaign, variant, segment,
  ${totals(`\nCROSS JOIN ${dialect.unnestSegments}\nWHERE segment <> ''`)}
GROUP BY campaign, variant, segment${answers ? `\nUNION ALL\n${ANSWER_ROWS_SELECT}` : ''}
ORDER BY campaign, variant, segment
`;
}

function windowHours(query: StatsQuery): string {
  const fallback = sqlNumber(query.defaultAttributionHours);
  if (!query.campaigns?.length) return fallback;
  const cases = query.campaigns.map((campaign) => `WHEN ${sqlString(campaign.id)} THEN ${sqlNumber(campaign.attributionHours)}`);
  return `(CASE campaign ${cases.join(' ')} ELSE ${fallback} END)`;
}

function armCondition(campaign: WarehouseCampaign): string {
  return `(campaign = ${sqlString(campaign.id)} AND variant IN (${campaign.arms.map(sqlString).join(', ')}))`;
}

function indent(text: string, spaces: number): string {
  return text.replace(/^/gm, ' '.repeat(spaces));
}
