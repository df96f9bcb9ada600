// @vitest-environment node
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../tests/unit/run-cli';
import { readCheckedStamp } from '../config/checked-stamp';
import { checkConfig } from '../rules/prepare-config';

const fixtures = join(__dirname, '../../tests/fixtures');
const store = join(fixtures, 'configs/valid/outdoor-store.json');
const visitor = join(fixtures, 'visitors/austrian-mobile.json');

const run = runCliCaptured;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function writeTemp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'segmint-cli-')), name);
  writeFileSync(file, text);
  return file;
}

describe('segmint validate', () => {
  it('exits 0 and says valid for a valid config', async () => {
    expect(await run('validate', store)).toEqual({ code: 0, out: `${store}: valid`, err: '' });
  });

  it('prints one error per line with pointer and did-you-mean, and exits 1', async () => {
    const file = writeTemp('bad.json', JSON.stringify({
      version: 1,
      defaultLocale: 'en',
      segments: { a: { productView: { gte: 2 } }, b: { productViews: { gtee: 2 } } },
    }));
    const { code, err } = await run('validate', file);
    expect(code).toBe(1);
    expect(err.split('\n')).toEqual([
      `${file}: /segments/a/productView: unknown signal "productView" (did you mean "productViews"?)`,
      `${file}: /segments/b/productViews/gtee: unknown operator "gtee" (did you mean "gte"?)`,
    ]);
  });

  it('reports malformed JSON with its line and column, without a stack trace', async () => {
    const file = writeTemp('broken.json', '{\n  "version": 1,\n  "defaultLocale": "en",,\n}');
    const { code, err } = await run('validate', file);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: /: not valid JSON`));
    expect(err).not.toMatch(/at .*\.js/);
  });

  it('prints machine-readable errors with --json', async () => {
    const file = writeTemp('v2.json', '{"version": 2, "defaultLocale": "en"}');
    const { code, out } = await run('validate', file, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({ file, ok: false, errors: [{ pointer: '/version', message: expect.stringContaining('unsupported config version') }] });
  });

  it('validates several files in one run: each verdict printed, exit 1 when any is invalid', async () => {
    const bad = writeTemp('bad.json', '{"version": 2, "defaultLocale": "en"}');
    const { code, out, err } = await run('validate', store, bad);
    expect(code).toBe(1);
    expect(out).toBe(`${store}: valid`);
    expect(err).toMatch(new RegExp(`^${escape(bad)}: /version: unsupported config version`));
    const json = JSON.parse((await run('validate', store, bad, '--json')).out);
    expect(json.map((r: { file: string; ok: boolean }) => [r.file, r.ok])).toEqual([[store, true], [bad, false]]);
    expect((await run('validate', store, store)).code).toBe(0);
  });

  it('still judges the other files when one is missing, and exits 2', async () => {
    const { code, out, err } = await run('validate', '/nonexistent/a.json', store);
    expect(code).toBe(2);
    expect(out).toBe(`${store}: valid`);
    expect(err).toBe('segmint: no such file: /nonexistent/a.json');
  });

  it('--checked writes the valid config stamped by this release, which the checks still pass and the runtime reads', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'segmint-cli-')), 'segmint.checked.json');
    const { code, out } = await run('validate', store, '--checked', target);
    expect([code, out]).toEqual([0, `${store}: valid; checked form written to ${target}`]);
    const text = readFileSync(target, 'utf8');
    const { checked, ...rest } = JSON.parse(text);
    expect(rest).toEqual(JSON.parse(readFileSync(store, 'utf8')));
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(checked.split('|')[0]).toBe(version);
    expect(await readCheckedStamp(text, version)).toEqual(checkConfig(rest).clean!.needs);
    expect((await run('validate', target)).code).toBe(0);
  });

  it('--checked writes nothing for a config with errors (exit 1), and takes one file (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segmint-cli-'));
    const bad = writeTemp('bad.json', '{"version": 2, "defaultLocale": "en"}');
    const failed = await run('validate', bad, '--checked', join(dir, 'out.json'));
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/unsupported config version[\s\S]*out\.json not written: a config with errors has no checked form/);
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    expect(await run('validate', store, store, '--checked', join(dir, 'out.json'))).toEqual({ code: 2, out: '', err: 'segmint: --checked writes one config: give one file' });
    expect((await run('validate', '/nonexistent/a.json', '--checked', join(dir, 'out.json'))).err).toBe('segmint: no such file: /nonexistent/a.json');
  });

  it('exits 2 when the file does not exist', async () => {
    const { code, err } = await run('validate', '/nonexistent/segmint.json');
    expect(code).toBe(2);
    expect(err).toBe('segmint: no such file: /nonexistent/segmint.json');
  });
});

describe('malformed JSON', () => {
  // [what, text, line, column, the message's words]: each names where the mistake is.
  const at = (text: string, line: number, needle: string): number => text.split('\n')[line - 1].indexOf(needle) + 1;
  const list = '{\n  "segments": { "a": { "country": { "in": ["DE", "AT",] } } }\n}';
  const cases: [string, string, number, number, string][] = [
    ['a trailing comma in an object', '{\n  "version": 1,\n  "defaultLocale": "en",\n}', 3, 24, 'trailing comma'],
    ['a trailing comma in a list', list, 2, at(list, 2, ',]'), 'trailing comma'],
    ['a line comment', '{\n  // the store\n  "version": 1\n}', 2, 3, 'comments are not allowed'],
    ['a block comment', '{ "version": 1, /* v1 */ "defaultLocale": "en" }', 1, 17, 'comments are not allowed'],
    ['a single-quoted value', '{\n  "version": 1,\n  "defaultLocale": \'en\'\n}', 3, 20, 'double quotes'],
    ['a single-quoted name', "{\n  'version': 1\n}", 2, 3, 'double quotes'],
    ['an unquoted name', '{\n  version: 1\n}', 2, 3, 'double quotes'],
    ['a missing comma', '{\n  "version": 1\n  "defaultLocale": "en"\n}', 3, 3, 'expected "," or "}"'],
    ['a doubled comma', '{\n  "version": 1,,\n  "defaultLocale": "en"\n}', 2, 16, 'property name'],
    ['a cut-off file', '{\n  "version": 1,\n  "segments": {', 3, 16, 'ends inside an object'],
    ['an unclosed string', '{\n  "defaultLocale": "en\n}', 2, 20, 'not closed'],
    ['text after the config', '{ "version": 1 } }', 1, 18, 'after the end'],
    ['undefined as a value', '{ "version": undefined }', 1, 14, 'not a JSON value'],
  ];

  it.each(cases)('names the line and column of %s, and shows that line once with a caret', async (_, text, line, column, words) => {
    const file = writeTemp('broken.json', text);
    const { code, err } = await run('validate', file);
    expect(code).toBe(1);
    const lines = err.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${escape(file)}:${line}:${column}: /: not valid JSON: .*${escape(words)}`));
    const source = text.split('\n')[line - 1];
    expect(lines[1]).toBe(`    ${source}`);
    expect(lines[2]).toBe(`    ${' '.repeat(column - 1)}^`);
    expect(err).not.toMatch(/at .*\.js/);
  });

  it('agrees with JSON.parse: every case above is rejected by it, and valid JSON is accepted', async () => {
    for (const [, text] of cases) expect(() => JSON.parse(text)).toThrow();
    expect((await run('validate', writeTemp('ok.json', '\uFEFF{ "version": 1, "defaultLocale": "en" }'))).code).toBe(0);
  });

  it('shows the stretch around the column of a long minified line, not the whole file', async () => {
    const config = JSON.stringify({ version: 1, defaultLocale: 'en', segments: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`s${i}`, { country: 'AT' }])) });
    const text = config.replace('"s150"', "'s150'");
    const file = writeTemp('min.json', text);
    const { err } = await run('validate', file);
    const [first, excerpt, caret] = err.split('\n');
    const column = text.indexOf("'s150'") + 1;
    expect(first).toContain(`:1:${column}:`);
    expect(excerpt.length).toBeLessThan(120);
    expect(excerpt).toContain("'s150'");
    expect(excerpt[caret.length - 1]).toBe("'");
  });

  it('gives the line and column for a visitor file too', async () => {
    const file = writeTemp('visitor.json', '{\n  "locale": "de-AT",\n}');
    const { code, err } = await run('simulate', store, '--visitor', file);
    expect(code).toBe(1);
    expect(err.split('\n')[0]).toMatch(new RegExp(`^${escape(file)}:2:20: /: not valid JSON: trailing comma`));
  });
});

