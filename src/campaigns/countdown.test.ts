import { describe, expect, it } from 'vitest';
import { evaluateCampaign, type DecisionInput } from './decide';
import type { PreparedConfig } from '../rules/prepare-config';
import type { Profile } from '../profile/profile';
import { MINUTE, campaign, campaignEvent, prepare, profileAfter, signalsFor } from '../../tests/unit/campaigns';
import { findCountdownEnd } from './countdown';

const T0 = Date.parse('2026-12-01T10:00:00Z');

function traceAt(config: PreparedConfig, profile: Profile, now: number) {
  const input: DecisionInput = { signals: signalsFor(profile, now), profile, now, limits: config.limits };
  return evaluateCampaign(config.campaigns[0], input);
}

describe('countdown eligibility', () => {
  it('ends an `until` countdown for every visitor at its instant, first-time ones included', () => {
    const config = prepare({ campaigns: [campaign('sale', { countdown: { until: '2026-12-01T12:00:00Z' } })] });
    const end = Date.parse('2026-12-01T12:00:00Z');
    expect(traceAt(config, profileAfter(T0), end - 1).eligible).toBe(true);
    expect(traceAt(config, profileAfter(T0), end)).toMatchObject({ eligible: false, reason: 'countdown' });
    expect(traceAt(config, profileAfter(end + MINUTE, [], 'someone-else'), end + MINUTE)).toMatchObject({ eligible: false, reason: 'countdown' });
  });

  it('starts a `minutes` countdown at the visitor\'s first impression and ends it for good after', () => {
    const config = prepare({ campaigns: [campaign('coupon', { countdown: { minutes: 30 } })] });
    // Never seen: the countdown has not started, so it has not run out however late it is.
    expect(traceAt(config, profileAfter(T0), T0 + 365 * 24 * 60 * MINUTE).eligible).toBe(true);
    const seen = profileAfter(T0, [[campaignEvent('impression', 'coupon'), T0 + MINUTE]]);
    expect(traceAt(config, seen, T0 + 30 * MINUTE).eligible).toBe(true);
    expect(traceAt(config, seen, T0 + 31 * MINUTE)).toMatchObject({ eligible: false, reason: 'countdown' });
    // A later impression (a reload, another session) does not restart it.
    const again = profileAfter(T0, [[campaignEvent('impression', 'coupon'), T0 + MINUTE], [campaignEvent('impression', 'coupon'), T0 + 20 * MINUTE]]);
    expect(findCountdownEnd({ minutes: 30 }, again.campaigns.coupon, T0 + 25 * MINUTE)).toBe(T0 + 31 * MINUTE);
    expect(traceAt(config, again, T0 + 90 * 24 * 60 * MINUTE)).toMatchObject({ eligible: false, reason: 'countdown' });
  });

  it('keeps a campaign without a countdown eligible whatever its history', () => {
    const config = prepare({ campaigns: [campaign('plain')] });
    const seen = profileAfter(T0, [[campaignEvent('impression', 'plain'), T0]]);
    expect(traceAt(config, seen, T0 + 1e10).eligible).toBe(true);
  });

  it('lets a teaser tab follow the visitor past the caps that counted its popup once', () => {
    const config = prepare({ campaigns: [campaign('tab', { teaser: {}, frequency: { maxPerSession: 1 }, content: { en: { title: 'T', teaser: 'Tab' } } })] });
    const profile = profileAfter(T0, [[campaignEvent('impression', 'tab'), T0], [campaignEvent('minimise', 'tab'), T0 + 1000]]);
    const input: DecisionInput = { signals: signalsFor(profile, T0 + 2000), profile, now: T0 + 2000, limits: config.limits };
    expect(evaluateCampaign(config.campaigns[0], input)).toMatchObject({ eligible: false, reason: 'frequency.maxPerSession' });
    expect(evaluateCampaign(config.campaigns[0], input, false).eligible).toBe(true);
  });
});
