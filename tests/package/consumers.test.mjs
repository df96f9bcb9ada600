// The package as it ships: `npm pack`, unpacked into a fresh consumer project, then used the ways
// the README says: tsc under each moduleResolution, arethetypeswrong, publint, plain Node ESM,
// CommonJS, esbuild and Vite. Run by `npm test` after the build (`npm run test:package`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);
let work;
let tarball;
let consumer;

before(() => {
  assert.ok(existsSync(join(root, 'dist/index.d.ts')), 'dist/ is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'segmint-package-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  tarball = join(work, packed[0].filename);
  consumer = join(work, 'consumer');
  cpSync(join(root, 'tests/package/consumer'), consumer, { recursive: true });
  const modules = join(consumer, 'node_modules');
  mkdirSync(modules);
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  execFileSync('mv', [join(modules, 'package'), join(modules, 'segmint')]);
  // The package's own dependencies, as npm would install them beside it (offline: from this repo).
  for (const dependency of Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies)) {
    symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency));
  }
});

after(() => rmSync(work, { recursive: true, force: true }));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: consumer, encoding: 'utf8', ...options });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('types', () => {
  for (const resolution of ['bundler', 'node16', 'nodenext']) {
    it(`pass tsc --noEmit with skipLibCheck false under moduleResolution ${resolution}, and are not any`, () => {
      const { code, output } = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${resolution}.json`]);
      assert.equal(output.trim(), '');
      assert.equal(code, 0);
    });
  }

  it('have no problem in arethetypeswrong beyond the main entry being ESM only for require()', () => {
    // The script-tag files are exported as assets (for `?url`), not as modules with types.
    const { output } = run(bin('attw'), [tarball, '--format', 'json', '--exclude-entrypoints', './dist/segmint.js', './dist/segmint-*.js']);
    const { analysis } = JSON.parse(output);
    const problems = analysis.problems.map((p) => `${p.kind} ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''}`.trim());
    assert.deepEqual(problems, ['CJSResolvesToESM . node16-cjs']);
    assert.ok(['.', './rules', './schema.json', './package.json'].every((entry) => entry in analysis.entrypoints));
  });
});

describe('the package', () => {
  it('is clean in publint', () => {
    const { code, output } = run(bin('publint'), [join(consumer, 'node_modules/segmint'), '--strict']);
    assert.equal(code, 0, output);
    assert.match(output, /All good!/);
  });

  it('ships one schema.json, a LICENSE matching package.json, and no internals', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(files.filter((f) => f.endsWith('schema.json')), ['package/schema.json']);
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/segmint/package.json'), 'utf8'));
    assert.equal(manifest.license, 'MIT');
    assert.match(readFileSync(join(consumer, 'node_modules/segmint/LICENSE'), 'utf8'), /^MIT License/);
    assert.ok(manifest.repository?.url, 'package.json has a repository');
    assert.deepEqual(files.filter((f) => /\.test\.|\/src\/|\/types\//.test(f)), []);
  });
});

describe('at run time', () => {
  it('works in plain Node ESM: both entries, the schema at the path SPEC §6 names, package.json', () => {
    const { code, output } = run(process.execPath, ['run-esm.mjs']);
    assert.equal(code, 0, output);
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    assert.deepEqual(JSON.parse(output), {
      createSegmint: 'function', rule: true, valid: true, schema: 'https://json-schema.org/draft/2020-12/schema', sameSchema: true, version, scriptTag: true,
    });
  });

  it('works from CommonJS: require("segmint/rules") is a CommonJS build; require("segmint") loads the ES module or says it is one', () => {
    const { code, output } = run(process.execPath, ['run-cjs.cjs']);
    assert.equal(code, 0, output);
    const result = JSON.parse(output.split('\n').find((line) => line.startsWith('{')));
    assert.equal(result.rule, true);
    assert.equal(result.pointer, '/productViews/gtee');
    // Node >= 20.19 require()s ES modules; older ones answer ERR_REQUIRE_ESM, which says so.
    assert.ok(result.main === 'function' || /^ERR_REQUIRE_ESM/.test(result.main), result.main);
  });

  it('bundles with esbuild for the browser, and segmint/rules for Node', async () => {
    const esbuild = await import('esbuild');
    const browser = await esbuild.build({ absWorkingDir: consumer, entryPoints: ['bundle-entry.js'], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
    assert.deepEqual(browser.errors, []);
    const code = browser.outputFiles[0].text;
    assert.match(code, /createSegmint/);
    assert.doesNotMatch(code, /require\(|from\s*["']segmint/);
    const node = await esbuild.build({ absWorkingDir: consumer, entryPoints: ['run-cjs.cjs'], bundle: true, platform: 'node', write: true, outfile: join(consumer, 'bundled.cjs'), logLevel: 'silent' });
    assert.deepEqual(node.errors, []);
    const { code: exit, output } = run(process.execPath, ['bundled.cjs']);
    assert.equal(exit, 0, output);
    assert.equal(JSON.parse(output.split('\n').find((line) => line.startsWith('{'))).rule, true);
  });

  it('builds with Vite: the npm entry bundled, and segmint/dist/segmint.js?url emitted with its chunks beside it', async () => {
    const { build } = await import('vite');
    await build({ root: consumer, configFile: join(consumer, 'vite.config.js'), build: { outDir: join(consumer, 'out') } });
    const assets = readdirSync(join(consumer, 'out/assets'));
    // Every file the core may fetch, so a new chunk the README's example does not list fails here.
    const served = readdirSync(join(root, 'dist')).filter((file) => /^segmint(-[a-z]+)?\.js$/.test(file));
    assert.ok(served.length > 5, served.join(', '));
    for (const file of served) {
      assert.ok(assets.includes(file), `${file} in ${assets.join(', ')}`);
      assert.equal(readFileSync(join(consumer, 'out/assets', file), 'utf8'), readFileSync(join(root, 'dist', file), 'utf8'));
    }
    const app = assets.find((file) => /^index-.*\.js$/.test(file));
    const code = readFileSync(join(consumer, 'out/assets', app), 'utf8');
    assert.match(code, /\/assets\/segmint\.js/);
    assert.match(code, /segmint-popup\.js|import\(/);
  });
});
