import { describe, expect, it } from 'vitest';
import { decideCampaign, evaluateCampaign, type DecisionInput } from './decide';
import type { PreparedConfig } from '../rules/prepare-config';
import type { Profile } from '../profile/profile';
import { recordEvent, type ProfileEvent } from '../profile/record';
import { HOUR, MINUTE, campaign, campaignEvent, prepare, profileAfter, signalsFor } from '../../tests/unit/campaigns';

const T0 = Date.parse('2026-03-02T10:00:00Z');

function inputFor(config: PreparedConfig, profile: Profile, now: number, page: Record<string, unknown> = {}): DecisionInput {
  return { signals: signalsFor(profile, now, page), profile, now, limits: config.limits };
}

function winnerId(config: PreparedConfig, profile: Profile, now: number, page: Record<string, unknown> = {}): string | null {
  return decideCampaign(config.campaigns, inputFor(config, profile, now, page))?.id ?? null;
}

describe('decideCampaign', () => {
  it('shows the eligible campaign with the highest priority', () => {
    const config = prepare({ campaigns: [campaign('low', { priority: 1 }), campaign('high', { priority: 10 }), campaign('none')] });
    expect(winnerId(config, profileAfter(T0), T0)).toBe('high');
  });

  it('breaks priority ties by config order', () => {
    const config = prepare({ campaigns: [campaign('first', { priority: 5 }), campaign('second', { priority: 5 }), campaign('third', { priority: 5 })] });
    expect(winnerId(config, profileAfter(T0), T0)).toBe('first');
    expect(winnerId({ ...config, campaigns: [...config.campaigns].reverse() }, profileAfter(T0), T0)).toBe('first');
  });

  it('treats a missing priority as 0, below a positive one and above a negative one', () => {
    const config = prepare({ campaigns: [campaign('negative', { priority: -1 }), campaign('default')] });
    expect(winnerId(config, profileAfter(T0), T0)).toBe('default');
  });

  it('passes over a higher-priority campaign that is not eligible', () => {
    const config = prepare({
      campaigns: [campaign('mobile-only', { priority: 10, audience: { device: 'mobile' } }), campaign('everyone', { priority: 1 })],
    });
    expect(winnerId(config, profileAfter(T0), T0, { device: 'desktop' })).toBe('everyone');
    expect(winnerId(config, profileAfter(T0), T0, { device: 'mobile' })).toBe('mobile-only');
  });

  it('shows nothing when no campaign is eligible', () => {
    const config = prepare({ campaigns: [campaign('mobile-only', { audience: { device: 'mobile' } })] });
    expect(winnerId(config, profileAfter(T0), T0, { device: 'desktop' })).toBeNull();
    expect(decideCampaign([], inputFor(config, profileAfter(T0), T0))).toBeNull();
  });

  it('does not reorder the candidates it is given', () => {
    const config = prepare({ campaigns: [campaign('a', { priority: 1 }), campaign('b', { priority: 2 })] });
    const candidates = [...config.campaigns];
    decideCampaign(candidates, inputFor(config, profileAfter(T0), T0));
    expect(candidates.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('uses segments in audiences', () => {
    const config = prepare({
      segments: { dach: { country: { in: ['DE', 'AT', 'CH'] } } },
      campaigns: [campaign('dach-only', { audience: { all: [{ segment: 'dach' }, { pageType: 'product' }] } })],
    });
    expect(winnerId(config, profileAfter(T0), T0, { country: 'AT', pageType: 'product' })).toBe('dach-only');
    expect(winnerId(config, profileAfter(T0), T0, { country: 'AT', pageType: 'cart' })).toBeNull();
    expect(winnerId(config, profileAfter(T0), T0, { country: 'FR', pageType: 'product' })).toBeNull();
  });

  it('reads behaviour from the profile', () => {
    const config = prepare({ campaigns: [campaign('browsers', { audience: { productViews: { gte: 3 }, cartAdds: 0 } })] });
    const views = [1, 2, 3].map((i): [ProfileEvent, number] => [{ type: 'track', name: 'view_item', props: { id: `SKU-${i}` } }, T0 + i * MINUTE]);
    expect(winnerId(config, profileAfter(T0, views.slice(0, 2)), T0 + 5 * MINUTE)).toBeNull();
    expect(winnerId(config, profileAfter(T0, views), T0 + 5 * MINUTE)).toBe('browsers');
    const withCart = profileAfter(T0, [...views, [{ type: 'track', name: 'add_to_cart', props: { id: 'SKU-1' } }, T0 + 4 * MINUTE]]);
    expect(winnerId(config, withCart, T0 + 5 * MINUTE)).toBeNull();
  });
});

describe('evaluateCampaign', () => {
  it('shows a campaign without pages on every page', () => {
    const config = prepare({ campaigns: [campaign('anywhere')] });
    for (const path of ['/', '/products/tent', '/checkout/pay']) {
      expect(evaluateCampaign(config.campaigns[0], inputFor(config, profileAfter(T0), T0, { path })).eligible).toBe(true);
    }
  });

  it('shows a campaign only on included pages and never on excluded ones', () => {
    const config = prepare({
      campaigns: [campaign('products', { pages: { include: ['/products/*', '/collections/*'], exclude: ['/products/gift-card*'] } })],
    });
    const at = (path: string) => evaluateCampaign(config.campaigns[0], inputFor(config, profileAfter(T0), T0, { path }));
    expect(at('/products/trail-tent').eligible).toBe(true);
    expect(at('/collections/tents').eligible).toBe(true);
    expect(at('/products/gift-card-50')).toEqual({ id: 'products', eligible: false, reason: 'pages' });
    expect(at('/cart')).toEqual({ id: 'products', eligible: false, reason: 'pages' });
    expect(at('/')).toEqual({ id: 'products', eligible: false, reason: 'pages' });
  });

  it('applies exclude alone to every other page', () => {
    const config = prepare({ campaigns: [campaign('not-checkout', { pages: { exclude: ['/checkout*', '/cart'] } })] });
    const at = (path: string) => evaluateCampaign(config.campaigns[0], inputFor(config, profileAfter(T0), T0, { path })).eligible;
    expect([at('/'), at('/products/x'), at('/cart'), at('/checkout/pay')]).toEqual([true, true, false, false]);
  });

  it('reports the audience pointer and the value that failed', () => {
    const config = prepare({ campaigns: [campaign('mobile', { audience: { all: [{ device: 'mobile' }, { productViews: { gte: 3 } }] } })] });
    expect(evaluateCampaign(config.campaigns[0], inputFor(config, profileAfter(T0), T0, { device: 'mobile' }))).toEqual({
      id: 'mobile',
      eligible: false,
      reason: 'audience',
      pointer: '/campaigns/0/audience/all/1/productViews/gte',
      actual: 0,
    });
  });

  it('reports a campaign outside its schedule', () => {
    const config = prepare({ campaigns: [campaign('holiday', { schedule: { from: '2026-12-01T00:00:00Z', until: '2027-01-06T00:00:00Z' } })] });
    expect(evaluateCampaign(config.campaigns[0], inputFor(config, profileAfter(T0), T0))).toEqual({ id: 'holiday', eligible: false, reason: 'schedule' });
    const december = Date.parse('2026-12-10T12:00:00Z');
    expect(evaluateCampaign(config.campaigns[0], inputFor(config, profileAfter(december), december)).eligible).toBe(true);
  });

  it('keeps a dismissed campaign hidden until afterDismissHours have passed', () => {
    const config = prepare({ campaigns: [campaign('promo', { frequency: { afterDismissHours: 168 } })] });
    const profile = profileAfter(T0, [
      [campaignEvent('impression', 'promo'), T0],
      [campaignEvent('dismiss', 'promo'), T0 + MINUTE],
    ]);
    const at = (now: number) => evaluateCampaign(config.campaigns[0], inputFor(config, profile, now));
    expect(at(T0 + 2 * MINUTE)).toEqual({ id: 'promo', eligible: false, reason: 'frequency.afterDismissHours' });
    expect(at(T0 + MINUTE + 167 * HOUR).eligible).toBe(false);
    expect(at(T0 + MINUTE + 168 * HOUR).eligible).toBe(true);
  });

  it('keeps showing a campaign that was only seen, when only afterDismissHours is set', () => {
    const config = prepare({ campaigns: [campaign('promo', { frequency: { afterDismissHours: 168 } })] });
    const profile = profileAfter(T0, [[campaignEvent('impression', 'promo'), T0]]);
    expect(evaluateCampaign(config.campaigns[0], inputFor(config, profile, T0 + MINUTE)).eligible).toBe(true);
  });

  it('stops every campaign once the global maxPerSession is reached, until a new session', () => {
    const config = prepare({ limits: { maxPerSession: 2 }, campaigns: [campaign('a'), campaign('b'), campaign('c')] });
    const shownTwice = profileAfter(T0, [
      [{ type: 'page' }, T0],
      [campaignEvent('impression', 'a'), T0 + MINUTE],
      [campaignEvent('impression', 'b'), T0 + 2 * MINUTE],
    ]);
    expect(evaluateCampaign(config.campaigns[2], inputFor(config, shownTwice, T0 + 3 * MINUTE))).toEqual({ id: 'c', eligible: false, reason: 'limits.maxPerSession' });
    expect(winnerId(config, shownTwice, T0 + 3 * MINUTE)).toBeNull();
    const nextSession = recordEvent(shownTwice, { type: 'page' }, T0 + 33 * MINUTE);
    expect(nextSession.sessions).toBe(2);
    expect(winnerId(config, nextSession, T0 + 34 * MINUTE)).toBe('a');
  });

  it('waits minSecondsBetween popups', () => {
    const config = prepare({ limits: { minSecondsBetween: 30 }, campaigns: [campaign('a'), campaign('b')] });
    const profile = profileAfter(T0, [[campaignEvent('impression', 'a'), T0]]);
    expect(evaluateCampaign(config.campaigns[1], inputFor(config, profile, T0 + 29_000))).toMatchObject({ eligible: false, reason: 'limits.minSecondsBetween' });
    expect(evaluateCampaign(config.campaigns[1], inputFor(config, profile, T0 + 30_000)).eligible).toBe(true);
  });

  it('checks the pages first, so the cheapest reason is reported', () => {
    const config = prepare({ campaigns: [campaign('x', { pages: { include: ['/products/*'] }, audience: { device: 'mobile' } })] });
    expect(evaluateCampaign(config.campaigns[0], inputFor(config, profileAfter(T0), T0, { path: '/', device: 'desktop' })).reason).toBe('pages');
  });
});
