import { readFileSync, writeFileSync } from 'node:fs';
import { buildReport, type CampaignPlan } from '../results/build-report';
import { formatReport } from '../results/format-report';
import { readStatsResult } from '../results/read-stats-rows';
import { createSkipped, type StatsInput } from '../results/stats-rows';
import type { Io } from './command';
import { buildDuckdbSql } from './warehouse/duckdb-sql';
import { buildBigquerySql } from './warehouse/bigquery-sql';
import type { StatsQuery } from './warehouse/stats-sql';

/** The report's options as `readOptions` (report.ts) gives them. */
export interface ReportOptions {
  plans: CampaignPlan[] | null;
  currency: string | null;
  attributionHours?: number;
}

type Flags = Record<string, string | true>;

/** The options of `segmint report` this module reads, for the command's table. */
export const WAREHOUSE_FLAGS = { sql: 'value', ga4: 'value', since: 'value', until: 'value', stats: 'value', html: 'value', locale: 'value' } as const;

/** The lines of `segmint report --help` for them. */
export const WAREHOUSE_HELP = [
  '--sql duckdb         print DuckDB SQL giving the stats rows from the event files (NDJSON or Parquet; quote globs)',
  '--sql bigquery       print BigQuery SQL giving the stats rows from a GA4 export (--ga4 <project.dataset>,',
  '                     --since/--until <YYYY-MM-DD> bound its daily tables); see README "Warehouse"',
  '--stats              finish the report from those rows (the JSON or CSV the warehouse gave back)',
  '--html               also write the report as one self-contained HTML page to this file',
  '--locale             the locale the HTML report writes numbers in (default en)',
];

/**
 * `--sql`: prints the warehouse SQL for the report's campaigns, arms, windows and currency.
 * Exit 0, or 2 when the options cannot make SQL.
 */
export function printWarehouseSql(files: string[], flags: Flags, options: ReportOptions, { out, err }: Io): number {
  const engine = flags.sql;
  const problem =
    engine !== 'duckdb' && engine !== 'bigquery' ? `--sql takes duckdb or bigquery, got "${engine}"`
    : engine === 'bigquery' && typeof flags.ga4 !== 'string' ? '--sql bigquery needs --ga4 <project.dataset>, the dataset of the GA4 export'
    : engine === 'bigquery' && files.length ? `--sql bigquery reads the GA4 export, not files (got ${files.join(' ')})`
    : engine === 'duckdb' && (flags.ga4 || flags.since || flags.until) ? '--ga4, --since and --until go with --sql bigquery'
    : engine === 'duckdb' && !files.length ? '--sql duckdb needs the event files: paths or quoted globs such as \'events/*.ndjson\''
    : !options.currency ? '--sql needs the report currency: --currency, or a config with a currency'
    : flags.json || flags.html || flags.stats ? '--sql prints SQL: --json, --html and --stats go with the report, not with --sql'
    : null;
  if (problem) {
    err(`segmint: ${problem}`);
    return 2;
  }
  const query: StatsQuery = {
    campaigns: options.plans?.map((plan) => ({ id: plan.id, arms: [...(plan.holdout > 0 ? ['holdout'] : []), ...plan.variants.map((variant) => variant.id)], attributionHours: plan.attributionHours, ...(plan.question && { question: { trait: plan.question.trait, values: plan.question.options.map((option) => option.value) } }) })) ?? null,
    defaultAttributionHours: options.attributionHours ?? 24,
    currency: options.currency!,
  };
  try {
    out(engine === 'duckdb' ? buildDuckdbSql(query, files) : buildBigquerySql(query, { dataset: String(flags.ga4), since: str(flags.since), until: str(flags.until) }));
  } catch (error) {
    err(`segmint: ${(error as Error).message}`);
    return 2;
  }
  return 0;
}

/** `--stats rows.json|csv`: reads the warehouse's rows; null after saying what is wrong. */
export function readStatsInput(file: string, options: ReportOptions, { err }: Io): StatsInput | null {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    err(`segmint: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
    return null;
  }
  try {
    // The warehouse read the events: what it counted or skipped is not in the rows.
    const { rows, answers } = readStatsResult(text);
    return { currency: options.currency, events: 0, skipped: createSkipped(), rows, ...(answers && { answers }) };
  } catch (error) {
    err(`segmint: ${file}: ${(error as Error).message}`);
    return null;
  }
}

/**
 * The second half, for every source of rows: builds the report, prints it (a table, or JSON with
 * `--json`), writes the HTML page with `--html`, and gives the exit code (1 on an SRM warning).
 */
export async function finishReport(input: StatsInput, options: ReportOptions, flags: Flags, { out, err }: Io): Promise<number> {
  const report = buildReport(input, options.plans, options.attributionHours);
  if (typeof flags.html === 'string') {
    // Loaded only here: the charting library is most of the CLI's size.
    const { renderReportHtml } = await import('../results/render-html');
    writeFileSync(flags.html, await renderReportHtml(report, input.rows, { locale: str(flags.locale) }));
    err(`segmint: wrote ${flags.html}`);
  } else if (flags.locale) {
    err('segmint: --locale goes with --html');
    return 2;
  }
  out(flags.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.campaigns.some((campaign) => campaign.srm.warning) ? 1 : 0;
}

function str(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
