// The warehouse path at scale (README "Warehouse"): DuckDB running segmint's SQL over 10 million
// generated events as Parquet (time and peak memory of the process that runs it), and the report
// finished from the stats rows (`segmint report --stats`) in the same time whatever the number of
// events behind them. Run `npm run build` first, then
// `node tests/bench/warehouse.bench.mjs [--events=N] [--runs=N]`. Writes tests/bench/results/warehouse.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const EVENTS = Number(args.get('events') ?? 10_000_000);
const SMALL = 100_000;
const RUNS = Number(args.get('runs') ?? 5);
/** Events per visitor the generator makes on average (see generate()): sizes the visitor count. */
const EVENTS_PER_VISITOR = 6.15;

const CONFIG = {
  version: 1,
  defaultLocale: 'en',
  currency: 'EUR',
  campaigns: [
    { id: 'kettle-upsell', holdout: 20, content: { en: { title: 'Kettle' } }, variants: [{ id: 'a' }, { id: 'b', weight: 2 }] },
    { id: 'tent-cross-sell', attributionHours: 48, content: { en: { title: 'Tent' } }, variants: [{ id: 'red' }, { id: 'blue' }] },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'segmint-warehouse-bench-'));
const file = (name) => join(dir, name);
writeFileSync(file('segmint.json'), JSON.stringify(CONFIG));

/** A pseudo-random number in [0, 1) from the visitor and a salt: the same stream every run. */
const u = (salt) => `(hash(v, '${salt}') % 1000000) / 1000000.0`;

/**
 * Generates events in DuckDB straight to Parquet, with known true rates: kettle-upsell 20% held
 * out, a and b 1 : 2, conversion 10% in holdout and a and 12% in b (a planted 20% lift);
 * tent-cross-sell red and blue alike; a visitor in "dach" with 30% chance.
 */
