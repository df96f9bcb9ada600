import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { writeCheckedConfig } from '../cli/checked-config';
import { checkConfig } from '../rules/prepare-config';
import { readCheckedStamp, STAMP_START } from './checked-stamp';

/** The stamp's release, needs and digest, read apart here. */
const readStamp = (text: string) => {
  const [release, needs, digest] = JSON.parse(text).checked.split('|');
  return { release, needs: needs.split(',').map(decodeURIComponent), digest };
};

const config = {
  $schema: './node_modules/segmint/schema.json',
  version: 1,
  defaultLocale: 'en',
  segments: { fromFrance: { country: 'FR' } },
  campaigns: [{ id: 'welcome', audience: { all: [{ segment: 'fromFrance' }, { 'traits.tier, "gold"|x': 'gold' }] }, content: { en: { title: 'Bienvenue' } } }],
};
const neededByChecks = checkConfig(config).clean!.needs;

describe('a config stamped by segmint validate --checked', () => {
  const text = writeCheckedConfig(config, '9.9.9');

  it('is the config itself, with the stamp first, and the checks find no error in it', () => {
    expect(text.startsWith(STAMP_START)).toBe(true);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)[0]).toBe('checked');
    const { checked, ...rest } = parsed;
    expect(rest).toEqual(config);
    expect(typeof checked).toBe('string');
    expect(checkConfig(parsed).errors).toEqual([]);
  });

  it('names the needs the checks found, the release, and the SHA-256 of what follows (computed here apart)', async () => {
    expect(neededByChecks).toEqual(expect.arrayContaining(['country', 'traits.tier, "gold"|x']));
    const stamp = readStamp(text)!;
    expect(stamp.release).toBe('9.9.9');
    expect(stamp.needs).toEqual(neededByChecks);
    const after = text.slice(text.indexOf('",') + 2);
    const head = `9.9.9|${neededByChecks.map(encodeURIComponent).join(',')}|`;
    expect(stamp.digest).toBe(createHash('sha256').update(head + after).digest('hex'));
    expect(await readCheckedStamp(text, '9.9.9')).toEqual(neededByChecks);
  });

  it('does not match once the text changes anywhere, or for another release, or without the stamp first', async () => {
    expect(await readCheckedStamp(text.replace('Bienvenue', 'Bienvenuf'), '9.9.9')).toBeUndefined();
    expect(await readCheckedStamp(text.replace('"FR"', '"DE"'), '9.9.9')).toBeUndefined();
    expect(await readCheckedStamp(text.replace(/\|[0-9a-f]{64}"/, (m) => m.replace(/[0-9a-f]"$/, (c) => (c[0] === '0' ? '1"' : '0"'))), '9.9.9')).toBeUndefined();
    expect(await readCheckedStamp(text, '9.9.10')).toBeUndefined();
    const reordered = JSON.stringify({ version: 1, ...JSON.parse(text) });
    expect(await readCheckedStamp(reordered, '9.9.9')).toBeUndefined();
    expect(await readCheckedStamp(JSON.stringify(config), '9.9.9')).toBeUndefined();
    expect(await readCheckedStamp(undefined, '9.9.9')).toBeUndefined();
    // Its needs changed to leave one out: the digest covers them.
    const withoutCountry = text.replace(`|${neededByChecks.map(encodeURIComponent).join(',')}|`, `|${neededByChecks.filter((n) => n !== 'country').map(encodeURIComponent).join(',')}|`);
    expect(withoutCountry).not.toBe(text);
    expect(await readCheckedStamp(withoutCountry, '9.9.9')).toBeUndefined();
  });

  it('replaces a stamp the config had: a checked file checked again has one', () => {
    const again = writeCheckedConfig(JSON.parse(text.replace('Bienvenue', 'Salut')), '9.9.10');
    expect(again.match(/"checked"/g)).toHaveLength(1);
    expect(readStamp(again)!.release).toBe('9.9.10');
  });

  it('is refused for a config with errors, and the checks refuse a stamp that is not text', () => {
    expect(() => writeCheckedConfig({ ...config, version: 2 }, '9.9.9')).toThrow(/errors/);
    expect(checkConfig({ ...config, checked: 1 }).errors.map((e) => e.pointer)).toEqual(['/checked']);
  });
});
