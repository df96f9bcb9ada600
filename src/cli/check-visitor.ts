import { SIGNALS, type SignalSpec } from '../rules/signals';
import type { ValidationError } from '../rules/validate';
import { didYouMean } from '../lib/nearest';
import { isPlainObject } from '../lib/is-plain-object';
import { joinPointer } from '../lib/pointer';

/** Signals that are null when the browser has nothing to say (SPEC §3). */
const NULLABLE = new Set(['country', 'referrer', 'utmSource', 'utmMedium', 'utmCampaign', 'topCategory', 'firstSeen', 'lastSeen', 'lastPurchaseAt']);
/** What a visitor file may say about a campaign's history, for its frequency caps. */
const HISTORY_COUNTS = ['impressions', 'sessionImpressions'];
const HISTORY_TIMES = ['lastImpressionAt', 'dismissedAt', 'clickedAt', 'convertedAt'];
/** Keys of a visitor file besides the signals. */
const EXTRA_KEYS = ['id', 'product', 'campaigns', 'traits', 'events'];

/**
 * Checks a visitor file for `segmint simulate` against the signal catalogue: a misspelt signal
 * or a value the browser could never report would make a rule test pass for the wrong reason.
 * `known` are the config's campaign ids, which the history may name, and its catalog's product ids,
 * which `product` (the product the page is about) names.
 */
export function checkVisitor(visitor: Record<string, unknown>, known: { campaigns: readonly string[]; products: readonly string[] }): ValidationError[] {
  const campaignIds = known.campaigns;
  const errors: ValidationError[] = [];
  const names = [...Object.keys(SIGNALS), ...EXTRA_KEYS];
  for (const [key, value] of Object.entries(visitor)) {
    const pointer = joinPointer('', key);
    if (key === 'id') {
      if (typeof value !== 'string' || !value) errors.push({ pointer, message: 'the visitor id is a non-empty string' });
    } else if (key === 'product') {
      if (typeof value !== 'string' || !known.products.includes(value)) {
        const nearest = typeof value === 'string' ? didYouMean(value, known.products) : '';
        errors.push({ pointer, message: `the product this page is about is a product id of the config's catalog, not ${JSON.stringify(value)}${nearest}` });
      }
    } else if (key === 'traits') {
      checkEach(value, pointer, errors, (v) => ['string', 'number', 'boolean'].includes(typeof v), 'a string, number or boolean (as identify() stores it)');
    } else if (key === 'events') {
      checkEach(value, pointer, errors, (v) => Number.isInteger(v) && (v as number) >= 0, 'a count: a whole number, 0 or more');
    } else if (key === 'campaigns') {
      checkHistory(value, pointer, campaignIds, errors);
    } else if (key.startsWith('traits.') || key.startsWith('events.')) {
      const [group, name] = key.split('.');
      errors.push({ pointer, message: `${group} are nested in a visitor file: { "${group}": { "${name}": … } }` });
    } else if (!Object.prototype.hasOwnProperty.call(SIGNALS, key)) {
      errors.push({ pointer, message: `unknown signal "${key}"${didYouMean(key, names)}` });
    } else {
      const problem = checkValue(key, SIGNALS[key], value);
      if (problem) errors.push({ pointer, message: problem });
    }
  }
  return errors;
}

function checkValue(name: string, spec: SignalSpec, value: unknown): string | undefined {
  if (value === null) return NULLABLE.has(name) ? undefined : `"${name}" is never null`;
  if (spec.values) {
    if (typeof value === 'string' && spec.values.includes(value)) return undefined;
    return `"${name}" is one of ${spec.values.map((v) => `"${v}"`).join(', ')}, not ${JSON.stringify(value)}${typeof value === 'string' ? didYouMean(value, spec.values) : ''}`;
  }
  const ok = {
    string: typeof value === 'string',
    number: typeof value === 'number' && Number.isFinite(value),
    boolean: typeof value === 'boolean',
    timestamp: (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && !Number.isNaN(Date.parse(value))),
    list: Array.isArray(value) && value.every((item) => typeof item === 'string'),
    scalar: ['string', 'number', 'boolean'].includes(typeof value),
  }[spec.kind];
  if (ok) return undefined;
  const expected = {
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    timestamp: 'a time: epoch milliseconds or an ISO time such as "2026-10-01T12:00:00Z"',
    list: 'a list of strings',
    scalar: 'a string, number or boolean',
  }[spec.kind];
  return `"${name}" is ${expected}, not ${JSON.stringify(value)}`;
}

function checkEach(value: unknown, pointer: string, errors: ValidationError[], ok: (v: unknown) => boolean, expected: string): void {
  if (!isPlainObject(value)) {
    errors.push({ pointer, message: 'an object keyed by name' });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!ok(item)) errors.push({ pointer: joinPointer(pointer, key), message: `${expected}, not ${JSON.stringify(item)}` });
  }
}

function checkHistory(value: unknown, pointer: string, campaignIds: readonly string[], errors: ValidationError[]): void {
  if (!isPlainObject(value)) {
    errors.push({ pointer, message: 'campaign history is an object keyed by campaign id' });
    return;
  }
  for (const [id, entry] of Object.entries(value)) {
    const at = joinPointer(pointer, id);
    if (!campaignIds.includes(id)) errors.push({ pointer: at, message: `no campaign "${id}" in the config${didYouMean(id, campaignIds)}` });
    if (!isPlainObject(entry)) {
      errors.push({ pointer: at, message: `an object of ${[...HISTORY_COUNTS, ...HISTORY_TIMES].join(', ')}` });
      continue;
    }
    for (const [key, item] of Object.entries(entry)) {
      const where = joinPointer(at, key);
      if (HISTORY_COUNTS.includes(key)) {
        if (!Number.isInteger(item) || (item as number) < 0) errors.push({ pointer: where, message: `a count: a whole number, 0 or more, not ${JSON.stringify(item)}` });
      } else if (HISTORY_TIMES.includes(key)) {
        const time = typeof item === 'string' ? Date.parse(item) : item;
        if (typeof time !== 'number' || !Number.isFinite(time)) errors.push({ pointer: where, message: `a time: an ISO time or epoch milliseconds, not ${JSON.stringify(item)}` });
      } else {
        errors.push({ pointer: where, message: `unknown history field "${key}"${didYouMean(key, [...HISTORY_COUNTS, ...HISTORY_TIMES])}` });
      }
    }
  }
}
