import { PROFILE_VERSION } from './profile';

type StoredRecord = Record<string, unknown>;

/**
 * Each step lifts a record from version N to N+1. Steps are total functions of what was
 * stored (they never throw), so a migration cannot leave a half-migrated record behind.
 */
const STEPS: Record<number, (record: StoredRecord) => StoredRecord> = {
  // v2 counts category views for `topCategory`; v1 only kept the recent list, one view each.
  1: (record) => ({
    ...record,
    v: 2,
    categoryViews: Object.fromEntries(
      (Array.isArray(record.viewedCategories) ? record.viewedCategories : []).filter((c): c is string => typeof c === 'string').map((c) => [c, 1]),
    ),
  }),
};

/** Brings a stored record from an older schema version up to this SDK's; newer ones are left alone. */
export function migrateProfile(record: StoredRecord): StoredRecord {
  // Records written before versions existed are treated as version 1.
  let current: StoredRecord = typeof record.v === 'number' ? record : { ...record, v: 1 };
  while ((current.v as number) < PROFILE_VERSION && STEPS[current.v as number]) current = STEPS[current.v as number](current);
  return current;
}
