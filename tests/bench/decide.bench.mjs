// How long one decision takes with a large config, in Node: `node tests/bench/decide.bench.mjs`
// (`--campaigns=N`, default 1000; `--runs=N`, default 201). Target (issue 11): deciding among
// 1,000 campaigns ≤ 5 ms. The bench bundles segmint's own decision code from src/ with rollup (the
// published package exports only the rule engine), prepares a generated config, then times
// `decideCampaign` with every campaign as a candidate (a page view fires them all at once) for a
// visitor who qualifies for none of them, so every campaign is checked to its audience: the worst
// case. Reported: the median and 90th percentile of single decisions after a warm-up, and the time
// to prepare the config once. Writes tests/bench/results/decide.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { median } from './stats.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const CAMPAIGNS = Number(args.get('campaigns') ?? 1000);
const RUNS = Number(args.get('runs') ?? 201);
const TARGET_MS = 5;

// The modules under test, compiled once into a temporary bundle.
const entry = `${ROOT}tests/bench/results/decide-entry.ts`;
mkdirSync(`${ROOT}tests/bench/results`, { recursive: true });
writeFileSync(entry, `export { prepareConfig } from '../../../src/rules/prepare-config';
export { decideCampaign } from '../../../src/campaigns/decide';
export { createProfile } from '../../../src/profile/profile';
`);
const bundle = await rollup({
  input: entry,
  plugins: [nodeResolve(), typescript({ tsconfig: `${ROOT}tsconfig.json`, include: ['src/**/*.ts', 'tests/bench/results/*.ts'], compilerOptions: { noEmit: false, declaration: false, outDir: undefined, rootDir: ROOT } })],
  onwarn: () => {},
});
const out = `${ROOT}tests/bench/results/decide-bundle.mjs`;
await bundle.write({ file: out, format: 'es' });
const { prepareConfig, decideCampaign, createProfile } = await import(pathToFileURL(out).href);

const NOW = Date.UTC(2025, 5, 1, 12);
const campaigns = Array.from({ length: CAMPAIGNS }, (_, i) => ({
  id: `c${i}`,
  audience: i % 3 === 0
    ? { all: [{ productViews: { gte: 5 + (i % 7) } }, { country: { in: ['DE', 'AT', 'CH'] } }] }
    : i % 3 === 1 ? { any: [{ purchases: { gte: 2 } }, { cartValue: { gt: 500 } }] } : { language: 'fr' },
  pages: { include: [i % 2 ? '/products/*' : '/*'] },
  trigger: { on: 'pageview' },
  frequency: { afterDismissHours: 24, maxImpressions: 3 },
  priority: i % 10,
  content: { en: { title: `Campaign ${i}`, body: 'Body', cta: 'Go', dismiss: 'No' } },
}));
const raw = { version: 1, defaultLocale: 'en', currency: 'USD', campaigns };

let t = performance.now();
const { prepared, errors } = prepareConfig(raw, () => NOW);
const prepareMs = performance.now() - t;
if (!prepared || errors.length) throw new Error(`the generated config has errors: ${errors.map((e) => e.pointer).join(', ')}`);
if (prepared.campaigns.length !== CAMPAIGNS) throw new Error(`prepared ${prepared.campaigns.length} campaigns, expected ${CAMPAIGNS}`);

const profile = createProfile(NOW - 86_400_000, 'v-bench');
const signals = { path: '/products/p1', country: 'US', language: 'en', locale: 'en-US', productViews: 2, purchases: 0, cartValue: 0, device: 'desktop' };
const input = { signals, profile, now: NOW, limits: {} };
if (decideCampaign(prepared.campaigns, input) !== null) throw new Error('the bench visitor should qualify for no campaign');

for (let i = 0; i < 50; i++) decideCampaign(prepared.campaigns, input);
const times = [];
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  decideCampaign(prepared.campaigns, input);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const result = {
  date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, campaigns: CAMPAIGNS, runs: RUNS,
  prepareMs: Math.round(prepareMs * 10) / 10,
  decideMedianMs: Math.round(median(times) * 1000) / 1000,
  decideP90Ms: Math.round(times[Math.floor(times.length * 0.9)] * 1000) / 1000,
  targetMs: TARGET_MS,
};
console.log(`deciding among ${CAMPAIGNS} campaigns (none eligible, all checked): median ${result.decideMedianMs} ms, p90 ${result.decideP90Ms} ms (target ≤ ${TARGET_MS} ms: ${result.decideMedianMs <= TARGET_MS ? 'met' : 'NOT met'}); preparing the config: ${result.prepareMs} ms`);
writeFileSync(`${ROOT}tests/bench/results/decide.json`, JSON.stringify(result, null, 2));
