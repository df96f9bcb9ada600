import { createProfile, type Profile, type Utm } from './profile';
import { isPlainObject } from '../lib/is-plain-object';
import { migrateProfile } from './migrate';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';
import { createRecord } from '../lib/create-record';
import { isTraitValue } from './record';

/** A stored record made usable, with the names of the fields that had to be reset. */
export interface RevivedProfile {
  profile: Profile;
  /** Fields (or entries, as `traits.x`) that were invalid and were reset or dropped. */
  dropped: string[];
}

/**
 * Turns whatever was stored into a valid profile, field by field: a field of the wrong type
 * (a string where a list belongs, a VNode-shaped object where text belongs) falls back to its
 * fresh value, a bad entry of a list or keyed record (one trait, one category) is dropped alone, and
 * everything valid is kept — even under a broken `id`, which is replaced. Returns null when
 * nothing was stored (or nothing resembling a profile).
 */
export function reviveProfile(raw: unknown, now: number): RevivedProfile | null {
  if (!isPlainObject(raw)) return null;
  const stored = migrateProfile(raw);
  const hasId = typeof raw.id === 'string' && raw.id !== '';
  const fresh = hasId ? createProfile(now, raw.id as string) : createProfile(now);
  const dropped: string[] = hasId ? [] : ['id'];
  const revived: Record<string, unknown> = { ...fresh };
  for (const [key, freshValue] of Object.entries(fresh)) {
    const value = stored[key];
    if (key === 'id' || value === undefined) continue;
    if (!isSameShape(value, freshValue, key)) {
      dropped.push(key);
      continue;
    }
    if (key === 'sessionUtm') revived[key] = value === null ? null : reviveUtm(value as Record<string, unknown>);
    else if (Array.isArray(value)) revived[key] = keepValid(value, (item) => typeof item === 'string', key, dropped);
    else revived[key] = ENTRY_CHECKS[key] ? keepValidEntries(value as Record<string, unknown>, ENTRY_CHECKS[key], key, dropped) : value;
  }
  revived.v = stored.v;
  return { profile: revived as unknown as Profile, dropped };
}

function isSameShape(value: unknown, fresh: unknown, key: string): boolean {
  if (fresh === null) return value === null || (key === 'sessionUtm' ? isPlainObject(value) : isFiniteNumber(value));
  if (typeof fresh === 'number') return isFiniteNumber(value);
  if (typeof fresh === 'string') return typeof value === 'string';
  if (Array.isArray(fresh)) return Array.isArray(value);
  return isPlainObject(value);
}

/** Entry checks for the keyed records: a bad entry is dropped, its valid siblings kept. */
const ENTRY_CHECKS: Record<string, (entry: unknown) => boolean> = {
  events: isFiniteNumber,
  traits: isTraitValue,
  categoryViews: isFiniteNumber,
  campaigns: (history) => isPlainObject(history) && isFiniteNumber(history.impressions)
    && Object.values(history).every((v) => isFiniteNumber(v) || typeof v === 'string'),
};

function reviveUtm(stored: Record<string, unknown>): Utm {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { utmSource: text(stored.utmSource), utmMedium: text(stored.utmMedium), utmCampaign: text(stored.utmCampaign) };
}

function keepValidEntries(record: Record<string, unknown>, isValid: (entry: unknown) => boolean, field: string, dropped: string[]): Record<string, unknown> {
  const kept = createRecord<unknown>();
  for (const [key, entry] of Object.entries(record)) {
    if (isValid(entry) && !FORBIDDEN_KEYS.has(key)) kept[key] = entry;
    else dropped.push(`${field}.${key}`);
  }
  return kept;
}

function keepValid(list: unknown[], isValid: (item: unknown) => boolean, field: string, dropped: string[]): unknown[] {
  const kept = list.filter(isValid);
  if (kept.length < list.length) dropped.push(field);
  return kept;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
