import { chmodSync, readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

/** `import css from './x.css?inline'` becomes the stylesheet's text, whitespace and comments stripped. */
function cssText() {
  return {
    name: 'css-text',
    resolveId(source, importer) {
      if (!source.endsWith('.css?inline') || !importer) return null;
      return new URL(source.replace('?inline', ''), `file://${importer}`).pathname + '?inline';
    },
    load(id) {
      if (!id.endsWith('.css?inline')) return null;
      const css = readFileSync(id.replace('?inline', ''), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{}:;,>])\s*/g, '$1')
        .replace(/;}/g, '}')
        .trim();
      return `export default ${JSON.stringify(css)};`;
    },
  };
}

/** Writes the package version where the script-tag core names it (`__SEGMINT_VERSION__`). */
function packageVersion() {
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
  return {
    name: 'package-version',
    transform: (code) => (code.includes('__SEGMINT_VERSION__') ? { code: code.replaceAll('__SEGMINT_VERSION__', JSON.stringify(version)), map: null } : null),
  };
}

/** Marks a written file executable: the `segmint` bin runs through its shebang. */
function executable(file) {
  return { name: 'executable', writeBundle: () => chmodSync(file, 0o755) };
}

// `SEGMINT_READABLE=1 npm run build`: minified as shipped, names kept, for profiles and traces
// (tests/bench/long-tasks-trace.mjs) that say which function ran. Not for the size budgets.
// `inline: 1`: terser inlines only functions without arguments. Its default (3) turns a call of a
// function with arguments into an immediately called copy of it, bigger here: −60 B on the core,
// with `passes: 3`; no chunk grows (measured per chunk).
const minify = terser({ ecma: 2020, compress: { passes: 3, inline: 1 }, format: { comments: false }, ...(process.env.SEGMINT_READABLE && { mangle: false, keep_fnames: true }) });

/** One build: the TypeScript plugin, the CSS loader, and what differs per output. */
function build({ input, output, bundleDependencies = false, minified = false, plugins = [] }) {
  return {
    input,
    output: { dir: 'dist', sourcemap: false, ...output, plugins: minified ? [minify] : [] },
    external: bundleDependencies ? [] : [/^preact/, 'idb-keyval', /^node:/],
    plugins: [
      ...plugins,
      cssText(),
      nodeResolve({ browser: bundleDependencies }),
      typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts', 'src/**/*.tsx'], exclude: ['**/*.test.ts', '**/*.test.tsx'], noEmitOnError: true }),
    ],
  };
}

export default [
  // The script tag: the self-starting core, which decides without Preact…
  build({
    input: 'src/loader.ts',
    output: { format: 'iife', entryFileNames: 'segmint.js' },
    bundleDependencies: true,
    minified: true,
    plugins: [packageVersion()],
  }),
  // …and its chunks, ES modules fetched from beside it only when needed (src/chunks/script-chunks.ts;
  // what each exports is src/chunks/contract.ts).
  ...Object.entries({
    // Once the visitor qualifies for a campaign: waiting triggers, the popup lifecycle.
    'segmint-engage.js': 'src/engagement.ts',
    // Once a popup is about to show: Preact, the components, the CSS.
    'segmint-popup.js': 'src/render/mount.ts',
    // Once the config needs country, currency or referrerType: the signals' lookup tables.
    'segmint-tables.js': 'src/signals/tables.ts',
    // Once a config text not checked before on this browser arrives: the config checks.
    'segmint-check.js': 'src/rules/check-chunk.ts',
    // Instead of it, for a campaign with a teaser, a countdown or a question.
    'segmint-formats.js': 'src/render/mount-formats.ts',
    // Once a config has errors: the message of each error code.
    'segmint-diagnose.js': 'src/rules/config-messages.ts',
    // Once the page asks for it (?segmint=debug, data-debug): the inspector panel.
    'segmint-inspect.js': 'src/debug/mount-inspector.ts',
    // Once a page has a slot an inline campaign fills: the inline renderer and its lifecycle.
    'segmint-inline.js': 'src/inline-placements.ts',
    // Once the page calls explain() (the inspector does): the explanation of each campaign.
    'segmint-explain.js': 'src/runtime/explain.ts',
    // Once an earlier page left entries in its journal: reading them, their purchases' conversions.
    'segmint-replay.js': 'src/runtime/replay.ts',
    // Once a config text of 64 KB or more arrives (thousands of campaigns): parsing it in slices.
    'segmint-parse.js': 'src/lib/parse-json-steps.ts',
    // Where the browser cannot hash a config text natively (an http page): its fingerprint.
    'segmint-fingerprint.js': 'src/config/fingerprint-steps.ts',
  }).map(([file, input]) => build({ input, output: { format: 'es', entryFileNames: file }, bundleDependencies: true, minified: true })),
  // npm: ESM entry points; preact and idb-keyval stay dependencies.
  build({
    input: { index: 'src/index.ts', rules: 'src/rules/index.ts' },
    output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [packageVersion()],
  }),
  // segmint/rules for require(): the engine has no dependencies, so CommonJS gets it whole.
  build({ input: { rules: 'src/rules/index.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs', exports: 'named' } }),
  // Their types, one self-contained file per entry: no relative imports for a resolution mode to
  // trip over (node16 wants extensions, node10 ignores exports), and no internals to reach.
  ...[['index', 'src/index.ts'], ['rules', 'src/rules/index.ts']].map(([name, input]) => ({
    input,
    output: [{ file: `dist/${name}.d.ts`, format: 'es' }, ...(name === 'rules' ? [{ file: 'dist/rules.d.cts', format: 'es' }] : [])],
    external: [/^preact/, 'idb-keyval'],
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  })),
  // The CLI, for Node.
  build({
    input: { cli: 'src/cli/main.ts' },
    output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', banner: '#!/usr/bin/env node' },
    plugins: [executable('dist/cli.js')],
  }),
];