async function generate(connection, events, target) {
  const visitors = Math.ceil(events / EVENTS_PER_VISITOR);
  const base = Date.UTC(2026, 10, 2);
  const arm = `CASE WHEN ${u('arm')} < 0.2 THEN 'holdout' WHEN ${u('arm')} < 0.2 + 0.8 / 3 THEN 'a' ELSE 'b' END`;
  const tent = `CASE WHEN ${u('tent')} < 0.5 THEN 'red' ELSE 'blue' END`;
  const common = `'v' || v AS visitor, '/products/kettle' AS path, 'en' AS locale, CASE WHEN ${u('dach')} < 0.3 THEN ['dach'] ELSE [] END AS segments`;
  const id = (kind) => `printf('%016x', hash(v, '${kind}')) AS id`;
  const t0 = `${base}::BIGINT + v * 1000`;
  const none = `NULL::DOUBLE AS value, NULL AS currency, NULL AS transactionId`;
  await connection.run(`COPY (
    WITH visitors AS (SELECT range AS v, ${arm} AS kettle, ${tent} AS tent FROM range(${visitors}))
    SELECT 'exposure' AS event, ${id('x1')}, ${common}, ${t0} AS time, 'kettle-upsell' AS campaign, kettle AS variant, ${none} FROM visitors
    UNION ALL SELECT 'impression', ${id('i1')}, ${common}, ${t0} + 10, 'kettle-upsell', kettle, ${none} FROM visitors WHERE kettle <> 'holdout'
    UNION ALL SELECT 'impression', ${id('i2')}, ${common}, ${t0} + 20, 'kettle-upsell', kettle, ${none} FROM visitors WHERE kettle <> 'holdout'
    UNION ALL SELECT 'click', ${id('c1')}, ${common}, ${t0} + 30, 'kettle-upsell', kettle, ${none} FROM visitors WHERE kettle <> 'holdout' AND ${u('click')} < 0.3
    UNION ALL SELECT 'exposure', ${id('x2')}, ${common}, ${t0} + 40, 'tent-cross-sell', tent, ${none} FROM visitors
    UNION ALL SELECT 'impression', ${id('i3')}, ${common}, ${t0} + 50, 'tent-cross-sell', tent, ${none} FROM visitors
    UNION ALL SELECT 'impression', ${id('i4')}, ${common}, ${t0} + 60, 'tent-cross-sell', tent, ${none} FROM visitors
    UNION ALL SELECT 'click', ${id('c2')}, ${common}, ${t0} + 70, 'tent-cross-sell', tent, ${none} FROM visitors WHERE ${u('click2')} < 0.2
    UNION ALL SELECT 'purchase', ${id('p1')}, ${common}, ${t0} + 3600000, NULL, NULL, round(20 + 80 * ${u('value')}, 2), 'EUR', 'T' || v FROM visitors
      WHERE ${u('buy')} < CASE kettle WHEN 'b' THEN 0.12 ELSE 0.10 END
  ) TO '${target}' (FORMAT parquet)`);
  const [[count]] = (await connection.runAndReadAll(`SELECT count(*) FROM read_parquet('${target}')`)).getRows();
  return { visitors, events: Number(count) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs SQL in a child process of its own, so its time and peak memory are DuckDB's alone. */
function runQuery(sqlFile, rowsFile) {
  const script = `
    import { readFileSync, writeFileSync } from 'node:fs';
    import { DuckDBInstance } from '@duckdb/node-api';
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const started = performance.now();
    const rows = (await connection.runAndReadAll(readFileSync(${JSON.stringify(sqlFile)}, 'utf8'))).getRowObjectsJson();
    const seconds = (performance.now() - started) / 1000;
    writeFileSync(${JSON.stringify(rowsFile)}, JSON.stringify(rows));
    console.log(JSON.stringify({ seconds, peakRssMB: process.resourceUsage().maxRSS / 1024, rows: rows.length }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }));
}

/** `segmint report --stats rows.json` end to end, the median of RUNS runs, in ms. */
function timeStatsReport(rowsFile) {
  const times = [];
  let report = '';
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    try {
      report = execFileSync(process.execPath, [CLI, 'report', '--stats', rowsFile, '--config', file('segmint.json'), '--json'], { encoding: 'utf8' });
    } catch (error) {
      // Exit 1 is an SRM warning, still a report.
      if (error.status !== 1) throw error;
      report = error.stdout;
    }
    times.push(performance.now() - started);
  }
  return { ms: median(times), report: JSON.parse(report) };
}

const connection = await (await DuckDBInstance.create(':memory:')).connect();
const sizes = {};
for (const [name, count] of [['small', SMALL], ['large', EVENTS]]) {
  const parquet = file(`${name}.parquet`);
  const started = performance.now();
  const generated = await generate(connection, count, parquet);
  console.log(`generated ${generated.events.toLocaleString('en')} events of ${generated.visitors.toLocaleString('en')} visitors as Parquet (${(statSync(parquet).size / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const sql = execFileSync(process.execPath, [CLI, 'report', parquet, '--sql', 'duckdb', '--config', file('segmint.json')], { encoding: 'utf8' });
  writeFileSync(file(`${name}.sql`), sql);
  const query = runQuery(file(`${name}.sql`), file(`${name}-rows.json`));
  console.log(`  DuckDB SQL: ${query.seconds.toFixed(1)} s, peak RSS ${query.peakRssMB.toFixed(0)} MB, ${query.rows} rows`);
  const stats = timeStatsReport(file(`${name}-rows.json`));
  console.log(`  report --stats from those rows: ${stats.ms.toFixed(0)} ms (median of ${RUNS})`);
  sizes[name] = { ...generated, duckdbSeconds: query.seconds, duckdbPeakRssMB: query.peakRssMB, rows: query.rows, statsReportMs: stats.ms, report: stats.report };
}

const kettle = sizes.large.report.campaigns.find((campaign) => campaign.campaign === 'kettle-upsell');
const b = kettle.arms.find((arm) => arm.variant === 'b').lift.conversionRate;
const ratio = sizes.large.statsReportMs / sizes.small.statsReportMs;
console.log(`report --stats: ${(sizes.large.events / sizes.small.events).toFixed(0)}× the events, ${ratio.toFixed(2)}× the time`);
console.log(`planted lift of b on conversion (true +20%): ${(b.estimate * 100).toFixed(1)}% (95% CI ${(b.ci[0] * 100).toFixed(1)}% to ${(b.ci[1] * 100).toFixed(1)}%)`);

mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
const strip = ({ report, ...figures }) => figures;
writeFileSync(join(ROOT, 'tests/bench/results/warehouse.json'), JSON.stringify({
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30),
  small: strip(sizes.small), large: strip(sizes.large), statsTimeRatio: ratio, plantedLift: { truth: 0.2, ...b },
}, null, 2) + '\n');
rmSync(dir, { recursive: true, force: true });
