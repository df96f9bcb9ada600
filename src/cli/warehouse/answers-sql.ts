// The answers of question campaigns in the warehouse (README "Answers of question campaigns"):
// rows of `campaign, trait, answer, visitors, answers` per option, appended to the stats rows
// with the stats columns at 0, so one query still gives everything the report needs.
import type { AnswerValue } from '../../results/answer-counts';
import { sqlString } from './sql-literal';

/** A question campaign: its trait and the configured option values. */
export interface WarehouseQuestion {
  trait: string;
  values: AnswerValue[];
}

/**
 * The CTEs, after the `events` CTE, ending in `answer_rows`. `events` must give `trait`,
 * `answer_type` ('string', 'number', 'boolean'), `answer_string` (the value as text) and
 * `answer_number`. The rules are answer-counts.ts's: each event id once; an answer of another
 * trait or value than the question's is left out, so it replaces no one's latest answer; a
 * visitor counts for their latest answer by time. Two answers of one visitor in the same
 * millisecond: the greater id is the latest (the warehouse has no order of receipt).
 * `questions` null (no config): every campaign's answers, in the trait of its earliest answer.
 */
export function answersSql(questions: Map<string, WarehouseQuestion> | null, campaignFilter: string): string {
  const known = questions ? `\n      AND (${[...questions].map(([campaign, question]) => knownAnswer(campaign, question)).join('\n        OR ')})` : '';
  const traitOf = questions ? '' : `
-- Without a config, a campaign's trait is that of its earliest answer, as the file report keeps the first.
answer_traits AS (
  SELECT campaign, trait FROM (
    SELECT campaign, trait, ROW_NUMBER() OVER (PARTITION BY campaign ORDER BY t, id) AS nth FROM answer_events
  ) AS firsts
  WHERE nth = 1
),`;
  const kept = questions ? 'SELECT * FROM answer_events' : 'SELECT a.* FROM answer_events AS a JOIN answer_traits AS k ON k.campaign = a.campaign AND k.trait = a.trait';
  return `-- Answers of question campaigns: each event id once, of the question's trait and values.
answer_events AS (
  SELECT campaign, visitor, id, t, trait, answer_type, answer_string, answer_number
  FROM (
    SELECT campaign, visitor, id, t, trait, answer_type, answer_string, answer_number,
      ROW_NUMBER() OVER (PARTITION BY id ORDER BY t) AS copy
    FROM events
    WHERE event = 'answer' AND campaign IS NOT NULL AND answer_type IS NOT NULL${campaignFilter}${known}
  ) AS copies
  WHERE copy = 1
),${traitOf}
-- A visitor's latest answer (by time) is the one their trait holds now.
ranked_answers AS (
  SELECT campaign, trait, answer_type, answer_string, answer_number,
    ROW_NUMBER() OVER (PARTITION BY campaign, visitor ORDER BY t DESC, id DESC) AS recency
  FROM (${kept}) AS kept
),
answer_rows AS (
  SELECT campaign, trait,
    CASE answer_type WHEN 'string' THEN CAST(to_json(answer_string) AS VARCHAR) WHEN 'boolean' THEN answer_string ELSE CAST(answer_number AS VARCHAR) END AS answer,
    SUM(CASE WHEN recency = 1 THEN 1 ELSE 0 END) AS visitors,
    COUNT(*) AS answers
  FROM ranked_answers
  GROUP BY campaign, trait, answer_type, answer_string, answer_number
)`;
}

/** The SELECT of answer rows, in the stats rows' columns (figures of exposures at 0). */
export const ANSWER_ROWS_SELECT = `SELECT campaign, CAST(NULL AS VARCHAR) AS variant, CAST(NULL AS VARCHAR) AS segment,
  visitors, 0 AS impressions, 0 AS clickers, 0 AS purchasers, 0 AS orders, 0 AS revenue, 0 AS revenue_sq,
  trait, answer, answers
FROM answer_rows`;

/** The columns the stats rows get beside the answer rows. */
export const NO_ANSWER_COLUMNS = ',\n  CAST(NULL AS VARCHAR) AS trait, CAST(NULL AS VARCHAR) AS answer, CAST(NULL AS BIGINT) AS answers';

function knownAnswer(campaign: string, question: WarehouseQuestion): string {
  const byType = (type: 'string' | 'number' | 'boolean', literal: (value: never) => string) => {
    const values = question.values.filter((value) => typeof value === type);
    const column = type === 'number' ? 'answer_number' : 'answer_string';
    return values.length ? [`(answer_type = '${type}' AND ${column} IN (${values.map((value) => literal(value as never)).join(', ')}))`] : [];
  };
  const values = [
    ...byType('string', (value: string) => duckdbString(value)),
    ...byType('number', (value: number) => String(value)),
    ...byType('boolean', (value: boolean) => `'${value}'`),
  ];
  return `(campaign = ${sqlString(campaign)} AND trait = ${duckdbString(question.trait)} AND ${values.length ? `(${values.join(' OR ')})` : 'FALSE'})`;
}

/** A DuckDB string literal (only DuckDB runs this part): an option's text may hold a quote. */
function duckdbString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
