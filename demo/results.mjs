// `npm run demo:results`: the report (SPEC §11) of what the demo's visitors did — the events that
// `npm start`'s collector wrote to demo/events/beacon/ — against the demo's own config. Builds the
// CLI first when dist/cli.js is missing. Options: --dir <folder> (default demo/events/beacon),
// and anything else is passed on to `segmint report` (e.g. --json).
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const dirAt = args.indexOf('--dir');
const dir = dirAt >= 0 ? resolve(args.splice(dirAt, 2)[1]) : join(ROOT, 'demo/events/beacon');
const cli = join(ROOT, 'dist/cli.js');

if (!existsSync(cli)) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(2);
}
const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ndjson')).sort().map((name) => join(dir, name)) : [];
if (!files.length) {
  console.error(`No events in ${dir} yet: run \`npm start\`, click through the demo storefront, then run this again.`);
  process.exit(2);
}
const report = spawnSync(process.execPath, [cli, 'report', ...files, '--config', join(ROOT, 'demo/site/segmint.json'), ...args], { stdio: 'inherit' });
process.exit(report.status ?? 2);
