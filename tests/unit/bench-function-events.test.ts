// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, shared with the benches that run in Node without a build step
import { lazyCompiles } from '../bench/function-events.mjs';

// A log as V8's --log-function-events writes it, cut down by hand: script 7 is segmint.js, script 9
// a chunk, script 3 someone else's.
const LOG = [
  'script-details,3,http://127.0.0.1:5000/shop.js,0,0,',
  'script-details,7,http://127.0.0.1:5000/dist/segmint.js,0,0,',
  'script-details,9,http://127.0.0.1:5000/base-dist/segmint-check.js?v=0.1.0,0,0,',
  // segmint.js: the top level and `a` compiled with the script; `b` preparsed, then compiled when called
  // (parsed twice: two parse-function events add up); `c` only preparsed, never called.
  'function,full-parse,7,0,900,0.500,100,',
  'function,interpreter,7,0,900,0.200,110,',
  'function,interpreter,7,10,80,0.050,111,a',
  'function,first-execution,7,10,80,0,112,a',
  'function,preparse-resolution,7,90,400,0.010,113,b',
  'function,parse-function,7,90,400,0.300,200,b',
  'function,parse-function,7,90,400,0.100,201,b',
  'function,interpreter,7,90,400,0.250,202,b',
  'function,first-execution,7,90,400,0,203,b',
  'function,preparse-resolution,7,410,800,0.020,114,c',
  // The chunk: one anonymous function compiled lazily without a bytecode event of its own.
  'function,parse-function,9,5,50,0.125,300,',
  // Not segmint's.
  'function,parse-function,3,0,10,9.000,400,x',
  'code-creation,Script,1,2,3',
  '',
];

describe('lazy compiles from V8 function events', () => {
  it('counts per segmint script what V8 saw, compiled with the script and compiled lazily, with each lazy one\'s time', () => {
    const scripts = lazyCompiles(LOG);
    expect([...scripts.keys()].sort()).toEqual(['segmint-check.js', 'segmint.js']);
    const core = scripts.get('segmint.js');
    expect(core.functions).toBe(4);
    expect(core.eager).toBe(2);
    expect(core.lazy).toEqual([{ start: 90, end: 400, name: 'b', ms: 0.3 + 0.1 + 0.25 }]);
    expect(core.lazy[0].ms).toBeCloseTo(0.65, 10);
    const chunk = scripts.get('segmint-check.js');
    expect(chunk).toEqual({ functions: 1, eager: 0, lazy: [{ start: 5, end: 50, name: '(anonymous)', ms: 0.125 }] });
  });

  it('finds nothing in a log without segmint scripts', () => {
    expect(lazyCompiles(['script-details,3,http://x/shop.js,0,0,', 'function,parse-function,3,0,10,1,2,x']).size).toBe(0);
  });
});
