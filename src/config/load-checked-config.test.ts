import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChunkLoader } from '../chunks/contract';
import { ConfigError } from '../rules/config-error';
import { checkLoadedConfig } from './check-loaded-config';
import { formatConfigError } from '../rules/config-messages';
import { deleteDatabase, openDatabase } from '../profile/database';
import { fetchConfig } from './load-config';
import { loadCheckedConfig, rememberConfig, type ConfigSource } from './load-checked-config';
import { readCheckedConfig, saveCheckedConfig } from './checked-config-cache';
import { fingerprintSteps } from './fingerprint-steps';
import { VERSION } from './release';
import { writeCheckedConfig } from '../cli/checked-config';

const campaign = (id: string, extra: Record<string, unknown> = {}) => ({ id, audience: { device: 'mobile' }, content: { en: { title: id } }, ...extra });
const configWith = (...campaigns: unknown[]) => ({ version: 1, defaultLocale: 'en', segments: { mobile: { device: 'mobile' } }, campaigns });

/** One page view: load the config as start() does, then keep it as start() does once the profile is open. */
async function pageView(raw: unknown, { persistent = true, inline = false, at = 1_700_000_000_000 } = {}) {
  const checks = vi.fn(() => Promise.resolve({ checkLoadedConfig }));
  const loadChunk = ((name: string) => (name === 'check' ? checks() : name === 'diagnose' ? Promise.resolve({ formatConfigError }) : name === 'fingerprint' ? Promise.resolve({ fingerprintSteps }) : Promise.reject(new Error(name)))) as ChunkLoader;
  const report = vi.fn();
  const source: ConfigSource = { load: async () => structuredClone(raw), cacheKey: inline ? undefined : 'https://shop.test/segmint.json' };
  const config = await loadCheckedConfig({ source, now: () => at, report, loadChunk });
  if (config) rememberConfig(source, config, persistent, at);
  // Let the writes and the error reports (written off the start path) land.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { config, checked: checks.mock.calls.length > 0, report };
}

afterEach(() => deleteDatabase());

