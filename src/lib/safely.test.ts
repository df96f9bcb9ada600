import { describe, expect, it, vi } from 'vitest';
import { createErrorBoundary } from './safely';
import { ConfigError } from '../rules/config-error';

describe('createErrorBoundary', () => {
  it('reports a config error with its pointer, also one made by another copy of the class (a chunk\'s)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const emitted = vi.fn();
    const { report } = createErrorBoundary(emitted);
    // What the script tag's check chunk makes: its own bundled copy of the class.
    class ChunkConfigError extends Error {
      readonly pointer = '/campaigns/1/priority';
      constructor() {
        super('"priority" must be a finite number');
        this.name = 'ConfigError';
      }
    }
    const fromChunk = new ChunkConfigError();
    const own = new ConfigError('/segments/x', 'forbidden-key');
    report(fromChunk);
    report(own);
    expect(emitted.mock.calls.map(([payload]) => [payload.message, payload.pointer, payload.cause])).toEqual([
      ['"priority" must be a finite number (at /campaigns/1/priority)', '/campaigns/1/priority', fromChunk],
      ['forbidden-key (at /segments/x)', '/segments/x', own],
    ]);
  });

  it('reports any other error with its context and no pointer, and never throws into the caller', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const emitted = vi.fn();
    const { report, safely } = createErrorBoundary(emitted);
    const named = Object.assign(new Error('boom'), { name: 'ConfigError' });
    report(named, 'an event handler threw');
    expect(safely(() => { throw new TypeError('bad'); }, 'track')()).toBeUndefined();
    expect(emitted.mock.calls.map(([payload]) => [payload.message, payload.pointer])).toEqual([
      ['an event handler threw: boom', undefined],
      ['track: bad', undefined],
    ]);
  });
});
