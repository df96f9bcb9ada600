// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// tests/RELIABILITY.md maps every item of the fault catalogue (RELIABILITY.md, items 1–60) to the
// tests that reproduce it. This keeps the map from rotting: every item is there, and every test it
// names exists, under that exact title, in that file.

const root = join(__dirname, '../..');
const map = readFileSync(join(root, 'tests/RELIABILITY.md'), 'utf8');
const ITEMS = 60;

interface Entry {
  item: number;
  file: string;
  title: string;
}

/** `## N. …` headings, each followed by `` - `file` › title `` lines. */
export function readMap(text: string): Map<number, Entry[]> {
  const items = new Map<number, Entry[]>();
  let current: number | undefined;
  for (const line of text.split('\n')) {
    const heading = /^## (\d+)\. /.exec(line);
    if (heading) {
      current = Number(heading[1]);
      items.set(current, []);
      continue;
    }
    const entry = /^- `([^`]+)` › (.+)$/.exec(line);
    if (entry && current !== undefined) items.get(current)!.push({ item: current, file: entry[1], title: entry[2].trim() });
  }
  return items;
}

/**
 * The titles of a test file: the string or template literal given first to `it`, `test`,
 * `describe` (with any `.only`/`.serial`-style modifier) or to what `.each([...])` returns. A template's
 * `${…}` parts and vitest's `%s`-style slots are kept as written; the map quotes such a title as it
 * is in the source.
 */
export function readTitles(source: string): string[] {
  const titles: string[] = [];
  for (let i = 0; i < source.length; i++) {
    // Comments are skipped: an apostrophe in one would start a string that is not there.
    if (source.startsWith('//', i)) {
      i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
      continue;
    }
    if (source.startsWith('/*', i)) {
      i = source.indexOf('*/', i + 2) === -1 ? source.length : source.indexOf('*/', i + 2) + 1;
      continue;
    }
    const quote = source[i];
    if (quote !== "'" && quote !== '"' && quote !== '`') continue;
    const end = findStringEnd(source, i);
    const before = source.slice(Math.max(0, i - 60), i);
    if ((/\b(?:it|test|describe)(?:\.\w+)*\s*\(\s*$/.test(before) || /\)\s*\(\s*$/.test(before)) && /^\s*,/.test(source.slice(end + 1, end + 20))) {
      titles.push(unescape(source.slice(i + 1, end)));
    }
    i = end;
  }
  return titles;
}

function findStringEnd(source: string, start: number): number {
  const quote = source[start];
  let depth = 0;
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (quote === '`' && c === '$' && source[i + 1] === '{') {
      depth++;
      i++;
    } else if (depth > 0 && c === '}') depth--;
    else if (depth > 0 && (c === "'" || c === '"' || c === '`')) i = findStringEnd(source, i);
    else if (depth === 0 && c === quote) return i;
  }
  return source.length;
}

function unescape(text: string): string {
  return text.replace(/\\(['"`\\])/g, '$1');
}

describe('tests/RELIABILITY.md', () => {
  const items = readMap(map);

  it('maps every item 1–60 of the fault catalogue, each to at least one test', () => {
    const missing = Array.from({ length: ITEMS }, (_, i) => i + 1).filter((n) => !items.get(n)?.length);
    expect(missing, 'items without a test').toEqual([]);
    expect([...items.keys()].filter((n) => n < 1 || n > ITEMS), 'items that are not in the catalogue').toEqual([]);
  });

  it('names only tests that exist, under their exact title, in the file named', () => {
    const titlesOf = new Map<string, string[]>();
    const broken: string[] = [];
    for (const entry of [...items.values()].flat()) {
      const path = join(root, entry.file);
      if (!existsSync(path)) {
        broken.push(`§${entry.item}: no file ${entry.file}`);
        continue;
      }
      if (!titlesOf.has(entry.file)) titlesOf.set(entry.file, readTitles(readFileSync(path, 'utf8')));
      if (!titlesOf.get(entry.file)!.includes(entry.title)) broken.push(`§${entry.item}: ${entry.file} has no test "${entry.title}"`);
    }
    expect(broken).toEqual([]);
  });

  it('would see a renamed test: the title reader finds titles of it, test, describe and it.each, and nothing else', () => {
    const source = [
      "describe('group', () => {",
      "  it('plain title', async () => {});",
      '  test(`templated ${name} title`, () => {});',
      "  it.each([['a', 1]])('each %s title', (_n, v) => { call('not a title'); log('neither', 2); });",
      "  it(\"it's quoted\", () => {});",
      "  // a comment's apostrophe, then it('commented out', () => {})",
      '});',
    ].join('\n');
    expect(readTitles(source)).toEqual(['group', 'plain title', 'templated ${name} title', 'each %s title', "it's quoted"]);
    const renamed = readMap('## 1. x\n- `f` › plain title (renamed)\n');
    expect(readTitles(source).includes(renamed.get(1)![0].title)).toBe(false);
  });
});
