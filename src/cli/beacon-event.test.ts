// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BEACON_EVENT_NAMES, checkBeaconEvent } from './beacon-event';
import { readBeaconBody } from './beacon-body';

const base = { id: '0123456789abcdef0123456789abcdef', visitor: 'a1b2c3d4e5f60718293a4b5c', time: 1_796_000_000_000, path: '/products/kettle' };
const onCampaign = { campaign: 'kettle-upsell', variant: 'a', locale: 'de-AT', segments: ['dach'] };
const valid: Record<string, Record<string, unknown>> = {
  exposure: { event: 'exposure', ...base, ...onCampaign },
  impression: { event: 'impression', ...base, ...onCampaign },
  dismiss: { event: 'dismiss', ...base, ...onCampaign },
  click: { event: 'click', ...base, ...onCampaign },
  conversion: { event: 'conversion', ...base, ...onCampaign, value: 49.9, currency: 'EUR', transactionId: 'T-1' },
  answer: { event: 'answer', ...base, ...onCampaign, trait: 'brewMethod', value: 'espresso' },
  purchase: { event: 'purchase', ...base, value: 49.9, currency: 'EUR' },
};

const reasonOf = (value: unknown) => {
  const checked = checkBeaconEvent(value);
  return checked.ok ? 'ok' : checked.reason;
};

