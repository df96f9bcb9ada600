import { expect } from 'vitest';
import { prepareConfig, type PreparedConfig } from '../../src/rules/prepare-config';
import { createProfile, type Profile } from '../../src/profile/profile';
import { recordEvent, type ProfileEvent } from '../../src/profile/record';
import { readBehaviourSignals } from '../../src/profile/signals';
import type { Signals } from '../../src/rules/signals';
import { seededRandom } from './random';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** Prepares a config from JSON-like data the way the runtime does, failing the test on any config error. */
export function prepare(fields: Record<string, unknown>): PreparedConfig {
  const { prepared, errors } = prepareConfig({ version: 1, defaultLocale: 'en', ...fields });
  expect(errors).toEqual([]);
  return prepared!;
}

/** A campaign as a marketer writes it, with the given fields added or replaced. */
export function campaign(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, content: { en: { title: `Campaign ${id}` } }, ...fields };
}

/** A profile after the given events, each at its own time. */
export function profileAfter(start: number, events: [ProfileEvent, number][] = [], id = 'visitor-1'): Profile {
  return events.reduce((profile, [event, at]) => recordEvent(profile, event, at), createProfile(start, id));
}

/** A campaign event for `recordEvent`. */
export function campaignEvent(action: 'impression' | 'dismiss' | 'click' | 'conversion' | 'minimise', campaign: string, variant = 'default'): ProfileEvent {
  return { type: 'campaign', action, campaign, variant };
}

/** Signals as the runtime builds them: page signals plus the behaviour read from the profile. */
export function signalsFor(profile: Profile, now: number, page: Record<string, unknown> = {}): Signals {
  return { path: '/', pageType: 'home', device: 'desktop', country: 'US', ...page, ...readBehaviourSignals(profile, now) };
}

/** `count` visitor ids shaped like the ones createProfile makes (24 hex digits). */
export function visitorIds(count: number, seed = 1): string[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: 24 }, () => Math.floor(next() * 16).toString(16)).join(''));
}
