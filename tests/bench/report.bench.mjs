// `segmint report` on a generated stream of beacon events whose true rates are known: how long it
// takes, how much memory it needs, and whether it recovers what was planted. Run `npm run build`
// first. `--events=N` for another size (default 10 million), `--seed=N` for another stream.
// Writes tests/bench/results/report.json.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const EVENTS = Number(args.events ?? 10_000_000);
const SEED = Number(args.seed ?? 1);
const TARGET_SECONDS = 60;

// The truth: a holdout of 10% and variants a and b over the rest. b converts 20% better; order
// values are the same in every arm, so b's revenue per visitor is 20% better too.
const ARMS = [
  { id: 'holdout', share: 0.1, conversion: 0.04, clickRate: 0 },
  { id: 'a', share: 0.45, conversion: 0.04, clickRate: 0.08 },
  { id: 'b', share: 0.45, conversion: 0.048, clickRate: 0.1 },
];
const PLANTED_LIFT = { holdout: 0, a: 0, b: 0.2 };
const MEAN_ORDER = 60; // order values uniform on 20…100
const CONFIG = {
  version: 1, defaultLocale: 'en', currency: 'EUR',
  campaigns: [{ id: 'kettle-upsell', holdout: 10, attributionHours: 24, content: { en: { title: 'A better kettle' } }, variants: [{ id: 'a' }, { id: 'b' }] }],
};

/** mulberry32: a small seeded generator, so a run can be repeated. */
function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the stream: each visitor sees a few pages (an exposure, and an impression outside the holdout, per page), may click, may buy. */
function generate(file) {
  const random = seeded(SEED);
  const fd = openSync(file, 'w');
  let buffer = [];
  let events = 0;
  let counter = 0;
  const start = Date.UTC(2026, 11, 1);
  const write = (event) => {
    counter++;
    event.id = counter.toString(16).padStart(20, '0') + ((random() * 0xffff) | 0).toString(16).padStart(4, '0');
    buffer.push(JSON.stringify(event));
    events++;
    if (buffer.length >= 20_000) {
      writeSync(fd, buffer.join('\n') + '\n');
      buffer = [];
    }
  };
  for (let v = 0; events < EVENTS; v++) {
    const visitor = `v${v.toString(36)}-${((random() * 1e9) | 0).toString(36)}`;
    const pick = random();
    const arm = pick < ARMS[0].share ? ARMS[0] : pick < ARMS[0].share + ARMS[1].share ? ARMS[1] : ARMS[2];
    const segments = random() < 0.3 ? ['dach'] : random() < 0.5 ? ['browsing'] : [];
    let time = start + Math.floor(random() * 20 * 86_400_000);
    const base = { visitor, path: '/products/kettle', campaign: 'kettle-upsell', variant: arm.id, locale: 'en', segments };
    const pages = 1 + Math.floor(random() * 8);
    for (let page = 0; page < pages && events < EVENTS; page++) {
      write({ event: 'exposure', time, ...base });
      if (arm.id !== 'holdout') write({ event: 'impression', time: time + 400, ...base });
      time += 30_000 + Math.floor(random() * 120_000);
    }
    if (random() < arm.clickRate) write({ event: 'click', time, ...base });
    if (random() < arm.conversion) {
      write({ event: 'purchase', visitor, time: time + 600_000, path: '/checkout/thanks', value: Math.round((20 + 80 * random()) * 100) / 100, currency: 'EUR', transactionId: `T${counter}` });
    }
  }
  if (buffer.length) writeSync(fd, buffer.join('\n') + '\n');
  closeSync(fd);
  return events;
}

