// Simulated shoppers on the demo storefront, for a realistic beacon stream (SPEC §10) whose truth
// is known: `npm run demo:simulate` (after `npm run build`), then
//   node dist/cli.js report demo/events/simulated.ndjson --config demo/events/segmint-ab.json
// The demo's config runs no A/B test, so this script adds one to the demo's real config — a 10%
// holdout and variants a and b on gear-cross-sell — checks the result with segmint/rules'
// validateConfig, and writes it beside the events. Audiences and segments are decided with
// segmint/rules' compileCondition; holdout and variant come from the same stable hash as in the
// browser (src/lib/hash.ts, src/campaigns/variants.ts), cross-checked against `segmint simulate`.
// Planted: visitors shown variant b buy 50% more often than the holdout; variant a changes nothing.
// Options: --visitors=N (default 6000), --seed=N.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCondition, validateConfig } from '../dist/rules.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'demo/events');
const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const VISITORS = Number(args.visitors ?? 6000);
let seed = Number(args.seed ?? 2026);

const TEST = 'gear-cross-sell';
const PURCHASE_RATE = { none: 0.05, holdout: 0.05, a: 0.05, b: 0.075 };
const CLICK_RATE = { a: 0.08, b: 0.12 };

/** mulberry32, so the stream (and the README's example) can be made again. */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const hex = (length) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

/** src/lib/hash.ts, line for line: FNV-1a 32-bit with a final avalanche step. */
function hashToUnit(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 4294967296;
}

/** src/campaigns/variants.ts assignVariant: holdout first, then the variants by weight. */
function assignVariant(visitor, campaign) {
  const holdout = campaign.holdout ?? 0;
  if (holdout > 0 && hashToUnit(`holdout:${visitor}:${campaign.id}`) * 100 < holdout) return 'holdout';
  const variants = campaign.variants ?? [{ id: 'default', weight: 1 }];
  const total = variants.reduce((sum, variant) => sum + (variant.weight ?? 1), 0);
  let point = hashToUnit(`variant:${visitor}:${campaign.id}`) * total;
  for (const variant of variants) {
    if (point < (variant.weight ?? 1)) return variant.id;
    point -= variant.weight ?? 1;
  }
  return variants.filter((variant) => (variant.weight ?? 1) > 0).pop().id;
}

const config = JSON.parse(readFileSync(join(ROOT, 'demo/site/segmint.json'), 'utf8'));
const test = config.campaigns.find((campaign) => campaign.id === TEST);
Object.assign(test, { holdout: 10, variants: [{ id: 'a', weight: 50 }, { id: 'b', weight: 50, content: { en: { title: 'Campers also pack' }, de: { title: 'Camper packen auch ein' } } }] });
const validation = validateConfig(config);
if (!validation.ok) throw new Error(`the demo config with its A/B test does not validate: ${JSON.stringify(validation.errors)}`);
mkdirSync(OUT, { recursive: true });
const configFile = join(OUT, 'segmint-ab.json');
writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');

const segments = Object.entries(config.segments).map(([id]) => [id, compileCondition({ segment: id }, { segments: config.segments })]);
const campaigns = config.campaigns.map((campaign) => ({
  campaign,
  audience: campaign.audience ? compileCondition(campaign.audience, { segments: config.segments }) : () => true,
  onPage: (path) => (campaign.pages?.include ?? ['*']).some((glob) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(path)),
}));
const products = Object.entries(config.catalog).map(([id, product]) => ({ id, path: product.url, price: product.price.USD }));