describe('usage', () => {
  it.each([
    [[], 'no command given'],
    [['frobnicate', 'a.json'], 'unknown command "frobnicate"'],
    [['validat', 'a.json'], 'unknown command "validat" (did you mean "validate"?)'],
    [['--jsn'], 'unknown option --jsn'],
    [['validate'], 'validate needs a config file'],
    [['validate', 'a.json', '--jsn'], 'unknown option --jsn (did you mean "--json"?)'],
    [['validate', 'a.json', '--json=yes'], '--json takes no value'],
    [['simulate', 'a.json'], 'simulate needs --visitor'],
    [['simulate', 'a.json', '--visitor'], '--visitor needs a value'],
    [['simulate', 'a.json', 'b.json', '--visitor', 'v.json'], 'simulate takes one config file, got 2: a.json b.json'],
    [['simulate', 'a.json', '--visitor', 'v.json', '--visitor', 'w.json'], '--visitor is given twice'],
  ])('for %j says what was wrong, then the usage, and exits 2', async (args, problem) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    const [first, blank, usage] = err.split('\n');
    expect(first).toBe(`segmint: ${problem}`);
    expect(blank).toBe('');
    expect(usage).toBe('usage:');
  });

  it('prints the usage of every command with --help, on stdout, exit 0', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}segmint validate /m);
    expect(out).toMatch(/^ {2}segmint simulate /m);
    const one = await run('simulate', '--help');
    expect(one.code).toBe(0);
    expect(one.out).not.toContain('segmint validate');
  });

  it('prints the package version with --version', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(await run('--version')).toEqual({ code: 0, out: version, err: '' });
  });
});

