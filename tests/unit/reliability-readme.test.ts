// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module script without types
import { countReliability, renderReliability } from '../../scripts/reliability-counts.mjs';
import { listCases } from '../e2e/security-corpus.mjs';

const root = join(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const map = readFileSync(join(root, 'tests/RELIABILITY.md'), 'utf8');

describe('README.md, Reliability', () => {
  it('states the counts the map and the corpus give (run `npm run readme` when this fails)', () => {
    expect(readme).toBe(renderReliability(readme, countReliability(map)));
    expect(readme).toMatch(/\*\*\d+ faults injected, \d+ bad inputs tried, 0 host errors\.\*\*/);
  });

  it('counts what it says: the distinct tests of items 1–50, and every corpus case once', () => {
    const tests = new Set<string>();
    for (const section of map.split(/^## /m).slice(1)) {
      const item = Number(/^(\d+)\./.exec(section)?.[1]);
      if (item > 50) continue;
      for (const line of section.split('\n')) if (line.startsWith('- `')) tests.add(line);
    }
    const cases: string[] = listCases();
    expect(countReliability(map)).toEqual({ faults: tests.size, badInputs: cases.length });
    expect(new Set(cases).size, 'no case counted twice').toBe(cases.length);
    expect(countReliability('## 1. a\n- `f` › t\n- `f` › t\n## 51. b\n- `g` › u\n').faults).toBe(1);
  });
});
