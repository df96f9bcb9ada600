import { describe, expect, it } from 'vitest';
import { readDebugRequest } from './debug-request';

describe('readDebugRequest', () => {
  it('opens the inspector for ?segmint=debug or the debug option, and nothing otherwise', () => {
    expect(readDebugRequest('?segmint=debug', false)).toEqual({ inspect: true });
    expect(readDebugRequest('?a=1&segmint=debug', undefined)).toEqual({ inspect: true });
    expect(readDebugRequest('', true)).toEqual({ inspect: true });
    expect(readDebugRequest('', false)).toEqual({ inspect: false });
    expect(readDebugRequest('?segmint=DEBUG', false)).toEqual({ inspect: false });
    expect(readDebugRequest('?segmint=config:/evil.json', false)).toEqual({ inspect: false });
  });

  it('reads the campaign id of ?segmint=preview:<id>, decoded', () => {
    expect(readDebugRequest('?segmint=preview:gear-cross-sell', false)).toEqual({ inspect: false, preview: 'gear-cross-sell' });
    expect(readDebugRequest('?segmint=preview%3Asummer%20sale', true)).toEqual({ inspect: true, preview: 'summer sale' });
    expect(readDebugRequest('?segmint=preview:', false)).toEqual({ inspect: false });
    expect(readDebugRequest('?segmint=preview:%20%20', false)).toEqual({ inspect: false });
  });
});
