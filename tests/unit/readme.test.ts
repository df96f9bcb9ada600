// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module script without types
import { renderReadme, readRawBase } from '../../scripts/write-readme.mjs';

const root = join(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(root, 'src/schema.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('README.md', () => {
  it('has the reference tables the schema gives (run `node scripts/write-readme.mjs` when this fails)', () => {
    expect(readme).toBe(renderReadme(readme, schema, manifest));
  });

  it('lists every config and campaign field of the schema, with its description', () => {
    for (const [name, property] of [...Object.entries(schema.properties), ...Object.entries(schema.$defs.campaign.properties)] as [string, { description?: string }][]) {
      if (name === '$schema') continue;
      expect(readme).toContain(`| \`${name}\` | ${property.description?.replace(/\.$/, '').replace(/\|/g, '\\|')}`);
    }
    expect(readme).toMatch(/\| `theme` \|[^\n]*`scheme`/);
  });

  it('shows images by absolute URLs into the repository, each of a file that exists', () => {
    const sources = [...readme.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(0);
    const base = readRawBase(manifest);
    for (const source of sources) {
      expect(source.startsWith(`${base}/`), source).toBe(true);
      expect(existsSync(join(root, source.slice(base.length + 1))), source).toBe(true);
    }
  });
});
