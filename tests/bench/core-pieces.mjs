// What the script-tag core is made of: each module of dist/segmint.js minified on its own, gzip -9.
// Two columns: `alone` is the module's minified code gzipped by itself (pieces do not add up to
// the whole: gzip shares across modules); `in core` is what the module adds to all the others
// gzipped together (the whole minus the whole without it), the saving moving it out would give,
// roughly. Both rank what to move; dist/segmint.js itself is minified whole, so it is smaller.
// Run: node tests/bench/core-pieces.mjs [--top=N]   (no build needed: it bundles src/loader.ts)
import { rollup } from 'rollup';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
import configs from '../../rollup.config.mjs';

const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? Infinity);
const gzip = (text) => gzipSync(text, { level: 9 }).length;
const core = configs.find((c) => c.output.entryFileNames === 'segmint.js');
const bundle = await rollup({ ...core, onwarn: () => {} });
const { output } = await bundle.generate({ ...core.output, plugins: [] });
const pieces = [];
for (const [id, module] of Object.entries(output[0].modules)) {
  if (!module.code) continue;
  const min = (await minify(module.code, { ecma: 2020, module: false, toplevel: false, compress: { passes: 2 }, mangle: true })).code ?? '';
  pieces.push({ module: id.replace(process.cwd() + '/', '').replace(/.*node_modules\//, ''), min });
}
const whole = gzip(pieces.map((p) => p.min).join('\n'));
const rows = pieces.map((p, i) => ({
  module: p.module,
  raw: p.min.length,
  alone: gzip(p.min),
  inCore: whole - gzip(pieces.filter((_, j) => j !== i).map((q) => q.min).join('\n')),
}));
rows.sort((a, b) => b.inCore - a.inCore);
console.log(' in core    alone      min  module');
for (const r of rows.slice(0, top)) console.log(`${String(r.inCore).padStart(6)} B ${String(r.alone).padStart(6)} B ${String(r.raw).padStart(6)} B  ${r.module}`);
console.log(`${whole} B gzip for the ${rows.length} modules minified one by one and joined; ${rows.reduce((s, r) => s + r.alone, 0)} B summed alone`);