describe('loadCheckedConfig: the checks run once per config text', () => {
  it('checks a config on the first page view, and compiles the kept checked form on the next without loading the checks', async () => {
    const raw = configWith(campaign('a'), campaign('b', { audience: { segment: 'mobile' }, schedule: { from: '2023-01-01T00:00:00Z' } }));
    const first = await pageView(raw);
    expect(first.checked).toBe(true);
    const second = await pageView(raw);
    expect(second.checked).toBe(false);
    const [a, b] = second.config!.prepared.campaigns;
    expect([a.id, b.id, b.order, b.schedule.from]).toEqual(['a', 'b', 1, Date.parse('2023-01-01T00:00:00Z')]);
    // The compiled rules work: same answers as the freshly checked config gives.
    for (const signals of [{ device: 'mobile' }, { device: 'desktop' }]) {
      expect(second.config!.prepared.campaigns.map((c) => c.audience!.test(signals))).toEqual(first.config!.prepared.campaigns.map((c) => c.audience!.test(signals)));
    }
    expect(Object.keys(second.config!.prepared.segments)).toEqual(['mobile']);
  });

  it('checks again when the config text changes, and refuses what the new text gets wrong', async () => {
    await pageView(configWith(campaign('a')));
    const changed = await pageView(configWith(campaign('a'), campaign('bad', { priority: 'high' })));
    expect(changed.checked).toBe(true);
    expect(changed.config!.prepared.campaigns.map((c) => c.id)).toEqual(['a']);
    const error = changed.report.mock.calls.map(([e]) => e).find((e) => e instanceof ConfigError) as ConfigError;
    expect([error.pointer, error.code]).toEqual(['/campaigns/1/priority', 'expected-finite-number']);
  });

  it('keeps nothing of a config with errors: it is checked, and its errors reported, on every page view', async () => {
    const raw = configWith(campaign('a'), campaign('typo', { audiance: {} }));
    for (let view = 0; view < 2; view++) {
      const { checked, report, config } = await pageView(raw);
      expect(checked).toBe(true);
      expect(report.mock.calls.map(([e]) => [e.pointer, e.code])).toEqual([['/campaigns/1/audiance', 'unknown-field']]);
      expect(config!.rejected).toEqual([{ id: 'typo', pointer: '/campaigns/1/audiance' }]);
    }
  });

  it('keeps nothing where storing is not allowed', async () => {
    const raw = configWith(campaign('a'));
    await pageView(raw, { persistent: false });
    expect((await pageView(raw, { persistent: false })).checked).toBe(true);
  });

  it('keeps an inline config (no URL) under its own key, apart from a fetched one', async () => {
    const raw = configWith(campaign('a'));
    await pageView(raw, { inline: true });
    expect((await pageView(raw, { inline: true })).checked).toBe(false);
    expect((await pageView(raw)).checked).toBe(true);
  });

  it('refuses a config that is unusable as a whole, with the same code, whether or not another was kept', async () => {
    await pageView(configWith(campaign('a')), { inline: true });
    const { config, report } = await pageView({ version: 2, defaultLocale: 'en' }, { inline: true });
    expect(config).toBeNull();
    expect(report.mock.calls.map(([e]) => [e.pointer, e.code])).toEqual([['/version', 'unsupported-version']]);
  });

  it('checks again a kept form it cannot compile (one kept before the checks named the signals it needs)', async () => {
    const raw = configWith(campaign('a', { audience: { country: 'DE' } }));
    await pageView(raw);
    const kept = (await readCheckedConfig('https://shop.test/segmint.json'))!;
    const { needs, ...older } = kept;
    expect(needs).toEqual(['country', 'device']);
    await saveCheckedConfig('https://shop.test/segmint.json', older as typeof kept);
    const again = await pageView(raw);
    expect(again.checked).toBe(true);
    expect([...again.config!.prepared.needs]).toEqual(['country', 'device']);
  });

  it('keeps only a fingerprint, not a second copy of the config, and writes nothing again for a day', async () => {
    const raw = configWith(campaign('a'), campaign('b', { priority: 2 }));
    const day = 86_400_000;
    const stored = async () => {
      const db = await openDatabase();
      return { checked: await db.get('checked:https://shop.test/segmint.json'), fallback: await db.get('config:https://shop.test/segmint.json') };
    };
    await pageView(raw);
    const first = await stored();
    expect(first.checked).toEqual({ fingerprint: expect.any(String), savedAt: 1_700_000_000_000, needs: ['device'] });
    expect((first.fallback as { savedAt: number }).savedAt).toBe(1_700_000_000_000);
    // A page view an hour later finds it kept and writes neither again…
    expect((await pageView(raw, { at: 1_700_000_000_000 + day / 24 })).checked).toBe(false);
    expect(await stored()).toEqual(first);
    // …one more than a day later writes both, so the fallback never ages out while it is current.
    expect((await pageView(raw, { at: 1_700_000_000_000 + day + 1 })).checked).toBe(false);
    const later = await stored();
    expect([(later.checked as { savedAt: number }).savedAt, (later.fallback as { savedAt: number }).savedAt]).toEqual([1_700_000_000_000 + day + 1, 1_700_000_000_000 + day + 1]);
  });

  it('keeps a fetched config as the text it came as, and falls back to it, parsed, when fetching fails', async () => {
    const raw = configWith(campaign('a'), campaign('b'));
    const text = JSON.stringify(raw, null, 1);
    const now = () => 1_700_000_000_000;
    const loadChunk = ((name: string) => (name === 'check' ? Promise.resolve({ checkLoadedConfig }) : Promise.reject(new Error(name)))) as ChunkLoader;
    vi.stubGlobal('fetch', vi.fn(async () => new Response(text, { status: 200 })));
    const url = 'https://shop.test/segmint.json';
    const source: ConfigSource = { load: () => fetchConfig(url, url), cacheKey: url };
    try {
      const config = await loadCheckedConfig({ source, now, report: vi.fn(), loadChunk });
      rememberConfig(source, config!, true, now());
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(((await (await openDatabase()).get(`config:${url}`)) as { config: unknown }).config).toBe(text);
      vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 503 })));
      const report = vi.fn();
      const fallback = await loadCheckedConfig({ source, now, report, loadChunk });
      expect(fallback!.fromCache).toBe(true);
      expect(fallback!.prepared.campaigns.map((c) => c.id)).toEqual(['a', 'b']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('loadCheckedConfig: the fingerprint of a fetched config text', () => {
  const url = 'https://shop.test/segmint.json';
  /** One page view of a config fetched as `text`, as start() loads and keeps it. */
  async function fetchedView(text: string) {
    const checks = vi.fn(() => Promise.resolve({ checkLoadedConfig }));
    const fingerprint = vi.fn(() => (fingerprintChunk ? Promise.resolve({ fingerprintSteps }) : Promise.reject(new Error('offline'))));
    const loadChunk = ((name: string) => (name === 'check' ? checks() : name === 'fingerprint' ? fingerprint() : Promise.reject(new Error(name)))) as ChunkLoader;
    vi.stubGlobal('fetch', vi.fn(async () => new Response(text, { status: 200 })));
    const source: ConfigSource = { load: () => fetchConfig(url, url), cacheKey: url };
    const config = await loadCheckedConfig({ source, now: () => 1_700_000_000_000, report: vi.fn(), loadChunk });
    rememberConfig(source, config!, true, 1_700_000_000_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { checked: checks.mock.calls.length > 0, fingerprint: (await readCheckedConfig(url))?.fingerprint, fingerprintChunk: fingerprint.mock.calls.length > 0 };
  }
  /** Whether the `fingerprint` chunk loads (a page offline once the config came). */
  let fingerprintChunk = true;
  const text = JSON.stringify(configWith(campaign('a'), campaign('b')));
  // The same length, one character apart.
  const changed = text.replace('"b"', '"c"');
  afterEach(() => vi.unstubAllGlobals());

  it('is the SHA-256 of the text where the browser hashes it: the same text is not checked again, a changed one is', async () => {
    const digest = vi.spyOn(crypto.subtle, 'digest');
    try {
      const first = await fetchedView(text);
      expect(first.checked).toBe(true);
      const expected = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) => b.toString(16).padStart(2, '0')).join('');
      expect(first.fingerprint).toBe(`:sha256:${text.length}:${expected}`);
      expect(digest).toHaveBeenCalledWith('SHA-256', expect.anything());
      expect(first.fingerprintChunk).toBe(false);
      expect((await fetchedView(text)).checked).toBe(false);
      expect((await fetchedView(changed)).checked).toBe(true);
      expect((await fetchedView(changed)).checked).toBe(false);
    } finally {
      digest.mockRestore();
    }
  });

  it('is hashed here where the browser has no crypto.subtle (an http page), with the same answers; a kept SHA-256 is checked again once', async () => {
    await fetchedView(text);
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => globalThis.crypto.getRandomValues(bytes) });
    const insecure = await fetchedView(text);
    expect(insecure.checked).toBe(true);
    expect(insecure.fingerprintChunk).toBe(true);
    expect(insecure.fingerprint).not.toContain('sha256');
    expect((await fetchedView(text)).checked).toBe(false);
    expect((await fetchedView(changed)).checked).toBe(true);
  });

  it('where it cannot hash and the fingerprint chunk cannot be loaded, checks the config on every page view and keeps no fingerprint', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => globalThis.crypto.getRandomValues(bytes) });
    fingerprintChunk = false;
    try {
      for (let view = 0; view < 2; view++) {
        const offline = await fetchedView(text);
        expect([offline.checked, offline.fingerprintChunk, offline.fingerprint]).toEqual([true, true, undefined]);
      }
    } finally {
      fingerprintChunk = true;
    }
  });
});