const lines = [];
const start = Date.UTC(2026, 11, 1, 7);
const visitors = [];
for (let v = 0; v < VISITORS; v++) {
  const visitor = hex(32);
  visitors.push(visitor);
  const language = random() < 0.3 ? 'de' : 'en';
  const locale = language;
  const signals = { language, locale: language === 'de' ? 'de-DE' : 'en-US', device: random() < 0.55 ? 'mobile' : 'desktop', productViews: 0, cartAdds: 0 };
  let time = start + Math.floor(random() * 14 * 86_400_000);
  const seen = new Map(); // campaign id → arm
  const pages = ['/', ...Array.from({ length: 1 + Math.floor(random() * 4) }, () => products[Math.floor(random() * products.length)].path)];
  for (const path of pages) {
    if (path.startsWith('/products/')) signals.productViews++;
    signals.pageType = path === '/' ? 'home' : 'product';
    signals.path = path;
    const inSegments = segments.filter(([, test]) => test(signals)).map(([id]) => id);
    // Inline and popup decisions as the page makes them, simplified to "the highest priority that qualifies".
    const eligible = campaigns.filter(({ campaign, audience, onPage }) => campaign.trigger?.on !== 'exit-intent' && campaign.trigger?.on !== 'event' && onPage(path) && audience(signals));
    const winner = eligible.sort((x, y) => (y.campaign.priority ?? 0) - (x.campaign.priority ?? 0))[0];
    if (winner) {
      const id = winner.campaign.id;
      const arm = assignVariant(visitor, winner.campaign);
      seen.set(id, seen.get(id) ?? arm);
      const base = { visitor, path, campaign: id, variant: arm, locale, segments: inSegments };
      lines.push({ event: 'exposure', id: hex(24), time, ...base });
      if (arm !== 'holdout') {
        lines.push({ event: 'impression', id: hex(24), time: time + 1500, ...base });
        if (id === TEST && random() < CLICK_RATE[arm]) lines.push({ event: 'click', id: hex(24), time: time + 6000, ...base });
        else if (random() < 0.3) lines.push({ event: 'dismiss', id: hex(24), time: time + 4000, ...base });
      }
    }
    time += 20_000 + Math.floor(random() * 90_000);
  }
  // The beacon sends a purchase only for a visitor exposed to some campaign (SPEC §10).
  const arm = seen.get(TEST) ?? 'none';
  if (seen.size && random() < PURCHASE_RATE[arm]) {
    const basket = products.filter(() => random() < 0.5);
    const value = (basket.length ? basket : [products[0]]).reduce((sum, product) => sum + product.price, 0);
    lines.push({ event: 'purchase', id: hex(24), visitor, time: time + 300_000, path: '/checkout/thanks', value, currency: 'USD', transactionId: `DEMO-${1000 + v}` });
  }
}
lines.sort((x, y) => x.time - y.time);
const eventsFile = join(OUT, 'simulated.ndjson');
writeFileSync(eventsFile, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');

// The hash above must be the browser's: `segmint simulate` (the CLI, the browser's decision code) agrees on a few visitors.
let checked = 0;
for (const visitor of visitors.slice(0, 6)) {
  const file = join(OUT, 'visitor.local.json');
  writeFileSync(file, JSON.stringify({ id: visitor, path: '/products/sleeping-mat', product: 'SKU-MAT', productViews: 3, language: 'en' }));
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'simulate', configFile, '--visitor', file, '--json'], { encoding: 'utf8' });
  const result = JSON.parse(run.stdout);
  const cli = result.campaigns.find((campaign) => campaign.id === TEST);
  const cliArm = cli?.shows ? cli.variant : result.winner?.id === TEST ? 'holdout' : undefined;
  if (cliArm === undefined) continue;
  if (cliArm !== assignVariant(visitor, test)) throw new Error(`variant assignment differs from segmint simulate for ${visitor}: ${cliArm} vs ${assignVariant(visitor, test)}`);
  checked++;
}
if (checked === 0) throw new Error('segmint simulate showed the A/B test to none of the visitors checked');
console.log(`${VISITORS.toLocaleString('en-US')} visitors, ${lines.length.toLocaleString('en-US')} events → ${eventsFile}`);
console.log(`${checked} visitors' arms checked against segmint simulate`);
console.log(`config with the A/B test on ${TEST} → ${configFile}`);
console.log(`report: node dist/cli.js report ${eventsFile.replace(ROOT, '')} --config ${configFile.replace(ROOT, '')}`);