describe('segmint simulate', () => {
  const at = '2026-12-03T10:00:00Z';

  it('names the campaign that would show, with variant and locale, and why the others would not', async () => {
    const { code, out } = await run('simulate', store, '--visitor', visitor, '--at', at);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('visitor "visitor-42" (de-AT, mobile, /products/trail-tent-2p) at 2026-12-03T10:00:00.000Z');
    expect(lines[1]).toMatch(/^ {2}shows {2}tent-cross-sell {2}variant (a|b), locale de, trigger pageview/);
    expect(lines[2]).toBe('  no     win-back         frequency.afterDismissHours');
  });

  it('leaves out a cross-sell with nothing to offer, as the browser does (reason offer), and names what it offers', async () => {
    const given = JSON.parse(readFileSync(visitor, 'utf8'));
    const shown = JSON.parse((await run('simulate', store, '--visitor', visitor, '--at', at, '--json')).out);
    expect(shown.winner).toMatchObject({ id: 'tent-cross-sell', shows: true, products: ['SKU-MAT', 'SKU-LAMP'] });
    const { product: _, ...elsewhere } = given;
    const noProduct = JSON.parse((await run('simulate', store, '--visitor', writeTemp('v.json', JSON.stringify(elsewhere)), '--at', at, '--json')).out);
    expect(noProduct.campaigns.find((c: { id: string }) => c.id === 'tent-cross-sell').reason).toBe('offer');
    const inCart = { ...given, cartItems: ['SKU-MAT', 'SKU-LAMP'] };
    const full = JSON.parse((await run('simulate', store, '--visitor', writeTemp('v.json', JSON.stringify(inCart)), '--at', at, '--json')).out);
    expect(full.campaigns.find((c: { id: string }) => c.id === 'tent-cross-sell').reason).toBe('offer');
  });

  it('rejects a product the catalog does not have', async () => {
    const file = writeTemp('v.json', JSON.stringify({ locale: 'de-AT', product: 'SKU-TENT-2' }));
    const { code, err } = await run('simulate', store, '--visitor', file);
    expect(code).toBe(1);
    expect(err).toBe(`${file}: /product: the product this page is about is a product id of the config's catalog, not "SKU-TENT-2" (did you mean "SKU-TENT-2P"?)`);
  });

  it('points at the failing condition and the value found', async () => {
    const fresh = writeTemp('fresh.json', JSON.stringify({ locale: 'en-US', country: 'US', path: '/' }));
    const { out } = await run('simulate', store, '--visitor', fresh, '--at', at);
    expect(out.split('\n').slice(1)).toEqual([
      'shows nothing: no campaign is eligible',
      '  no     tent-cross-sell  pages',
      '  no     win-back         audience /segments/lapsed-buyers/purchases/gte (found 0)',
    ]);
  });

  it('judges schedules at --at: before the campaign starts, nothing shows', async () => {
    const { code, out } = await run('simulate', store, '--visitor', visitor, '--at', '2026-11-01T10:00:00Z', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.winner).toBeNull();
    expect(result.campaigns.find((c: { id: string }) => c.id === 'tent-cross-sell').reason).toBe('schedule');
  });

  it('applies the frequency history given in the visitor file', async () => {
    const dismissed = writeTemp('dismissed.json', JSON.stringify({
      locale: 'de-AT', country: 'AT', path: '/products/trail-tent-2p', pageType: 'product',
      campaigns: { 'tent-cross-sell': { dismissedAt: '2026-12-03T09:00:00Z' } },
    }));
    const result = JSON.parse((await run('simulate', store, '--visitor', dismissed, '--at', at, '--json')).out);
    expect(result.campaigns.find((c: { id: string }) => c.id === 'tent-cross-sell').reason).toBe('frequency.afterDismissHours');
  });

  it('with --expect, exits 1 when another campaign (or none) shows', async () => {
    expect((await run('simulate', store, '--visitor', visitor, '--at', at, '--expect', 'tent-cross-sell')).code).toBe(0);
    const { code, err } = await run('simulate', store, '--visitor', visitor, '--at', at, '--expect', 'none');
    expect(code).toBe(1);
    expect(err).toBe('expected "none" to show, but "tent-cross-sell" shows');
  });

  it('on the demo\'s product page, names each slot\'s fill, the countdown\'s end and the answer; --expect takes an inline campaign', async () => {
    const demo = join(fixtures, '../../demo/site/segmint.json');
    const answered = writeTemp('answered.json', JSON.stringify({
      locale: 'en-US', path: '/products/camp-lamp', product: 'SKU-LAMP', slots: ['pdp-below-price'],
      campaigns: { 'brew-question': { answer: 'filter', convertedAt: '2026-12-03T09:00:00Z' }, 'leaving-coupon': { impressions: 1, firstImpressionAt: '2026-12-03T09:45:00Z' } },
    }));
    const { code, out } = await run('simulate', demo, '--visitor', answered, '--at', at);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toContain('slot pdp-below-price: filter-pick');
    expect(lines.find((line) => line.includes(' filter-pick '))).toMatch(/^ {2}shows {2}filter-pick +variant default, locale en, in slot pdp-below-price, offers SKU-DRIPPER$/);
    expect(lines.find((line) => line.includes(' goes-well-with '))).toMatch(/eligible, but "filter-pick" has priority in slot pdp-below-price$/);
    expect(lines.find((line) => line.includes(' brew-question '))).toMatch(/frequency\.afterConversionHours; asks traits\.brewMethod, answered "filter"$/);
    // The popup that shows beside the slot: the coupon, 30 minutes from its first impression.
    expect(lines.find((line) => line.includes(' leaving-coupon '))).toMatch(/^ {2}shows {2}leaving-coupon +variant default, locale en, trigger exit-intent; countdown ends 2026-12-03T10:15:00\.000Z$/);
    expect((await run('simulate', demo, '--visitor', answered, '--at', at, '--expect', 'filter-pick')).code).toBe(0);
    const other = await run('simulate', demo, '--visitor', answered, '--at', at, '--expect', 'espresso-pick');
    expect(other.code).toBe(1);
    expect(other.err).toBe('expected "espresso-pick" to fill slot pdp-below-price, but "filter-pick" fills it');
    // Without the slot on the page, the inline campaigns say so.
    const noSlot = writeTemp('no-slot.json', JSON.stringify({ locale: 'en-US', path: '/products/camp-lamp', product: 'SKU-LAMP' }));
    const bare = (await run('simulate', demo, '--visitor', noSlot, '--at', at)).out.split('\n');
    expect(bare.find((line) => line.includes(' goes-well-with '))).toMatch(/ slot \(the page has no slot pdp-below-price\)$/);
    expect((await run('simulate', demo, '--visitor', noSlot, '--at', at, '--expect', 'goes-well-with')).err).toBe('expected "goes-well-with" to fill slot pdp-below-price, but the page has no such slot');
  });

  it('reports a visitor file that is not an object of signals', async () => {
    const file = writeTemp('list.json', '[1, 2]');
    const { code, err } = await run('simulate', store, '--visitor', file);
    expect(code).toBe(1);
    expect(err).toContain('a visitor is a JSON object of signals');
  });

  it('with --expect naming no campaign of the config, says so with the nearest id', async () => {
    const { code, err } = await run('simulate', store, '--visitor', visitor, '--at', at, '--expect', 'tent-crosssell');
    expect(code).toBe(1);
    expect(err).toBe('expected "tent-crosssell" to show, but "tent-cross-sell" shows; the config has no campaign "tent-crosssell" (did you mean "tent-cross-sell"?)');
  });

  it.each([
    [{ productView: 3 }, '/productView: unknown signal "productView" (did you mean "productViews"?)'],
    [{ device: 'phone' }, '/device: "device" is one of "mobile", "tablet", "desktop", not "phone"'],
    [{ pageType: 'prodct' }, '/pageType: "pageType" is one of "home", "product", "category", "cart", "checkout", "other", not "prodct" (did you mean "product"?)'],
    [{ productViews: '3' }, '/productViews: "productViews" is a number, not "3"'],
    [{ languages: 'de' }, '/languages: "languages" is a list of strings, not "de"'],
    [{ isReturning: 'yes' }, '/isReturning: "isReturning" is true or false, not "yes"'],
    [{ device: null }, '/device: "device" is never null'],
    [{ lastPurchaseAt: 'last week' }, '/lastPurchaseAt: "lastPurchaseAt" is a time: epoch milliseconds or an ISO time such as "2026-10-01T12:00:00Z", not "last week"'],
    [{ 'traits.tier': 'gold' }, '/traits.tier: traits are nested in a visitor file: { "traits": { "tier": … } }'],
    [{ traits: { tier: ['gold'] } }, '/traits/tier: a string, number or boolean (as identify() stores it), not ["gold"]'],
    [{ events: { wishlist_add: -1 } }, '/events/wishlist_add: a count: a whole number, 0 or more, not -1'],
    [{ campaigns: { 'tent-crosssell': { impressions: 1 } } }, '/campaigns/tent-crosssell: no campaign "tent-crosssell" in the config (did you mean "tent-cross-sell"?)'],
    [{ campaigns: { 'win-back': { dismissed: '2026-12-01T00:00:00Z' } } }, '/campaigns/win-back/dismissed: unknown history field "dismissed" (did you mean "dismissedAt"?)'],
  ])('rejects a visitor file the browser could never produce: %j', async (given, message) => {
    const file = writeTemp('visitor.json', JSON.stringify({ locale: 'de-AT', ...given }));
    const { code, out, err } = await run('simulate', store, '--visitor', file, '--at', at, '--expect', 'none');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`${file}: ${message}`);
  });

  it('accepts every signal of the catalogue with a value of its type, and ISO times for timestamps', async () => {
    const file = writeTemp('everything.json', JSON.stringify({
      locale: 'de-AT', language: 'de', languages: ['de-AT'], country: null, timezone: 'Europe/Vienna', currency: 'EUR',
      device: 'tablet', os: 'ios', browser: 'safari', touch: true, reducedMotion: false, darkMode: false, viewportWidth: 800,
      url: 'https://shop.example/', path: '/', pageType: 'home', referrer: null, referrerType: 'direct',
      utmSource: null, utmMedium: null, utmCampaign: null, hour: 10, weekday: 4, sessions: 2, pageViews: 5, sessionPageViews: 1,
      productViews: 0, cartAdds: 0, purchases: 1, isReturning: true, firstSeen: 1764547200000, lastSeen: null,
      lastPurchaseAt: '2026-09-01T00:00:00Z', sessionSeconds: 10, viewedProducts: [], viewedCategories: [], topCategory: null,
      cartItems: [], cartValue: 0, totalSpent: 80, averageOrderValue: 80, traits: { tier: 'gold' }, events: { wishlist_add: 2 },
    }));
    const { code, err, out } = await run('simulate', store, '--visitor', file, '--at', at, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    // The ISO purchase time is read as a time: more than 60 days before --at, so the visitor has lapsed.
    const winBack = JSON.parse(out).campaigns.find((c: { id: string }) => c.id === 'win-back');
    expect(winBack.reason).not.toBe('audience');
  });

  it('rejects an --at that is not a time', async () => {
    expect((await run('simulate', store, '--visitor', visitor, '--at', 'tomorrow')).code).toBe(2);
  });
});

describe('the installed bin', () => {
  it('runs as `segmint` with a shebang and sets the exit code', async () => {
    const bin = join(__dirname, '../../dist/cli.js');
    expect(execFileSync(bin, ['validate', store], { encoding: 'utf8' }).trim()).toBe(`${store}: valid`);
    const failed = spawnSync(bin, ['simulate', store, '--visitor', visitor, '--at', '2026-12-03T10:00:00Z', '--expect', 'none'], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
  });
});
