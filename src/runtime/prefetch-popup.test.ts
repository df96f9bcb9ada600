import { describe, expect, it } from 'vitest';
import type { ChunkName } from '../chunks/contract';
import { prepareConfig } from '../rules/prepare-config';
import { createProfile } from '../profile/profile';
import { recordEvent } from '../profile/record';
import { prefetchPagePopup, prefetchUncheckedPopup } from './prefetch-popup';

const NOW = 1_700_000_000_000;
const campaign = (id: string, extra: Record<string, unknown> = {}) => ({ id, content: { en: { title: id } }, ...extra });

/** The chunks `prefetchPagePopup` asks for with this config, on `path`, for `profile`. */
function prefetched(campaigns: unknown[], { path = '/', profile = createProfile(NOW), limits }: { path?: string; profile?: ReturnType<typeof createProfile>; limits?: object } = {}): ChunkName[] {
  const { prepared } = prepareConfig({ version: 1, defaultLocale: 'en', ...(limits && { limits }), campaigns }, () => NOW);
  const asked: ChunkName[] = [];
  prefetchPagePopup((name) => (asked.push(name), Promise.reject(new Error('not loaded in this test'))), prepared!, profile, path, NOW);
  return asked;
}

describe('prefetchPagePopup: the chunks of a popup that may show at once, before deciding', () => {
  it('asks for the campaign code and the renderer for a page-view popup without audience or delay', () => {
    expect(prefetched([campaign('welcome')])).toEqual(['engage', 'popup']);
    expect(prefetched([campaign('welcome', { trigger: { on: 'pageview' } })])).toEqual(['engage', 'popup']);
  });

  it('asks for the formats renderer instead for a popup with a teaser, a countdown or a question', () => {
    expect(prefetched([campaign('tab', { teaser: {}, content: { en: { title: 'tab', teaser: 'Open' } } })])).toEqual(['engage', 'formats']);
  });

  it('asks for nothing when no popup can show at once: an audience, a delay, another trigger, an inline slot', () => {
    expect(prefetched([
      campaign('gold', { audience: { 'traits.tier': 'gold' } }),
      campaign('later', { trigger: { on: 'pageview', delaySeconds: 2 } }),
      campaign('exit', { trigger: { on: 'exit-intent' } }),
      campaign('inline', { layout: { type: 'inline', slot: 'hero' } }),
    ])).toEqual([]);
  });

  it('asks for nothing on a page the popup is not for', () => {
    const cart = [campaign('cart', { pages: { include: ['/cart'] } })];
    expect(prefetched(cart, { path: '/' })).toEqual([]);
    expect(prefetched(cart, { path: '/cart' })).toEqual(['engage', 'popup']);
  });

  it('asks for nothing when the visitor\'s caps or the global limits hold the popup back', () => {
    const dismissed = recordEvent(createProfile(NOW - 3_600_000), { type: 'campaign', action: 'dismiss', campaign: 'welcome', variant: 'default' }, NOW - 3_600_000);
    expect(prefetched([campaign('welcome', { frequency: { afterDismissHours: 168 } })], { profile: dismissed })).toEqual([]);
    expect(prefetched([campaign('welcome', { frequency: { afterDismissHours: 0.5 } })], { profile: dismissed })).toEqual(['engage', 'popup']);
    const shown = { ...createProfile(NOW), sessionShown: 1 };
    expect(prefetched([campaign('welcome')], { profile: shown, limits: { maxPerSession: 1 } })).toEqual([]);
  });
});

/** The chunks `prefetchUncheckedPopup` asks for with this config value, as parsed and not checked. */
function prefetchedUnchecked(raw: unknown): ChunkName[] {
  const asked: ChunkName[] = [];
  prefetchUncheckedPopup((name) => (asked.push(name), Promise.reject(new Error('not loaded in this test'))), raw);
  return asked;
}

describe('prefetchUncheckedPopup: the same from the config as parsed, on a first visit, before the checks', () => {
  const config = (...campaigns: unknown[]) => ({ version: 1, defaultLocale: 'en', campaigns });

  it('asks for the campaign code and the renderer (or the formats one) for a popup shown at once to everyone on every page', () => {
    expect(prefetchedUnchecked(config(campaign('welcome')))).toEqual(['engage', 'popup']);
    expect(prefetchedUnchecked(config(campaign('exit', { trigger: { on: 'exit-intent' } }), campaign('welcome', { trigger: { on: 'pageview', delaySeconds: 0 } })))).toEqual(['engage', 'popup']);
    expect(prefetchedUnchecked(config(campaign('tab', { teaser: {} })))).toEqual(['engage', 'formats']);
  });

  it('asks for nothing where prefetchPagePopup would not (an audience, a delay, another trigger, an inline slot), nor for a popup on some pages only (that one waits for the profile)', () => {
    const waiting = [
      campaign('gold', { audience: { 'traits.tier': 'gold' } }),
      campaign('later', { trigger: { on: 'pageview', delaySeconds: 2 } }),
      campaign('exit', { trigger: { on: 'exit-intent' } }),
      campaign('inline', { layout: { type: 'inline', slot: 'hero' } }),
    ];
    expect(prefetchedUnchecked(config(...waiting))).toEqual([]);
    expect(prefetched(waiting)).toEqual([]);
    expect(prefetchedUnchecked(config(campaign('home', { pages: { include: ['/'] } })))).toEqual([]);
  });

  it('asks for nothing, and never throws, for values the checks would reject', () => {
    for (const raw of [null, [], 'x', { campaigns: 'welcome' }, config(null, 7, 'x', [campaign('in-array')]), config(campaign('bad', { trigger: 'pageview' }))]) {
      expect(prefetchedUnchecked(raw), JSON.stringify(raw)).toEqual([]);
    }
  });
});
