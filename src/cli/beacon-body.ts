import type { BeaconEvent } from '../types';
import { checkBeaconEvent, hasForbiddenKey } from './beacon-event';

/** A beacon body read: its valid events, and how many were dropped for which reason; or why it is not a beacon body. */
export type BeaconBody =
  | { ok: true; events: BeaconEvent[]; dropped: Map<string, number> }
  | { ok: false; reason: string };

/**
 * Reads a beacon body (`{ "events": [ … ] }`, SPEC §10). A body that is not that shape is refused
 * as a whole; an event that breaks the field table is dropped alone and counted by its reason.
 */
export function readBeaconBody(text: string): BeaconBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'the body is not a JSON object' };
  const record = body as Record<string, unknown>;
  // Keys inside events drop only their event; beside the list they refuse the body.
  const { events: list, ...rest } = record;
  if (hasForbiddenKey(rest)) return { ok: false, reason: 'a key reaches a prototype (__proto__, constructor, prototype)' };
  if (!Array.isArray(list)) return { ok: false, reason: 'the body has no "events" list' };
  const events: BeaconEvent[] = [];
  const dropped = new Map<string, number>();
  for (const item of list) {
    const checked = checkBeaconEvent(item);
    if (checked.ok) events.push(checked.event);
    else dropped.set(checked.reason, (dropped.get(checked.reason) ?? 0) + 1);
  }
  return { ok: true, events, dropped };
}
