// The initial JS of a bundler app using the npm entry: a Vite production build of a one-line app
// (`createSegmint({ config }).start()`), gzip -9 of the entry chunk and every chunk it imports
// statically, against the dynamically imported chunks (fetched only when needed).
// Run: node tests/bench/npm-initial-js.mjs [path to a built package, default: this one]
import { build } from 'vite';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const pkg = resolve(process.argv[2] ?? '.');
const dir = mkdtempSync(join(tmpdir(), 'segmint-vite-'));
writeFileSync(join(dir, 'index.html'), '<script type="module" src="./main.js"></script>');
writeFileSync(join(dir, 'main.js'), `import { createSegmint } from ${JSON.stringify(join(pkg, 'dist/index.js'))};\ncreateSegmint({ config: '/segmint.json' }).start();\n`);
const result = await build({ root: dir, logLevel: 'silent', build: { write: false, minify: true }, resolve: { alias: { preact: join(pkg, 'node_modules/preact'), 'idb-keyval': join(pkg, 'node_modules/idb-keyval') } } });
const chunks = (Array.isArray(result) ? result[0] : result).output.filter((o) => o.type === 'chunk');
const byName = new Map(chunks.map((c) => [c.fileName, c]));
const initial = new Set();
const visit = (name) => {
  if (initial.has(name)) return;
  initial.add(name);
  for (const next of byName.get(name)?.imports ?? []) visit(next);
};
for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
const gz = (c) => gzipSync(c.code, { level: 9 }).length;
const sum = (list) => list.reduce((total, c) => total + gz(c), 0);
const eager = chunks.filter((c) => initial.has(c.fileName));
const lazy = chunks.filter((c) => !initial.has(c.fileName));
console.log(`${pkg}: initial JS ${(sum(eager) / 1024).toFixed(1)} KB gzip in ${eager.length} file(s); ${lazy.length} lazy chunk(s), ${(sum(lazy) / 1024).toFixed(1)} KB gzip`);
for (const c of lazy) console.log(`  lazy ${c.fileName}: ${(gz(c) / 1024).toFixed(1)} KB`);
