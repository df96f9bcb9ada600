import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChunkLoader } from '../chunks/contract';
import { ConfigError } from '../rules/config-error';
import { checkLoadedConfig } from './check-loaded-config';
import { formatConfigError } from '../rules/config-messages';
import { deleteDatabase } from '../profile/database';
import { loadCheckedConfig, rememberConfig, type ConfigSource } from './load-checked-config';
import { readCheckedConfig, saveCheckedConfig } from './checked-config-cache';

const campaign = (id: string, extra: Record<string, unknown> = {}) => ({ id, audience: { device: 'mobile' }, content: { en: { title: id } }, ...extra });
const configWith = (...campaigns: unknown[]) => ({ version: 1, defaultLocale: 'en', segments: { mobile: { device: 'mobile' } }, campaigns });

/** One page view: load the config as start() does, then keep it as start() does once the profile is open. */
async function pageView(raw: unknown, { persistent = true, inline = false } = {}) {
  const checks = vi.fn(() => Promise.resolve({ checkLoadedConfig }));
  const loadChunk = ((name: string) => (name === 'check' ? checks() : name === 'diagnose' ? Promise.resolve({ formatConfigError }) : Promise.reject(new Error(name)))) as ChunkLoader;
  const report = vi.fn();
  const source: ConfigSource = { load: async () => structuredClone(raw), cacheKey: inline ? undefined : 'https://shop.test/segmint.json' };
  const config = await loadCheckedConfig({ source, now: () => 1_700_000_000_000, report, loadChunk });
  if (config) rememberConfig(source, config, persistent, 1_700_000_000_000);
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
    const { needs, ...older } = kept.clean;
    expect(needs).toEqual(['country', 'device']);
    await saveCheckedConfig('https://shop.test/segmint.json', { fingerprint: kept.fingerprint, clean: older as typeof kept.clean });
    const again = await pageView(raw);
    expect(again.checked).toBe(true);
    expect([...again.config!.prepared.needs]).toEqual(['country', 'device']);
  });
});
