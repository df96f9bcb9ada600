// @vitest-environment node
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const fixtures = join(__dirname, '../../tests/fixtures');
const store = join(fixtures, 'configs/valid/outdoor-store.json');
const visitor = join(fixtures, 'visitors/austrian-mobile.json');

function run(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function writeTemp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'segmint-cli-')), name);
  writeFileSync(file, text);
  return file;
}

describe('segmint validate', () => {
  it('exits 0 and says valid for a valid config', () => {
    expect(run('validate', store)).toEqual({ code: 0, out: `${store}: valid`, err: '' });
  });

  it('prints one error per line with pointer and did-you-mean, and exits 1', () => {
    const file = writeTemp('bad.json', JSON.stringify({
      version: 1,
      defaultLocale: 'en',
      segments: { a: { productView: { gte: 2 } }, b: { productViews: { gtee: 2 } } },
    }));
    const { code, err } = run('validate', file);
    expect(code).toBe(1);
    expect(err.split('\n')).toEqual([
      `${file}: /segments/a/productView: unknown signal "productView" (did you mean "productViews"?)`,
      `${file}: /segments/b/productViews/gtee: unknown operator "gtee" (did you mean "gte"?)`,
    ]);
  });

  it('reports malformed JSON with its line and column, without a stack trace', () => {
    const file = writeTemp('broken.json', '{\n  "version": 1,\n  "defaultLocale": "en",,\n}');
    const { code, err } = run('validate', file);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: /: not valid JSON`));
    expect(err).not.toMatch(/at .*\.js/);
  });

  it('prints machine-readable errors with --json', () => {
    const file = writeTemp('v2.json', '{"version": 2, "defaultLocale": "en"}');
    const { code, out } = run('validate', file, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({ file, ok: false, errors: [{ pointer: '/version', message: expect.stringContaining('unsupported config version') }] });
  });

  it.each([[[]], [['validate']], [['validate', 'a.json', 'b.json']], [['validate', 'a.json', '--jsn']], [['frobnicate', 'a.json']]])(
    'exits 2 with usage for %j',
    (args) => {
      const { code, err } = run(...args);
      expect(code).toBe(2);
      expect(err).toContain('usage:');
    },
  );

  it('exits 2 when the file does not exist', () => {
    const { code, err } = run('validate', '/nonexistent/segmint.json');
    expect(code).toBe(2);
    expect(err).toBe('segmint: no such file: /nonexistent/segmint.json');
  });
});

describe('segmint simulate', () => {
  const at = '2026-12-03T10:00:00Z';

  it('names the campaign that would show, with variant and locale, and why the others would not', () => {
    const { code, out } = run('simulate', store, '--visitor', visitor, '--at', at);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('visitor "visitor-42" (de-AT, mobile, /products/trail-tent-2p) at 2026-12-03T10:00:00.000Z');
    expect(lines[1]).toMatch(/^ {2}shows {2}tent-cross-sell {2}variant (a|b), locale de, trigger pageview/);
    expect(lines[2]).toBe('  no     win-back         frequency.afterDismissHours');
  });

  it('points at the failing condition and the value found', () => {
    const fresh = writeTemp('fresh.json', JSON.stringify({ locale: 'en-US', country: 'US', path: '/' }));
    const { out } = run('simulate', store, '--visitor', fresh, '--at', at);
    expect(out.split('\n').slice(1)).toEqual([
      'shows nothing: no campaign is eligible',
      '  no     tent-cross-sell  pages',
      '  no     win-back         audience /segments/lapsed-buyers/purchases/gte (found 0)',
    ]);
  });

  it('judges schedules at --at: before the campaign starts, nothing shows', () => {
    const { code, out } = run('simulate', store, '--visitor', visitor, '--at', '2026-11-01T10:00:00Z', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.winner).toBeNull();
    expect(result.campaigns.find((c: { id: string }) => c.id === 'tent-cross-sell').reason).toBe('schedule');
  });

  it('applies the frequency history given in the visitor file', () => {
    const dismissed = writeTemp('dismissed.json', JSON.stringify({
      locale: 'de-AT', country: 'AT', path: '/products/trail-tent-2p', pageType: 'product',
      campaigns: { 'tent-cross-sell': { dismissedAt: '2026-12-03T09:00:00Z' } },
    }));
    const result = JSON.parse(run('simulate', store, '--visitor', dismissed, '--at', at, '--json').out);
    expect(result.campaigns.find((c: { id: string }) => c.id === 'tent-cross-sell').reason).toBe('frequency.afterDismissHours');
  });

  it('with --expect, exits 1 when another campaign (or none) shows', () => {
    expect(run('simulate', store, '--visitor', visitor, '--at', at, '--expect', 'tent-cross-sell').code).toBe(0);
    const { code, err } = run('simulate', store, '--visitor', visitor, '--at', at, '--expect', 'none');
    expect(code).toBe(1);
    expect(err).toBe('expected "none" to show, but "tent-cross-sell" shows');
  });

  it('reports a visitor file that is not an object of signals', () => {
    const file = writeTemp('list.json', '[1, 2]');
    const { code, err } = run('simulate', store, '--visitor', file);
    expect(code).toBe(1);
    expect(err).toContain('a visitor is a JSON object of signals');
  });

  it('rejects an --at that is not a time', () => {
    expect(run('simulate', store, '--visitor', visitor, '--at', 'tomorrow').code).toBe(2);
  });
});

describe('the installed bin', () => {
  it('runs as `segmint` with a shebang and sets the exit code', () => {
    const bin = join(__dirname, '../../dist/cli.js');
    expect(execFileSync(bin, ['validate', store], { encoding: 'utf8' }).trim()).toBe(`${store}: valid`);
    const failed = spawnSync(bin, ['simulate', store, '--visitor', visitor, '--at', '2026-12-03T10:00:00Z', '--expect', 'none'], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
  });
});
