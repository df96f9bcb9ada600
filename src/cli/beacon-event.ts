import type { BeaconEvent, BeaconEventName } from '../types';

/**
 * The field table of SPEC §10 as a check, for whatever reads beacon events from outside: `segmint
 * collect` on each event of a body, `segmint report` on each line of a file. Pure, Node or browser.
 */

/** Every event name a beacon carries. */
export const BEACON_EVENT_NAMES: readonly BeaconEventName[] = ['exposure', 'impression', 'dismiss', 'click', 'conversion', 'answer', 'purchase'];

/** Bounds that keep one event small: beacon bodies come from anyone who can reach the receiver. */
export const BEACON_EVENT_LIMITS = {
  /** The longest string of any field (a page path is the longest legitimate one). */
  stringLength: 2048,
  /** The longest id, visitor, campaign, variant, segment, trait, transaction id. */
  nameLength: 200,
  /** Segments listed on one event. */
  segments: 500,
  /** Fields on one event, known and unknown. */
  fields: 40,
};

/** The result of checking one event: the event, or the reason it breaks the field table. */
export type BeaconEventCheck = { ok: true; event: BeaconEvent } | { ok: false; reason: string };

const CAMPAIGN_EVENTS = new Set<string>(['exposure', 'impression', 'dismiss', 'click', 'conversion', 'answer']);
const NAMES = new Set<string>(BEACON_EVENT_NAMES);
/** Keys that could reach an object's prototype once someone copies the event with a spread or assign. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const HEX_ID = /^[0-9a-fA-F]{16,128}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** epoch ms of the largest valid Date: beyond it a time is no time at all. */
const MAX_TIME = 8.64e15;

/**
 * Checks a parsed value against the field table of SPEC §10. The reason names the first field at
 * fault and never echoes the value, so reasons can be counted and printed as they are. Fields
 * the table does not name are kept when they are plain scalars (a newer SDK may add some);
 * anything else there fails the event.
 */
export function checkBeaconEvent(value: unknown): BeaconEventCheck {
  if (!isRecord(value)) return fail('an event is not a JSON object');
  const keys = Object.keys(value);
  if (keys.length > BEACON_EVENT_LIMITS.fields) return fail(`an event has more than ${BEACON_EVENT_LIMITS.fields} fields`);
  if (hasForbiddenKey(value)) return fail('a key reaches a prototype (__proto__, constructor, prototype)');
  if (hasHugeString(value)) return fail(`a string is longer than ${BEACON_EVENT_LIMITS.stringLength} characters`);
  const { event } = value;
  if (typeof event !== 'string' || !NAMES.has(event)) return fail('"event" is not one of the event names');
  if (typeof value.id !== 'string' || !HEX_ID.test(value.id)) return fail('"id" is not 16–128 hex characters');
  if (!isName(value.visitor)) return fail('"visitor" is not a non-empty string');
  if (!isTime(value.time)) return fail('"time" is not epoch milliseconds');
  if (typeof value.path !== 'string' || !value.path.startsWith('/')) return fail('"path" is not a page path');
  if (CAMPAIGN_EVENTS.has(event)) {
    if (!isName(value.campaign)) return fail(`"campaign" is missing on ${event}`);
    if (!isName(value.variant)) return fail(`"variant" is missing on ${event}`);
    if (!isSegments(value.segments)) return fail(`"segments" is not a list of segment ids on ${event}`);
    // A conversion names the locale its click was shown in, which a profile from before the
    // locale was remembered does not know.
    if (value.locale === undefined ? event !== 'conversion' : !isName(value.locale)) return fail(`"locale" is missing on ${event}`);
  }
  if (event === 'conversion' || event === 'purchase') {
    if (!isAmount(value.value)) return fail(`"value" is not an amount on ${event}`);
    if (typeof value.currency !== 'string' || !CURRENCY.test(value.currency)) return fail(`"currency" is not an ISO 4217 code on ${event}`);
    if (value.transactionId !== undefined && !isName(value.transactionId)) return fail(`"transactionId" is not a non-empty string on ${event}`);
  }
  if (event === 'answer') {
    if (!isName(value.trait)) return fail('"trait" is missing on answer');
    if (!isAnswer(value.value)) return fail('"value" is not a string, number or boolean on answer');
  }
  for (const key of keys) {
    if (!KNOWN.has(key) && !isScalar(value[key])) return fail(`"${key.slice(0, 40)}" is not a string, number, boolean or null`);
  }
  return { ok: true, event: value as unknown as BeaconEvent };
}

/** The fields the table names, whose types are checked above where they apply. */
const KNOWN = new Set(['event', 'id', 'visitor', 'time', 'path', 'campaign', 'variant', 'locale', 'segments', 'value', 'currency', 'transactionId', 'trait']);

/** True when any object key, at any depth, could reach a prototype. */
export function hasForbiddenKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasForbiddenKey);
  if (!isRecord(value)) return false;
  // JSON.parse makes "__proto__" an own key, so Object.keys sees it.
  return Object.keys(value).some((key) => FORBIDDEN.has(key) || hasForbiddenKey(value[key]));
}

function hasHugeString(value: unknown): boolean {
  if (typeof value === 'string') return value.length > BEACON_EVENT_LIMITS.stringLength;
  if (Array.isArray(value)) return value.some(hasHugeString);
  if (!isRecord(value)) return false;
  return Object.keys(value).some((key) => key.length > BEACON_EVENT_LIMITS.stringLength || hasHugeString(value[key]));
}

function fail(reason: string): BeaconEventCheck {
  return { ok: false, reason };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= BEACON_EVENT_LIMITS.nameLength;
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIME;
}

function isAmount(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isSegments(value: unknown): boolean {
  return Array.isArray(value) && value.length <= BEACON_EVENT_LIMITS.segments && value.every(isName);
}

function isAnswer(value: unknown): boolean {
  return (typeof value === 'string' && value.length <= BEACON_EVENT_LIMITS.nameLength) || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
