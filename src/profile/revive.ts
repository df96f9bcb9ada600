import { createProfile, PROFILE_VERSION, type Profile } from './profile';
import { isPlainObject } from '../lib/is-plain-object';

/**
 * Turns whatever was stored into a valid profile, field by field: a field of the wrong type
 * (a string where a list belongs, a VNode-shaped object where text belongs) falls back to its
 * fresh value, and every valid field is kept. Returns null when nothing usable was stored.
 */
export function reviveProfile(stored: unknown, now: number): Profile | null {
  if (!isPlainObject(stored) || typeof stored.id !== 'string' || stored.id === '') return null;
  const fresh = createProfile(now, stored.id);
  const revived: Record<string, unknown> = { ...fresh };
  for (const [key, freshValue] of Object.entries(fresh)) {
    const value = stored[key];
    if (isSameShape(value, freshValue, key)) revived[key] = value;
  }
  revived.v = typeof stored.v === 'number' ? stored.v : PROFILE_VERSION;
  return revived as unknown as Profile;
}

function isSameShape(value: unknown, fresh: unknown, key: string): boolean {
  if (fresh === null) return value === null || isFiniteNumber(value);
  if (typeof fresh === 'number') return isFiniteNumber(value);
  if (typeof fresh === 'string') return typeof value === 'string';
  if (Array.isArray(fresh)) return Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (!isPlainObject(value)) return false;
  const entries = Object.values(value);
  if (key === 'events') return entries.every(isFiniteNumber);
  if (key === 'traits') return entries.every((v) => typeof v === 'string' || typeof v === 'boolean' || isFiniteNumber(v));
  if (key === 'campaigns') return entries.every((history) => isPlainObject(history) && Object.values(history).every((v) => isFiniteNumber(v) || typeof v === 'string'));
  return false;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