const dir = mkdtempSync(join(tmpdir(), 'segmint-report-bench-'));
try {
  const events = join(dir, 'events.ndjson');
  const config = join(dir, 'segmint.json');
  writeFileSync(config, JSON.stringify(CONFIG));
  let started = performance.now();
  const written = generate(events);
  console.log(`generated ${written.toLocaleString('en-US')} events (${(statSync(events).size / 1e9).toFixed(2)} GB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // /usr/bin/time -v reports the child's peak resident set size.
  started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'dist/cli.js'), 'report', events, '--config', config, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
  // CPU time says what the report costs; wall time also says how busy the machine was.
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1]);
  if (run.status !== 0) {
    console.error(run.stderr);
    throw new Error(`segmint report exited ${run.status}`);
  }
  const report = JSON.parse(run.stdout);
  const [campaign] = report.campaigns;
  console.log(`segmint report: ${seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU (${Math.round(written / seconds).toLocaleString('en-US')} events/s), peak RSS ${(peakKb / 1024).toFixed(0)} MB, ${campaign.arms.reduce((n, arm) => n + arm.visitors, 0).toLocaleString('en-US')} visitors`);
  console.log(`  ${seconds < TARGET_SECONDS ? 'within' : 'OVER'} the ${TARGET_SECONDS} s target`);

  // Recovery: every planted rate, share and lift within 4 standard errors (a 95% interval misses
  // 1 time in 20, and there are eight figures here).
  const failures = [];
  const total = campaign.arms.reduce((n, arm) => n + arm.visitors, 0);
  for (const truth of ARMS) {
    const arm = campaign.arms.find((a) => a.variant === truth.id);
    const se = Math.sqrt((truth.conversion * (1 - truth.conversion)) / arm.visitors);
    const rpvTruth = truth.conversion * MEAN_ORDER;
    console.log(`  ${truth.id.padEnd(7)} conversion ${(arm.conversionRate * 100).toFixed(3)}% (planted ${(truth.conversion * 100).toFixed(1)}%), revenue/visitor ${arm.revenuePerVisitor.toFixed(3)} (planted ${rpvTruth.toFixed(2)})` +
      (arm.lift ? `, conversion lift ${fmt(arm.lift.conversionRate)}, revenue/visitor lift ${fmt(arm.lift.revenuePerVisitor)} (planted ${PLANTED_LIFT[truth.id] * 100}%)` : ''));
    if (Math.abs(arm.conversionRate - truth.conversion) > 4 * se) failures.push(`${truth.id} conversion rate`);
    if (Math.abs(arm.visitors / total - truth.share) > 4 * Math.sqrt((truth.share * (1 - truth.share)) / total)) failures.push(`${truth.id} share`);
    if (arm.lift) for (const metric of ['conversionRate', 'revenuePerVisitor']) {
      const { estimate, ci } = arm.lift[metric];
      const liftSe = (ci[1] - ci[0]) / (2 * 1.959964);
      if (Math.abs(estimate - PLANTED_LIFT[truth.id]) > 4 * liftSe) failures.push(`${truth.id} ${metric} lift`);
    }
  }
  if (campaign.srm.warning) failures.push('a sample ratio warning on a fair split');
  if (report.events !== written) failures.push(`events counted ${report.events}, written ${written}`);
  mkdirSync(join(ROOT, 'tests/bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'tests/bench/results/report.json'), JSON.stringify({
    node: process.version, date: new Date().toISOString(), seed: SEED, events: written, seconds, cpuSeconds: cpu, peakRssMb: peakKb / 1024, targetSeconds: TARGET_SECONDS,
    arms: campaign.arms.map(({ variant, visitors, conversionRate, revenuePerVisitor, lift }) => ({ variant, visitors, conversionRate, revenuePerVisitor, lift })),
  }, null, 2) + '\n');
  if (failures.length) {
    console.error(`planted figures not recovered: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else console.log('  planted rates and lifts recovered');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function fmt(lift) {
  return `${(lift.estimate * 100).toFixed(1)}% [${(lift.ci[0] * 100).toFixed(1)}, ${(lift.ci[1] * 100).toFixed(1)}]`;
}
