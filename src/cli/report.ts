import { accessSync, constants, statSync } from 'node:fs';
import { prepareConfig } from '../rules/prepare-config';
import { createEventAggregator } from '../results/aggregate-events';
import { buildReport, type CampaignPlan } from '../results/build-report';
import { formatReport } from '../results/format-report';
import { readLines } from '../results/read-lines';
import type { Report } from '../results/report-types';
import type { StatsInput } from '../results/stats-rows';
import type { PreparedCampaign } from '../campaigns/compile-campaign';
import type { Command, Io } from './command';
import { WAREHOUSE_FLAGS, WAREHOUSE_HELP, finishReport, printWarehouseSql, readStatsInput } from './report-warehouse';
import { readJsonFile } from './read-json';
import { formatValidation, syntaxError } from './validate';

/** `segmint report <files…|->`: what each campaign, variant and segment earned, from beacon NDJSON (SPEC §11). */
export const reportCommand: Command = {
  synopsis: '<events.ndjson[.gz]...|-> [--config <segmint.json>] [--json] [--html <file>] [--currency <ISO 4217>] [--attribution-hours <n>] | --stats <rows.json|csv> | --sql duckdb|bigquery',
  help: [
    'what each campaign, variant and segment earned, from the NDJSON `segmint collect` writes (- reads stdin):',
    'per arm visitors, conversion rate, revenue per visitor, lift against the baseline with its 95% interval,',
    'and the sample-ratio check; exit 1 when a campaign\'s split does not match the config, 2 on unreadable input',
    '--config             report the config\'s campaigns and check their split (default: every campaign seen)',
    '--currency           the currency revenue is counted in (default: the config\'s, else the most common)',
    '--attribution-hours  hours after a visitor\'s first exposure in which a purchase counts (default: each campaign\'s, 24)',
    '--json               the report as JSON, for scripts and dashboards',
    ...WAREHOUSE_HELP,
  ],
  flags: { config: 'value', json: 'switch', currency: 'value', 'attribution-hours': 'value', ...WAREHOUSE_FLAGS },
  files: { min: 0, max: Infinity, name: 'events file' },
  async run({ files, flags }, io) {
    const options = readOptions(flags, io);
    if (!options) return 2;
    if (flags.sql) return printWarehouseSql(files, flags, options, io);
    if (typeof flags.stats === 'string') {
      if (files.length) return usage(`--stats reads rows, not event files (got ${files.join(' ')})`, io);
      const input = readStatsInput(flags.stats, options, io);
      return input ? finishReport(input, options, flags, io) : 2;
    }
    if (!files.length) return usage('report needs event files (or - for stdin), --stats rows or --sql', io);
    for (const file of files) if (!isReadable(file, io)) return 2;
    const aggregator = createEventAggregator({
      campaigns: options.plans?.map((plan) => ({
        id: plan.id,
        arms: armsOf(plan),
        attributionHours: plan.attributionHours,
        question: plan.question && { trait: plan.question.trait, values: plan.question.options.map((option) => option.value) },
      })) ?? null,
      attributionHours: options.attributionHours,
      currency: options.currency,
    });
    for (const file of files) {
      try {
        await readLines(file, (line) => aggregator.addLine(line));
      } catch (error) {
        io.err(`segmint: cannot read ${file === '-' ? 'stdin' : file}: ${(error as Error).message}`);
        return 2;
      }
    }
    return finishReport(aggregator.finish(), options, flags, io);
  },
};

/** The second half, shared by every source of rows: builds the report, prints it, and gives the exit code. */
export function printReport(input: StatsInput, plans: CampaignPlan[] | null, attributionHours: number | undefined, json: boolean, { out }: Io): number {
  const report: Report = buildReport(input, plans, attributionHours);
  out(json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.campaigns.some((campaign) => campaign.srm.warning) ? 1 : 0;
}

function usage(problem: string, { err }: Io): number {
  err(`segmint: ${problem}`);
  return 2;
}

/** The report's options from its flags and config, or null after saying what is wrong. */
export function readOptions(flags: Record<string, string | true>, { err }: Io): { plans: CampaignPlan[] | null; currency: string | null; attributionHours?: number } | null {
  const hoursFlag = flags['attribution-hours'];
  const attributionHours = typeof hoursFlag === 'string' ? Number(hoursFlag) : undefined;
  if (attributionHours !== undefined && !(Number.isFinite(attributionHours) && attributionHours > 0)) {
    err(`segmint: --attribution-hours needs a number of hours above 0, got "${hoursFlag}"`);
    return null;
  }
  if (typeof flags.currency === 'string' && !/^[A-Z]{3}$/.test(flags.currency)) {
    err(`segmint: --currency needs an ISO 4217 code such as EUR, got "${flags.currency}"`);
    return null;
  }
  let plans: CampaignPlan[] | null = null;
  let currency = typeof flags.currency === 'string' ? flags.currency : null;
  if (typeof flags.config === 'string') {
    const file = flags.config;
    if (!isReadable(file, { err, out: () => {} })) return null;
    const read = readJsonFile(file);
    if ('error' in read) {
      err(formatValidation({ file, ok: false, errors: [syntaxError(read)] }));
      return null;
    }
    const { prepared, errors } = prepareConfig(read.value);
    // A report of a config that does not load would judge the split against shares nobody got.
    if (!prepared || errors.length) {
      err(`${formatValidation({ file, ok: false, errors })}\nsegmint: fix the config first (segmint validate ${file})`);
      return null;
    }
    plans = prepared.campaigns.map((campaign) => ({
      id: campaign.id,
      holdout: campaign.holdout,
      variants: campaign.variants.map(({ id, weight }) => ({ id, weight })),
      attributionHours: attributionHours ?? campaign.attributionHours,
      ...questionOf(campaign, prepared.defaultLocale),
    }));
    currency ??= prepared.currency ?? null;
  }
  return { plans, currency, attributionHours };
}

/** A question campaign's trait and options, labelled in the default locale (which every label has). */
function questionOf(campaign: PreparedCampaign, defaultLocale: string): Pick<CampaignPlan, 'question'> {
  if (!campaign.question) return {};
  const { trait, options } = campaign.question;
  return { question: { trait, options: options.map(({ value, label }) => ({ value, label: label[defaultLocale] ?? String(value) })) } };
}

function armsOf(plan: CampaignPlan): string[] {
  return [...(plan.holdout > 0 ? ['holdout'] : []), ...plan.variants.map((variant) => variant.id)];
}

function isReadable(file: string, { err }: Io): boolean {
  if (file === '-') return true;
  try {
    accessSync(file, constants.R_OK);
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return true;
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    err(`segmint: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
    return false;
  }
}
