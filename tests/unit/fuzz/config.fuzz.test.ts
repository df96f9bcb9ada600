import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateConfig } from '../../../src/rules/validate';
import { prepareConfig } from '../../../src/rules/prepare-config';
import { ConfigError } from '../../../src/rules/config-error';
import { parseConfigText } from '../../../src/config/load-config';
import { listJsonFixtures, readJsonFixture } from '../fixtures';
import { fuzzRuns } from './settings';

// Arbitrary JSON and mutated valid configs through the validator and the runtime's loading:
// never a throw; either typed errors with pointers, or a running config (issue 12).

const VALID = listJsonFixtures('configs/valid').map((file) => readJsonFixture<unknown>(`configs/valid/${file}`));

/** Every error is a ConfigError with a JSON pointer and a code. */
function expectTypedErrors(errors: unknown[]): void {
  for (const error of errors) {
    expect(error).toBeInstanceOf(ConfigError);
    const { pointer, code } = error as ConfigError;
    expect(pointer === '' || pointer.startsWith('/')).toBe(true);
    expect(typeof code).toBe('string');
  }
}

/** What the runtime does with a config's text: parse within the size limit, then check and compile. */
function loadLikeTheRuntime(value: unknown) {
  const parsed = parseConfigText(JSON.stringify(value) ?? 'null', 'fuzz');
  return prepareConfig(parsed);
}

/** The paths of every value inside `root`, as key lists. */
function listPaths(root: unknown): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[root, []]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    paths.push(path);
    if (Array.isArray(value)) value.forEach((child, i) => stack.push([child, [...path, i]]));
    else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) stack.push([child, [...path, key]]);
  }
  return paths;
}

const HOSTILE = fc.constantFrom<unknown>(
  '__proto__', 'javascript:alert(1)', '/\\evil.example/x.png', '\tjavascript:x', 'url(https://evil.example/x)', 'red;}*{display:none}',
  '<img src=x onerror=alert(1)>', { type: 'script', props: { dangerouslySetInnerHTML: { __html: 'x' } } }, -1, NaN, 1e309, '', [], {}, null, true,
  'toString', 'constructor', JSON.parse('{"__proto__": {"polluted": true}}'),
);

type Mutation = { kind: 'replace' | 'delete' | 'proto-key' | 'deep'; pick: number; value: unknown };
const MUTATION: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'proto-key', 'deep'),
  pick: fc.nat(),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), HOSTILE),
});

/** Applies mutations to a deep copy of a valid config, at paths picked by index. */
function mutate(config: unknown, mutations: Mutation[]): unknown {
  const root = { value: structuredClone(config) } as Record<string, unknown>;
  for (const { kind, pick, value } of mutations) {
    const paths = listPaths(root.value).map((path) => ['value', ...path]);
    const path = paths[pick % paths.length];
    let parent: any = root;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const key = path[path.length - 1];
    if (kind === 'replace') parent[key] = value;
    else if (kind === 'delete') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (kind === 'proto-key' && parent[key] && typeof parent[key] === 'object') Object.defineProperty(parent[key], '__proto__', { value, enumerable: true, configurable: true, writable: true });
    else if (kind === 'deep') {
      let deep: unknown = value;
      for (let i = 0; i < 100; i++) deep = [deep]; // past the config depth limit of 64
      parent[key] = deep;
    }
  }
  return root.value;
}

describe('fuzz: configs', () => {
  it('validateConfig never throws on arbitrary JSON, and every error has a pointer and a code', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const result = validateConfig(value);
      expect(result.ok).toBe(result.errors.length === 0);
      for (const error of result.errors) expect(typeof error.pointer).toBe('string');
      expectTypedErrors(prepareConfig(value).errors);
    }), fuzzRuns());
  });

  it('arbitrary objects shaped like a config load as the runtime loads them: typed errors or a running config', () => {
    const shaped = fc.record({
      version: fc.oneof(fc.constant(1), fc.jsonValue()),
      defaultLocale: fc.oneof(fc.constant('en'), fc.jsonValue()),
      catalog: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
      segments: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })),
      campaigns: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }),
      theme: fc.jsonValue({ maxDepth: 2 }),
      analytics: fc.jsonValue({ maxDepth: 2 }),
    }, { requiredKeys: ['version', 'defaultLocale'] });
    fc.assert(fc.property(shaped, (value) => {
      const { prepared, errors } = loadLikeTheRuntime(value);
      expectTypedErrors(errors);
      if (prepared) expect(Array.isArray(prepared.campaigns)).toBe(true);
      else expect(errors.length).toBeGreaterThan(0);
    }), fuzzRuns());
  });

  it('a mutated valid config never throws, keeps every campaign it does not touch, and leaves Object.prototype alone', () => {
    fc.assert(fc.property(fc.nat(VALID.length - 1), fc.array(MUTATION, { minLength: 1, maxLength: 4 }), (which, mutations) => {
      const config = mutate(VALID[which], mutations);
      const { prepared, errors } = prepareConfig(config);
      expectTypedErrors(errors);
      expect(validateConfig(config).errors.map((e) => e.pointer)).toEqual(errors.map((e) => e.pointer));
      if (prepared) for (const campaign of prepared.campaigns) expect(typeof campaign.id).toBe('string');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }), fuzzRuns(0.5));
  });
});
