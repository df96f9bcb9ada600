// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs an ES module snippet in plain Node (no DOM), resolving `segmint` through package.json `exports`. */
function runInNode(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the published package', () => {
  it('has been built', () => {
    expect(existsSync(`${root}/dist/rules.js`), 'dist/ is missing: run `npm run build` first').toBe(true);
  });

  it('runs segmint/rules in plain Node with no DOM', () => {
    const output = runInNode(`
      import { compileCondition, validateConfig, ConfigError } from 'segmint/rules';
      const test = compileCondition({ all: [{ country: { in: ['DE', 'AT'] } }, { productViews: { gte: 2 } }] });
      let pointer;
      try { compileCondition({ productViews: { gtee: 2 } }); } catch (e) { pointer = e instanceof ConfigError && e.pointer; }
      console.log(JSON.stringify({
        dom: typeof document,
        yes: test({ country: 'AT', productViews: 3 }),
        no: test({ country: 'FR', productViews: 3 }),
        pointer,
        valid: validateConfig({ version: 1, defaultLocale: 'en' }).ok,
      }));
    `);
    expect(JSON.parse(output)).toEqual({ dom: 'undefined', yes: true, no: false, pointer: '/productViews/gtee', valid: true });
  });

  it('ships the JSON Schema as segmint/schema.json', () => {
    const output = runInNode(`
      import schema from 'segmint/schema.json' with { type: 'json' };
      console.log(schema.$schema);
    `);
    expect(output.trim()).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('exposes createSegmint from the main entry', () => {
    expect(runInNode(`import { createSegmint } from 'segmint'; console.log(typeof createSegmint);`).trim()).toBe('function');
  });

  it('refuses deep imports of internals', () => {
    expect(() => runInNode(`await import('segmint/dist/rules.js');`)).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED|not exported/);
  });
});
