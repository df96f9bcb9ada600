// The import graph of src/: data flows one way (STYLE "Layout"), and the core never imports a
// chunk's code as a value (only types, through src/chunks/contract.ts).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../src');

/** Lowest first: a module may import (as a value) only its own layer or lower ones. */
const LAYERS: [name: string, test: (path: string) => boolean][] = [
  // The error class is lib-level: no imports, and the error boundary (lib/safely.ts) tells it apart.
  ['lib', (p) => p.startsWith('lib/') || p === 'rules/config-error.ts' || p === 'rules/config-error-codes.ts'],
  ['pure core', (p) => /^(rules|campaigns)\//.test(p) || p === 'profile/record.ts' || p === 'signals/time.ts' || p === 'types.ts' || p === 'condition-types.ts'],
  ['DOM modules', (p) => /^(signals|profile|triggers|slots|config|navigation|bridge|analytics|debug\/debug-request|chunks)\b/.test(p)],
  ['start and entries', (p) => /^(runtime\/|start\.ts|create-segmint\.ts|loader\.ts|index\.ts)/.test(p)],
];
/** Chunk entries and what only chunks use: loaded through a ChunkLoader, never imported by the core as values. */
const CHUNK = (p: string) => /^(engagement\.ts|popup-lifecycle\.ts|inline-placements\.ts|lib\/css-selector\.ts|render\/|debug\/(?!debug-request)|rules\/config-messages\.ts|rules\/(check-chunk|prepare-config|config-checks|check-condition|operators|compile)\.ts|campaigns\/(prepare|prepare-formats|catalog)\.ts|signals\/(tables|table-signals|timezone-country|country-currency|referrer-hosts)\.ts|triggers\/(scroll|exit-intent|idle|time-on-site|waiting-triggers|wait-until|listen|frame-task)\.ts|analytics\/analytics-sink\.ts|campaigns\/present\.ts|config\/(check-loaded-config|describe-config-errors)\.ts|runtime\/(explain|debug-tools|replay|replay-purchases)\.ts|profile\/journal-replay\.ts|lib\/parse-json-steps\.ts|config\/fingerprint-steps\.ts)/.test(p);
const NODE_ONLY = (p: string) => p.startsWith('cli/') || p === 'campaigns/simulate.ts' || p === 'rules/index.ts' || p === 'rules/conditions.ts' || p === 'rules/validate.ts' || p.startsWith('results/');

function listModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listModules(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !/\.test\.tsx?$/.test(name) && !name.endsWith('.cases.ts') ? [relative(SRC, path)] : [];
  });
}

/** Value imports (static and dynamic) of a module, as paths under src/. */
function readValueImports(path: string): { target: string; dynamic: boolean }[] {
  const code = readFileSync(join(SRC, path), 'utf8');
  const found: { target: string; dynamic: boolean }[] = [];
  for (const [, specifier] of code.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'/gm)) found.push({ target: specifier, dynamic: false });
  for (const [, specifier] of code.matchAll(/^export\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'/gm)) found.push({ target: specifier, dynamic: false });
  for (const [, specifier] of code.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) found.push({ target: specifier, dynamic: true });
  return found.map(({ target, dynamic }) => {
    const base = relative(SRC, resolve(dirname(join(SRC, path)), target)).replace(/\.(js|ts|tsx)$/, '');
    const file = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => { try { return statSync(join(SRC, candidate)).isFile(); } catch { return false; } });
    return { target: file ?? base, dynamic };
  });
}

const layerOf = (path: string) => LAYERS.findIndex(([, test]) => test(path));
const modules = listModules(SRC).filter((p) => !p.endsWith('.css'));
const browserCore = modules.filter((p) => !CHUNK(p) && !NODE_ONLY(p));

describe('layers', () => {
  it('puts every browser core module in a layer', () => {
    expect(browserCore.filter((p) => layerOf(p) < 0)).toEqual([]);
  });

  it('has no upward value import between layers', () => {
    const upward = browserCore.flatMap((from) => readValueImports(from)
      .filter(({ target, dynamic }) => !dynamic && !CHUNK(target) && layerOf(target) > layerOf(from))
      .map(({ target }) => `${from} → ${target}`));
    expect(upward).toEqual([]);
  });

  it('never imports a chunk as a value from the core, except through the npm entry\'s dynamic imports', () => {
    const crossing = browserCore.flatMap((from) => readValueImports(from)
      .filter(({ target, dynamic }) => CHUNK(target) && !(dynamic && from === 'chunks/bundled-chunks.ts'))
      .map(({ target }) => `${from} → ${target}`));
    expect(crossing).toEqual([]);
  });

  it('would see a crossing: the import reader finds value imports and skips type imports', () => {
    const imports = readValueImports('create-segmint.ts').map(({ target }) => target);
    expect(imports).toContain('start.ts');
    expect(imports).not.toContain('chunks/contract.ts');
  });
});
