import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/fixtures, found from this file so tests do not depend on the working directory. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/**
 * Reads a JSON fixture with JSON.parse, as a fetched config is read: importing it would turn
 * a `"__proto__"` key into a prototype instead of the own key a hostile config carries.
 */
export function readJsonFixture<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;
}

/** The `.json` files of a fixture folder, sorted, without `expected.json`. */
export function listJsonFixtures(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((name) => name.endsWith('.json') && name !== 'expected.json')
    .sort();
}