describe('loadCheckedConfig: a config text stamped by segmint validate --checked', () => {
  const url = 'https://shop.test/segmint.json';
  const raw = configWith(campaign('a', { audience: { country: 'DE' } }), campaign('b'));
  /** One page view of `text` fetched, as start() loads and keeps it: which chunks it asked for, and the needs it said. */
  async function stampedView(text: string, { stamped = true, mayHaveKept = false } = {}) {
    const asked: string[] = [];
    const needs: string[][] = [];
    const ran = vi.fn(checkLoadedConfig);
    const loadChunk = ((name: string) => (asked.push(name), name === 'check' ? Promise.resolve({ checkLoadedConfig: ran }) : Promise.reject(new Error(name)))) as ChunkLoader;
    vi.stubGlobal('fetch', vi.fn(async () => new Response(text, { status: 200 })));
    const source: ConfigSource = { load: () => fetchConfig(url, url, loadChunk), cacheKey: url, stamped };
    const config = await loadCheckedConfig({ source, now: () => 1_700_000_000_000, report: vi.fn(), loadChunk, mayHaveKept, onNeeds: (n) => needs.push([...n].sort()) });
    rememberConfig(source, config!, true, 1_700_000_000_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { config, asked, checked: ran.mock.calls.length > 0, needs, kept: await readCheckedConfig(url) };
  }
  afterEach(() => vi.unstubAllGlobals());

  it('with data-config-checked, compiles it with the needs of its stamp and never loads the checks; it is kept as a checked one is', async () => {
    const text = writeCheckedConfig(raw, VERSION);
    const first = await stampedView(text);
    expect(first.asked).toEqual([]);
    expect(first.needs).toEqual([['country', 'device']]);
    expect(first.config!.prepared.campaigns.map((c) => c.id)).toEqual(['a', 'b']);
    // The same rules as the checked config compiles to: a visitor from DE qualifies for a, not one from FR.
    const signals = (country: string) => ({ country, device: 'mobile' });
    expect(first.config!.prepared.campaigns.map((c) => [c.audience!.test(signals('DE')), c.audience!.test(signals('FR'))])).toEqual([[true, false], [true, true]]);
    expect(first.kept?.needs.sort()).toEqual(['country', 'device']);
    expect((await stampedView(text, { mayHaveKept: true })).asked).toEqual([]);
  });

  it('without data-config-checked, the checks are fetched ahead as for any config, but do not run for a matching stamp', async () => {
    const text = writeCheckedConfig(raw, VERSION);
    for (const mayHaveKept of [false, true]) {
      await deleteDatabase();
      const view = await stampedView(text, { stamped: false, mayHaveKept });
      expect([view.asked, view.checked]).toEqual([['check'], false]);
      expect(view.config!.prepared.campaigns.map((c) => c.id)).toEqual(['a', 'b']);
    }
  });

  it('checks a stamped text edited since, and one stamped by another release, as any other', async () => {
    const text = writeCheckedConfig(raw, VERSION);
    const edited = await stampedView(text.replace('"DE"', '"FR"'));
    expect([edited.asked, edited.checked]).toEqual([['check'], true]);
    expect(edited.config!.prepared.campaigns.map((c) => c.id)).toEqual(['a', 'b']);
    await deleteDatabase();
    expect((await stampedView(writeCheckedConfig(raw, `${VERSION}-other`))).asked).toEqual(['check']);
  });

  it('checks a stamped text where the browser cannot hash (no crypto.subtle)', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => globalThis.crypto.getRandomValues(bytes) });
    // (The fingerprint's own chunk is asked for too on such a page.)
    const view = await stampedView(writeCheckedConfig(raw, VERSION));
    expect([view.asked.includes('check'), view.checked]).toEqual([true, true]);
  });
});