describe('checkBeaconEvent', () => {
  it.each(BEACON_EVENT_NAMES)('accepts a %s with every field of the table', (name) => {
    const checked = checkBeaconEvent(valid[name]);
    expect(checked).toEqual({ ok: true, event: valid[name] });
  });

  it.each(['id', 'visitor', 'time', 'path', 'event'])('drops an event without %s', (field) => {
    for (const name of BEACON_EVENT_NAMES) {
      const { [field]: _, ...without } = valid[name];
      expect(reasonOf(without)).toContain(`"${field}"`);
    }
  });

  it.each(['campaign', 'variant', 'segments'])('drops a campaign event without %s, but not a purchase', (field) => {
    for (const name of BEACON_EVENT_NAMES.filter((n) => n !== 'purchase')) {
      const { [field]: _, ...without } = valid[name];
      expect(reasonOf(without)).toBe(`"${field}"${field === 'segments' ? ' is not a list of segment ids' : ' is missing'} on ${name}`);
    }
  });

  it('needs a locale on campaign events except a conversion, whose click may predate it', () => {
    const { locale: _, ...click } = valid.click;
    const { locale: __, ...conversion } = valid.conversion;
    expect(reasonOf(click)).toBe('"locale" is missing on click');
    expect(reasonOf(conversion)).toBe('ok');
    expect(reasonOf({ ...valid.conversion, locale: 3 })).toBe('"locale" is missing on conversion');
  });

  it('needs value and currency on conversion and purchase, transactionId optional but a string', () => {
    for (const name of ['conversion', 'purchase']) {
      const { value: _, ...noValue } = valid[name];
      const { currency: __, ...noCurrency } = valid[name];
      expect(reasonOf(noValue)).toBe(`"value" is not an amount on ${name}`);
      expect(reasonOf({ ...valid[name], value: '49.90' })).toBe(`"value" is not an amount on ${name}`);
      expect(reasonOf({ ...valid[name], value: -1 })).toBe(`"value" is not an amount on ${name}`);
      expect(reasonOf(noCurrency)).toBe(`"currency" is not an ISO 4217 code on ${name}`);
      expect(reasonOf({ ...valid[name], currency: 'euro' })).toBe(`"currency" is not an ISO 4217 code on ${name}`);
      expect(reasonOf({ ...valid[name], transactionId: 17 })).toBe(`"transactionId" is not a non-empty string on ${name}`);
      expect(reasonOf({ ...valid[name], transactionId: '' })).toBe(`"transactionId" is not a non-empty string on ${name}`);
    }
  });

  it('needs trait and a scalar value on answer', () => {
    const { trait: _, ...noTrait } = valid.answer;
    expect(reasonOf(noTrait)).toBe('"trait" is missing on answer');
    expect(reasonOf({ ...valid.answer, value: ['espresso'] })).toBe('"value" is not a string, number or boolean on answer');
    expect(reasonOf({ ...valid.answer, value: true })).toBe('ok');
    expect(reasonOf({ ...valid.answer, value: 3 })).toBe('ok');
  });

  it.each([
    ['an unknown event name', { event: 'pageview' }, '"event" is not one of the event names'],
    ['an id shorter than 16 hex characters', { id: '0123456789abcde' }, '"id" is not 16–128 hex characters'],
    ['an id that is not hex', { id: '0123456789abcdeg' }, '"id" is not 16–128 hex characters'],
    ['an id of a number', { id: 1234567890123456 }, '"id" is not 16–128 hex characters'],
    ['an empty visitor', { visitor: '' }, '"visitor" is not a non-empty string'],
    ['a time in seconds as text', { time: '1796000000' }, '"time" is not epoch milliseconds'],
    ['a fractional time', { time: 1.5 }, '"time" is not epoch milliseconds'],
    ['a time beyond any date', { time: 9e15 }, '"time" is not epoch milliseconds'],
    ['a path that is a URL', { path: 'https://shop.example/' }, '"path" is not a page path'],
    ['segments that are not strings', { segments: [1] }, '"segments" is not a list of segment ids on click'],
    ['an unknown field that is an object', { extra: { a: 1 } }, '"extra" is not a string, number, boolean or null'],
  ])('drops %s', (_, change, reason) => {
    expect(reasonOf({ ...valid.click, ...change })).toBe(reason);
  });

  it('keeps unknown scalar fields, which a newer SDK may send', () => {
    expect(reasonOf({ ...valid.click, sdk: '0.2.0', beta: true })).toBe('ok');
  });

  it('drops what is not an object', () => {
    for (const value of [null, [], 'click', 3]) expect(reasonOf(value)).toBe('an event is not a JSON object');
  });

  it('drops keys that reach a prototype at any depth, as JSON.parse makes them', () => {
    for (const text of ['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"extra":[{"prototype":1}]}', '{"segments":[{"__proto__":1}]}']) {
      const event = { ...valid.click, ...JSON.parse(text) };
      expect(reasonOf(event)).toBe('a key reaches a prototype (__proto__, constructor, prototype)');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops huge strings, in any field or key', () => {
    const huge = 'x'.repeat(2049);
    expect(reasonOf({ ...valid.click, path: `/${huge}` })).toBe('a string is longer than 2048 characters');
    expect(reasonOf({ ...valid.click, [huge]: 1 })).toBe('a string is longer than 2048 characters');
    expect(reasonOf({ ...valid.click, campaign: 'c'.repeat(201) })).toBe('"campaign" is missing on click');
    expect(reasonOf({ ...valid.click, path: `/${'x'.repeat(2047)}` })).toBe('ok');
  });

  it('drops an event with too many fields', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, i]));
    expect(reasonOf({ ...valid.click, ...many })).toBe('an event has more than 40 fields');
  });
});

describe('readBeaconBody', () => {
  it('keeps the valid events and counts the dropped ones by reason', () => {
    const body = readBeaconBody(JSON.stringify({ events: [valid.click, { ...valid.click, id: 'x' }, valid.purchase, { ...valid.purchase, id: 'y' }, 'junk'] }));
    expect(body).toEqual({
      ok: true,
      events: [valid.click, valid.purchase],
      dropped: new Map([['"id" is not 16–128 hex characters', 2], ['an event is not a JSON object', 1]]),
    });
  });

  it.each([
    ['not JSON', '{"events":[', 'the body is not JSON'],
    ['an array', '[]', 'the body is not a JSON object'],
    ['null', 'null', 'the body is not a JSON object'],
    ['without events', '{"event":"click"}', 'the body has no "events" list'],
    ['events not a list', '{"events":{"0":{}}}', 'the body has no "events" list'],
    ['a prototype key beside the events', '{"events":[],"__proto__":{"polluted":1}}', 'a key reaches a prototype (__proto__, constructor, prototype)'],
  ])('refuses a body that is %s', (_, text, reason) => {
    expect(readBeaconBody(text)).toEqual({ ok: false, reason });
  });
});
