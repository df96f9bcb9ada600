import type { AnswerCounts, AnswerValue } from './answer-counts';
import type { StatsRow } from './stats-rows';

const COUNTS = ['visitors', 'impressions', 'clickers', 'purchasers', 'orders'] as const;
const SUMS = ['revenue', 'revenue_sq'] as const;
/** The columns of a row, in the order the warehouse SQL gives them. */
export const STATS_COLUMNS = ['campaign', 'variant', 'segment', ...COUNTS, ...SUMS] as const;

/**
 * Sufficient statistics rows from what a warehouse gives back for segmint's SQL: JSON (an array
 * of row objects, as `duckdb -json` and BigQuery's JSON download write; an object with `rows`;
 * or one object per line) or CSV with a header line (`duckdb -csv`, `bq --format=csv`, BigQuery's
 * CSV download). Numbers may be JSON strings (BigQuery writes INT64 so); an empty or NULL segment
 * is the row of all visitors. Throws, naming the row and column, on anything else.
 */
export function readStatsRows(text: string): StatsRow[] {
  return readStatsResult(text).rows;
}

/**
 * The stats rows and, when the query counted them, the answers of question campaigns: rows with
 * an `answer` (the option's value as JSON text) and `trait`, whose `visitors` and `answers` are
 * the option's counts (README "Answers of question campaigns"). `answers` is undefined when the
 * file has no answer rows (BigQuery's SQL counts none).
 */
export function readStatsResult(text: string): { rows: StatsRow[]; answers: AnswerCounts[] | undefined } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new Error('the stats file is empty');
  const records = trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJsonRecords(trimmed) : parseCsvRecords(trimmed);
  const rows: StatsRow[] = [];
  const answers = new Map<string, AnswerCounts>();
  records.forEach((record, n) => {
    if (isAnswerRecord(record)) addAnswerRow(answers, record as Record<string, unknown>, n + 1);
    else rows.push(toRow(record, n + 1));
  });
  const seen = new Set<string>();
  rows.forEach((row, n) => {
    const key = JSON.stringify([row.campaign, row.variant, row.segment]);
    if (seen.has(key)) throw new Error(`row ${n + 1} of the stats file repeats campaign "${row.campaign}", variant "${row.variant}", ${row.segment === null ? 'all segments' : `segment "${row.segment}"`}`);
    seen.add(key);
  });
  return { rows, answers: answers.size ? [...answers.values()] : undefined };
}

function isAnswerRecord(record: unknown): boolean {
  if (!record || typeof record !== 'object') return false;
  const entry = Object.entries(record).find(([key]) => key.toLowerCase() === 'answer');
  return entry !== undefined && entry[1] !== null && entry[1] !== '' && entry[1] !== 'NULL';
}

function addAnswerRow(answers: Map<string, AnswerCounts>, record: Record<string, unknown>, n: number): void {
  const fields = Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
  const text = (column: string): string => {
    const value = fields[column];
    if (typeof value !== 'string' || value === '') throw new Error(`answer row ${n} of the stats file has no "${column}"`);
    return value;
  };
  const whole = (column: string): number => {
    const value = fields[column];
    const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`answer row ${n} of the stats file: "${column}" is not a whole number of 0 or more`);
    return parsed;
  };
  const campaign = text('campaign');
  const trait = text('trait');
  let value: unknown;
  try {
    value = JSON.parse(text('answer'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new Error(`answer row ${n} of the stats file: "answer" is not a JSON string, number or boolean (got ${String(fields.answer)})`);
  }
  const visitors = whole('visitors');
  const count = whole('answers');
  if (visitors > count) throw new Error(`answer row ${n} of the stats file does not add up: visitors are at most answers`);
  let counts = answers.get(campaign);
  if (!counts) answers.set(campaign, (counts = { campaign, trait, options: [] }));
  if (counts.trait !== trait) throw new Error(`answer row ${n} of the stats file has trait "${trait}", an earlier row of campaign "${campaign}" "${counts.trait}"`);
  if (counts.options.some((option) => option.value === value)) throw new Error(`answer row ${n} of the stats file repeats answer ${JSON.stringify(value)} of campaign "${campaign}"`);
  counts.options.push({ value: value as AnswerValue, visitors, answers: count });
}

function parseJsonRecords(text: string): unknown[] {
  try {
    const value = JSON.parse(text);
    if (Array.isArray(value)) return value;
    if (value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)) return (value as { rows: unknown[] }).rows;
    return [value];
  } catch (error) {
    // One JSON object per line (BigQuery's newline-delimited JSON export).
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length < 2) throw new Error(`the stats file is not valid JSON: ${(error as Error).message}`);
    return lines.map((line, n) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`line ${n + 1} of the stats file is not valid JSON`);
      }
    });
  }
}

function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = parseCsv(text);
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = STATS_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length) throw new Error(`the stats CSV has no column ${missing.map((column) => `"${column}"`).join(', ')} (its header: ${header.join(',')})`);
  return lines.filter((cells) => cells.some((cell) => cell !== '')).map((cells, n) => {
    if (cells.length !== names.length) throw new Error(`row ${n + 1} of the stats CSV has ${cells.length} cells, the header ${names.length}`);
    return Object.fromEntries(names.map((name, i) => [name, cells[i]]));
  });
}

/** RFC 4180 CSV: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') row.push(cell), (cell = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += char;
  }
  if (quoted) throw new Error('the stats CSV ends inside a quoted cell');
  row.push(cell);
  rows.push(row);
  return rows;
}

function toRow(record: unknown, n: number): StatsRow {
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw new Error(`row ${n} of the stats file is not an object of columns`);
  const fields = Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
  const text = (column: string, optional = false): string | null => {
    const value = fields[column];
    if ((value === null || value === undefined || value === '' || value === 'NULL') && optional) return null;
    if (typeof value !== 'string' || value === '') throw new Error(`row ${n} of the stats file has no "${column}"`);
    return value;
  };
  const number = (column: string, whole: boolean): number => {
    const value = fields[column];
    const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(parsed) || parsed < 0 || (whole && !Number.isInteger(parsed))) {
      throw new Error(`row ${n} of the stats file: "${column}" is not ${whole ? 'a whole number' : 'a number'} of 0 or more`);
    }
    return parsed;
  };
  const row: StatsRow = {
    campaign: text('campaign')!,
    variant: text('variant')!,
    segment: text('segment', true),
    visitors: number('visitors', true),
    impressions: number('impressions', true),
    clickers: number('clickers', true),
    purchasers: number('purchasers', true),
    orders: number('orders', true),
    revenue: number('revenue', false),
    revenue_sq: number('revenue_sq', false),
  };
  if (row.clickers > row.visitors || row.purchasers > row.visitors || row.purchasers > row.orders) {
    throw new Error(`row ${n} of the stats file does not add up: clickers and purchasers are at most visitors, and purchasers at most orders`);
  }
  return row;
}
