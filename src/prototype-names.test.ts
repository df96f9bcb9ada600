import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createSegmint } from './index';
import type { Config, Segmint } from './types';
import { createProfile } from './profile/profile';
import { recordEvent } from './profile/record';
import { reviveProfile } from './profile/revive';
import { findCap } from './campaigns/frequency';
import { findAttributions } from './campaigns/attribution';
import { presentCampaign } from './campaigns/present';
import { prepareConfig } from './rules/prepare-config';

// Issue 12, defect 3: names a marketer or visitor chooses become keys of segmint's maps. Names of
// Object.prototype members must behave like any other name: counted, capped, stored, revived.
const MEMBER_NAMES = ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupGetter__'];
const NOW = Date.UTC(2026, 11, 1, 12);

describe('names of Object.prototype members', () => {
  it.each(MEMBER_NAMES)('a campaign named %j is capped after its impression, and its stored history revives intact', (id) => {
    let profile = createProfile(NOW);
    expect(findCap(id, { maxImpressions: 1 }, profile, NOW)).toBeNull();
    profile = recordEvent(profile, { type: 'campaign', action: 'impression', campaign: id, variant: 'default' }, NOW);
    profile = recordEvent(profile, { type: 'campaign', action: 'click', campaign: id, variant: 'default', locale: 'en' }, NOW + 1);
    expect(profile.campaigns[id]).toMatchObject({ impressions: 1, sessionImpressions: 1, clickedAt: NOW + 1 });
    expect(findCap(id, { maxImpressions: 1 }, profile, NOW + 2)).toBe('maxImpressions');

    // Through JSON, as storage and other tabs hand it back.
    const revived = reviveProfile(JSON.parse(JSON.stringify(profile)), NOW + 3)!;
    expect(revived.dropped).toEqual([]);
    expect(findCap(id, { maxImpressions: 1 }, revived.profile, NOW + 3)).toBe('maxImpressions');
    const attributed = findAttributions(revived.profile, [{ id, attributionHours: 24 } as never], NOW + 4);
    expect(attributed).toEqual([{ campaign: id, variant: 'default', locale: 'en' }]);
  });

  it.each(MEMBER_NAMES)('a campaign never shown reads as never shown, even when another was (%j)', (id) => {
    const revived = reviveProfile(JSON.parse(JSON.stringify(createProfile(NOW))), NOW)!;
    expect(findCap(id, { maxImpressions: 1 }, revived.profile, NOW)).toBeNull();
    expect(findAttributions(revived.profile, [{ id, attributionHours: 24 } as never], NOW)).toEqual([]);
  });

  it.each(MEMBER_NAMES)('events and traits named %j are counted and stored like any other', (name) => {
    let profile = createProfile(NOW);
    profile = recordEvent(profile, { type: 'track', name }, NOW);
    profile = recordEvent(profile, { type: 'track', name }, NOW);
    profile = recordEvent(profile, { type: 'identify', traits: { [name]: 'gold' } }, NOW);
    profile = recordEvent(profile, { type: 'track', name: 'view_item', props: { id: 'p', category: name } }, NOW);
    const revived = reviveProfile(JSON.parse(JSON.stringify(profile)), NOW)!;
    expect(revived.dropped).toEqual([]);
    expect(revived.profile.events[name]).toBe(2);
    expect(revived.profile.traits[name]).toBe('gold');
    expect(revived.profile.categoryViews[name]).toBe(1);
  });

  it('a profile revived from storage has maps that know no inherited names', () => {
    const revived = reviveProfile(JSON.parse(JSON.stringify(createProfile(NOW))), NOW)!.profile;
    for (const map of [revived.campaigns, revived.events, revived.traits, revived.categoryViews]) {
      for (const name of MEMBER_NAMES) expect((map as Record<string, unknown>)[name]).toBeUndefined();
    }
  });

  it('a product id from the page that names a member is no product of the catalog', () => {
    const { prepared } = prepareConfig({
      version: 1, defaultLocale: 'en',
      catalog: { tent: { name: { en: 'Tent' }, crossSell: ['mat'] }, mat: { name: { en: 'Mat' } } },
      campaigns: [{ id: 'x', content: { en: { title: 'About {product}' } } }],
    });
    for (const map of [prepared!.catalog, prepared!.segments]) {
      for (const name of MEMBER_NAMES) expect((map as Record<string, unknown>)[name]).toBeUndefined();
    }
    const campaign = prepared!.campaigns[0];
    const audience = { preferredLocales: ['en'], locale: 'en', currency: 'USD', device: 'desktop', traits: {} };
    for (const currentProduct of MEMBER_NAMES) {
      const shown = presentCampaign(campaign, campaign.variants[0], audience, { ...prepared!, theme: undefined }, { currentProduct, cartItems: [], viewedProducts: [] });
      expect(shown!.missing).toEqual(['{product}']);
    }
  });
});

describe('a campaign named after an Object.prototype member, in the runtime', () => {
  let instances: Segmint[] = [];
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    instances.forEach((instance) => instance.destroy());
    instances = [];
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('keeps its frequency cap across pages and reports no invalid stored values', { timeout: 30_000 }, async () => {
    const config: Config = {
      version: 1, defaultLocale: 'en',
      campaigns: MEMBER_NAMES.map((id) => ({ id, trigger: { on: 'event', event: id }, frequency: { maxImpressions: 1 }, content: { en: { title: `Hello ${id}` } } })),
    };
    const errors: string[] = [];
    const impressions: string[] = [];
    for (let page = 0; page < 2; page++) {
      const sm = createSegmint({ config });
      instances.push(sm);
      sm.on('error', (error) => errors.push(error.message));
      sm.on('impression', ({ campaign }) => impressions.push(`${page}:${campaign}`));
      await sm.start();
      for (const id of MEMBER_NAMES) {
        sm.track(id);
        await sm.profile();
        await vi.waitFor(() => expect(impressions.length).toBeGreaterThanOrEqual(page === 0 ? MEMBER_NAMES.indexOf(id) + 1 : MEMBER_NAMES.length), { timeout: 10_000 });
        document.querySelector('segmint-root')?.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label], .sm-close, button')?.click();
        await sm.profile();
      }
      sm.destroy();
      document.body.innerHTML = '';
    }
    expect(impressions).toEqual(MEMBER_NAMES.map((id) => `0:${id}`));
    expect(errors).toEqual([]);
  });
});
