// What the script-tag core is made of: each module of dist/segmint.js minified on its own, gzip -9.
// Pieces do not add up to the whole (gzip shares across modules); they rank what to move.
// Run: node tests/bench/core-pieces.mjs   (after npm run build's rollup config is importable)
import { rollup } from 'rollup';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
import configs from '../../rollup.config.mjs';

const core = configs.find((c) => c.output.entryFileNames === 'segmint.js');
const bundle = await rollup({ ...core, onwarn: () => {} });
const { output } = await bundle.generate({ ...core.output, plugins: [] });
const rows = [];
for (const [id, module] of Object.entries(output[0].modules)) {
  if (!module.code) continue;
  const min = (await minify(module.code, { ecma: 2020, module: false, toplevel: false, compress: { passes: 2 }, mangle: true })).code ?? '';
  rows.push({ module: id.replace(process.cwd() + '/', '').replace(/.*node_modules\//, ''), gzip: gzipSync(min, { level: 9 }).length, raw: min.length });
}
rows.sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((sum, r) => sum + r.gzip, 0);
for (const r of rows) console.log(`${String(r.gzip).padStart(6)} B gzip ${String(r.raw).padStart(6)} B min  ${r.module}`);
console.log(`${total} B gzip summed over ${rows.length} modules`);