describe('loadCheckedConfig: onNeeds, so what the config needs loads beside the rest of the start', () => {
  const raw = { ...configWith(campaign('a', { audience: { country: 'DE' } })), catalog: {} };
  const run = (load: () => Promise<unknown>) => {
    const calls: string[] = [];
    const loadChunk = ((name: string) => (name === 'check' ? Promise.resolve({ checkLoadedConfig }) : Promise.reject(new Error(name)))) as ChunkLoader;
    const source: ConfigSource = { load: async () => { const value = await load(); calls.push('loaded'); return value; }, cacheKey: 'https://shop.test/segmint.json' };
    const done = loadCheckedConfig({ source, now: () => 1_700_000_000_000, report: vi.fn(), loadChunk, onNeeds: (needs) => calls.push(`needs ${[...needs].sort().join(',')}`) });
    return { calls, done };
  };

  it('on a first visit, says the needs the checks found, once they are known', async () => {
    const { calls, done } = run(async () => structuredClone(raw));
    const config = await done;
    expect(calls).toEqual(['loaded', 'needs country,device']);
    expect([...config!.prepared.needs].sort()).toEqual(['country', 'device']);
  });

  it('with a kept checked form, says the needs kept with it', async () => {
    const first = run(async () => structuredClone(raw));
    rememberConfig({ load: async () => raw, cacheKey: 'https://shop.test/segmint.json' }, (await first.done)!, true, 1_700_000_000_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { calls, done } = run(async () => structuredClone(raw));
    await done;
    expect(calls).toEqual(['loaded', 'needs country,device']);
  });

  it('says nothing for a config that cannot be used', async () => {
    const { calls, done } = run(async () => ({ version: 99 }));
    expect(await done).toBeNull();
    expect(calls).toEqual(['loaded']);
  });
});

describe('loadCheckedConfig: what starts loading before the config is there', () => {
  const raw = configWith(campaign('a'));
  /** A start whose config answers only when `answer()` is called; `calls` in the order they came. */
  const run = (mayHaveKept: boolean | undefined) => {
    const calls: string[] = [];
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const loadChunk = ((name: string) => (calls.push(`chunk ${name}`), name === 'check' ? Promise.resolve({ checkLoadedConfig }) : Promise.reject(new Error(name)))) as ChunkLoader;
    const text = JSON.stringify(raw);
    const source: ConfigSource = { load: () => answered.then(() => fetchConfig('https://shop.test/segmint.json', 'https://shop.test/')), cacheKey: 'https://shop.test/segmint.json' };
    vi.stubGlobal('fetch', async () => new Response(text, { status: 200 }));
    const done = loadCheckedConfig({ source, now: () => 1_700_000_000_000, report: vi.fn(), loadChunk, mayHaveKept, onText: (t) => calls.push(`text ${t === text}`) });
    return { calls, answer, done };
  };
  afterEach(() => vi.unstubAllGlobals());

  it('on a first visit (nothing kept, as the journal says), asks for the checks before the config has answered', async () => {
    const { calls, answer, done } = run(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual(['chunk check']);
    answer();
    expect(await done).not.toBeNull();
    expect(calls[1]).toBe('text true');
  });

  it('where something may be kept, asks for the checks only once reading IndexedDB finds nothing', async () => {
    await openDatabase();
    const { calls, answer, done } = run(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The database exists but keeps nothing: the checks are asked for once that is read, still before the config.
    expect(calls).toEqual(['chunk check']);
    answer();
    await done;
    expect(calls.slice(0, 2)).toEqual(['chunk check', 'text true']);
  });

  it('tells the config text before checking it', async () => {
    const { calls, answer, done } = run(undefined);
    answer();
    await done;
    expect(calls.indexOf('text true')).toBeGreaterThan(-1);
  });

  it('where the host requires consent and the page has not given it, reads no IndexedDB and asks for the checks at once, though the journal may remember a page', async () => {
    const kept = configWith(campaign('a'));
    // An earlier page that stored the profile kept this config as checked.
    await pageView(kept);
    expect(await readCheckedConfig('https://shop.test/segmint.json')).toBeDefined();
    const source: ConfigSource = { load: async () => structuredClone(kept), cacheKey: 'https://shop.test/segmint.json' };
    const at = 1_700_000_000_000;
    const databases = vi.spyOn(indexedDB, 'databases');
    const open = vi.spyOn(indexedDB, 'open');
    const asked: string[] = [];
    const config = await loadCheckedConfig({ source, now: () => at, report: vi.fn(), mayHaveKept: true, options: { consent: 'required' },
      loadChunk: ((name: string) => (asked.push(name), Promise.resolve({ checkLoadedConfig }))) as ChunkLoader });
    expect(config?.prepared.campaigns.map((c) => c.id)).toEqual(['a']);
    expect(asked[0], 'the checks first, at once').toBe('check');
    expect([databases.mock.calls.length, open.mock.calls.length]).toEqual([0, 0]);
    databases.mockRestore();
    open.mockRestore();
  });

  it('where the host requires consent and the page has given it (consent(true) before the config came), compiles the kept checked form without the checks', async () => {
    const kept = configWith(campaign('a'));
    await pageView(kept);
    const source: ConfigSource = { load: async () => structuredClone(kept), cacheKey: 'https://shop.test/segmint.json' };
    const asked: string[] = [];
    const config = await loadCheckedConfig({ source, now: () => 1_700_000_000_000, report: vi.fn(), mayHaveKept: true, options: { consent: 'required' }, state: { requestedConsent: true },
      loadChunk: ((name: string) => (asked.push(name), Promise.resolve({ checkLoadedConfig, fingerprintSteps }))) as ChunkLoader });
    expect(config?.prepared.campaigns.map((c) => c.id)).toEqual(['a']);
    expect(config?.clean?.isNew).toBe(false);
    expect(asked).not.toContain('check');
  });

  it('uses the load the start began (a fetched config asked for in the script\'s own task) instead of loading again', async () => {
    const load = vi.fn(async () => configWith(campaign('again')));
    const config = await loadCheckedConfig({ source: { load, cacheKey: 'https://shop.test/segmint.json' }, now: () => 1_700_000_000_000, report: vi.fn(),
      loadChunk: (async () => ({ checkLoadedConfig })) as never, loading: Promise.resolve(configWith(campaign('started'))) });
    expect(config?.prepared.campaigns.map((c) => c.id)).toEqual(['started']);
    expect(load).not.toHaveBeenCalled();
  });
});
