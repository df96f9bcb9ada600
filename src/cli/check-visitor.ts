import { SIGNALS, type SignalSpec } from '../rules/signals';
import type { ValidationError } from '../rules/validate';
import { didYouMean } from '../lib/nearest';
import { isPlainObject } from '../lib/is-plain-object';
import { joinPointer } from '../lib/pointer';

/** Signals that are null when the browser has nothing to say (SPEC §3). */
const NULLABLE = new Set(['country', 'referrer', 'utmSource', 'utmMedium', 'utmCampaign', 'topCategory', 'firstSeen', 'lastSeen', 'lastPurchaseAt']);
/** What a visitor file may say about a campaign's history, for its frequency caps. */
const HISTORY_COUNTS = ['impressions', 'sessionImpressions'];
const HISTORY_TIMES = ['firstImpressionAt', 'lastImpressionAt', 'dismissedAt', 'clickedAt', 'convertedAt'];
/** A question campaign's history may also say what the visitor answered. */
const HISTORY_ANSWER = 'answer';
/** Keys of a visitor file besides the signals. */
const EXTRA_KEYS = ['id', 'product', 'campaigns', 'traits', 'events', 'slots'];

/** What of the config a visitor file may name. */
export interface KnownNames {
  campaigns: readonly string[];
  products: readonly string[];
  /** The slot names inline campaigns fill. */
  slots?: readonly string[];
  /** Each question campaign's trait and option values, by campaign id. */
  questions?: Readonly<Record<string, { trait: string; values: readonly unknown[] }>>;
}

/**
 * Checks a visitor file for `segmint simulate` against the signal catalogue: a misspelt signal
 * or a value the browser could never report would make a rule test pass for the wrong reason.
 * `known` are the config's campaign ids, which the history may name, and its catalog's product ids,
 * which `product` (the product the page is about) names; `slots` the slot names inline campaigns
 * fill, which `slots` (the page's) names, and `questions` what an `answer` in the history may be.
 */
export function checkVisitor(visitor: Record<string, unknown>, known: KnownNames): ValidationError[] {
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
      checkHistory(value, pointer, known, errors);
      checkAnswers(value, visitor.traits, known.questions ?? {}, errors);
    } else if (key === 'slots') {
      checkSlots(value, pointer, known.slots ?? [], errors);
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

/** The page's slots: names an inline campaign fills, since a misspelt one would leave a rule test passing for the wrong reason. */
function checkSlots(value: unknown, pointer: string, slots: readonly string[], errors: ValidationError[]): void {
  if (!Array.isArray(value)) {
    errors.push({ pointer, message: 'the slots on the page: a list of data-segmint-slot names, e.g. ["pdp-below-price"]' });
    return;
  }
  value.forEach((name, index) => {
    if (typeof name === 'string' && slots.includes(name)) return;
    const nearest = typeof name === 'string' ? didYouMean(name, slots) : '';
    const known = slots.length ? `no inline campaign of the config fills slot ${JSON.stringify(name)}` : 'no campaign of the config is inline';
    errors.push({ pointer: joinPointer(pointer, String(index)), message: `${known}${nearest}` });
  });
}

/** An answer is one of the question's option values, needs the time it was given, and agrees with the traits the file gives. */
function checkAnswers(value: unknown, traits: unknown, questions: NonNullable<KnownNames['questions']>, errors: ValidationError[]): void {
  if (!isPlainObject(value)) return;
  for (const [id, entry] of Object.entries(value)) {
    if (!isPlainObject(entry) || !(HISTORY_ANSWER in entry)) continue;
    const where = joinPointer(joinPointer(joinPointer('', 'campaigns'), id), HISTORY_ANSWER);
    const question = questions[id];
    if (!question) {
      errors.push({ pointer: where, message: `only a question campaign has an answer; "${id}" is not one` });
      continue;
    }
    const answer = entry[HISTORY_ANSWER];
    if (!question.values.includes(answer)) {
      const strings = question.values.filter((v): v is string => typeof v === 'string');
      errors.push({ pointer: where, message: `one of the question's values ${question.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(answer)}${typeof answer === 'string' ? didYouMean(answer, strings) : ''}` });
    }
    if (!('convertedAt' in entry)) errors.push({ pointer: where, message: 'an answer is a conversion: give its time as convertedAt' });
    const given = isPlainObject(traits) ? traits[question.trait] : undefined;
    if (given !== undefined && given !== answer) {
      errors.push({ pointer: where, message: `the answer is stored as traits.${question.trait}, which the file gives as ${JSON.stringify(given)}` });
    }
  }
}

function checkHistory(value: unknown, pointer: string, known: KnownNames, errors: ValidationError[]): void {
  const campaignIds = known.campaigns;
  if (!isPlainObject(value)) {
    errors.push({ pointer, message: 'campaign history is an object keyed by campaign id' });
    return;
  }
  for (const [id, entry] of Object.entries(value)) {
    const at = joinPointer(pointer, id);
    if (!campaignIds.includes(id)) errors.push({ pointer: at, message: `no campaign "${id}" in the config${didYouMean(id, campaignIds)}` });
    if (!isPlainObject(entry)) {
      errors.push({ pointer: at, message: `an object of ${[...HISTORY_COUNTS, ...HISTORY_TIMES, HISTORY_ANSWER].join(', ')}` });
      continue;
    }
    for (const [key, item] of Object.entries(entry)) {
      const where = joinPointer(at, key);
      if (HISTORY_COUNTS.includes(key)) {
        if (!Number.isInteger(item) || (item as number) < 0) errors.push({ pointer: where, message: `a count: a whole number, 0 or more, not ${JSON.stringify(item)}` });
      } else if (HISTORY_TIMES.includes(key)) {
        const time = typeof item === 'string' ? Date.parse(item) : item;
        if (typeof time !== 'number' || !Number.isFinite(time)) errors.push({ pointer: where, message: `a time: an ISO time or epoch milliseconds, not ${JSON.stringify(item)}` });
      } else if (key !== HISTORY_ANSWER) {
        errors.push({ pointer: where, message: `unknown history field "${key}"${didYouMean(key, [...HISTORY_COUNTS, ...HISTORY_TIMES, HISTORY_ANSWER])}` });
      }
    }
  }
}
