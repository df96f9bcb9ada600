import { createProfile, type Profile, type Utm } from './profile';
import { isPlainObject } from '../lib/is-plain-object';
import { migrateProfile } from './migrate';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';

/**
 * Turns whatever was stored into a valid profile, field by field: a field of the wrong type
 * (a string where a list belongs, a VNode-shaped object where text belongs) falls back to its
 * fresh value, a bad entry of a list or keyed record (one trait, one category) is dropped alone, and
 * everything valid is kept. Returns null when nothing usable was stored.
 */
export function reviveProfile(raw: unknown, now: number): Profile | null {
  if (!isPlainObject(raw) || typeof raw.id !== 'string' || raw.id === '') return null;
  const stored = migrateProfile(raw);
  const fresh = createProfile(now, raw.id);
  const revived: Record<string, unknown> = { ...fresh };
  for (const [key, freshValue] of Object.entries(fresh)) {
    const value = stored[key];
    if (!isSameShape(value, freshValue, key)) continue;
    if (key === 'sessionUtm') revived[key] = value === null ? null : reviveUtm(value as Record<string, unknown>);
    else if (Array.isArray(value)) revived[key] = value.filter((item) => typeof item === 'string');
    else revived[key] = ENTRY_CHECKS[key] ? keepValidEntries(value as Record<string, unknown>, ENTRY_CHECKS[key]) : value;
  }
  revived.v = stored.v;
  return revived as unknown as Profile;
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
  traits: (v) => typeof v === 'string' || typeof v === 'boolean' || isFiniteNumber(v),
  categoryViews: isFiniteNumber,
  campaigns: (history) => isPlainObject(history) && isFiniteNumber(history.impressions)
    && Object.values(history).every((v) => isFiniteNumber(v) || typeof v === 'string'),
};

function reviveUtm(stored: Record<string, unknown>): Utm {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { utmSource: text(stored.utmSource), utmMedium: text(stored.utmMedium), utmCampaign: text(stored.utmCampaign) };
}

function keepValidEntries(record: Record<string, unknown>, isValid: (entry: unknown) => boolean): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(record)) if (isValid(entry) && !FORBIDDEN_KEYS.has(key)) kept[key] = entry;
  return kept;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
