import { afterEach, describe, expect, it } from 'vitest';
import { writeJson } from './write-json';

const proto = Array.prototype as unknown as { toJSON?: () => string };

describe('writeJson', () => {
  afterEach(() => {
    delete proto.toJSON;
    delete (Object.prototype as Record<string, unknown>).foo;
  });

  it('writes what JSON.stringify writes for plain data', () => {
    const data = { a: 'x"\n\u2028', b: [1, -2.5, 1e21, null, true, false, 'é'], c: { d: [], e: {} }, f: undefined, g: NaN, h: [undefined, Infinity] };
    expect(writeJson(data)).toBe(JSON.stringify(data));
    expect(JSON.parse(writeJson(data))).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('keeps arrays arrays when the host added Array.prototype.toJSON (Prototype.js 1.6)', () => {
    // Like Prototype.js: an array becomes the text of its items.
    proto.toJSON = function (this: unknown[]) {
      return `[${this.map(String).join(', ')}]`;
    };
    const events = { events: [{ campaign: 'a', segments: ['x', 'y'] }] };
    expect(JSON.parse(JSON.stringify(events)).events).toBeTypeOf('string');
    expect(JSON.parse(writeJson(events))).toEqual({ events: [{ campaign: 'a', segments: ['x', 'y'] }] });
  });

  it('leaves out what a host added to Object.prototype', () => {
    (Object.prototype as Record<string, unknown>).foo = 1;
    expect(writeJson({ a: 1 })).toBe('{"a":1}');
  });
});
