import type { CleanConfig } from './compile-config';
import { runAtOnce, type Steps } from '../lib/run-in-slices';

const COMBINATORS = ['all', 'any', 'not', 'segment'];

/**
 * The signals a checked config can read: every signal its segments and audiences name, and
 * `currency` (with `country`, which it falls back to) when the visitor's currency can change a
 * price a popup shows (`pricedInOtherCurrency`). What no condition, offer or placeholder reads is
 * not worth computing, nor its lookup tables worth loading.
 */
export function findNeededSignals(clean: Omit<CleanConfig, 'needs'>): Set<string> {
  return runAtOnce(findNeededSignalsSteps(clean));
}

/** `findNeededSignals` in steps, pausing every thousand values walked (`lib/run-in-slices.ts`). */
export function* findNeededSignalsSteps(clean: Omit<CleanConfig, 'needs'>): Steps<Set<string>> {
  const needed = new Set<string>();
  // Iterative: a checked condition is at most 32 deep, but a stack costs nothing here.
  const stack: unknown[] = [...Object.values(clean.segments), ...clean.campaigns.map((campaign) => campaign?.audience)];
  // A plain loop over some thousand values at a time: the engine optimises it as it cannot inside a generator.
  const walk = (limit: number) => {
    for (; stack.length && limit; limit--) {
      const node = stack.pop();
      if (Array.isArray(node)) stack.push(...node);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'segment') continue;
          if (COMBINATORS.includes(key)) stack.push(value);
          else needed.add(key);
        }
      }
    }
  };
  for (; stack.length; yield) walk(4096);
  if (pricedInOtherCurrency(clean)) needed.add('currency');
  if (needed.has('currency')) needed.add('country');
  return needed;
}

/**
 * Whether the visitor's currency can change a price a popup shows: some product of a config's
 * catalog is priced in a currency other than the config's `currency` (a price shows in the
 * visitor's currency, else in that one: `campaigns/price.ts`). A catalog priced in the default
 * currency alone needs no detection. Reads an unchecked config too (`mayNeedSignalTables`).
 */
export function pricedInOtherCurrency({ catalog, currency }: { catalog?: object; currency?: unknown }): boolean {
  return Object.values(catalog ?? {}).some((product: { price?: object } | null) => Object.keys(product?.price ?? {}).some((code) => code !== currency));
}

/** Whether deciding with these signals needs the lookup tables (signals/signal-tables.ts). */
export function needsSignalTables(needed: Set<string>): boolean {
  return needed.has('country') || needed.has('currency') || needed.has('referrerType');
}

/**
 * Whether a config's JSON text (and the object it parsed to) may need the lookup tables, before its
 * checks have found what it reads: `country` or `referrerType` as a key, `currency` as a key whose
 * value is an object (a condition; the config's own default `currency` is a string), or a catalog
 * price in a currency other than the config's. Escaped quotes inside strings do not match. An
 * over-estimate (such a key anywhere counts) except for a `currency` condition written as a bare
 * string, whose tables load only once the checks have found it: so the tables mostly load beside the checks.
 */
export function mayNeedSignalTables(text: string, raw: unknown): boolean {
  return /"(?:country|referrerType)"\s*:|"currency"\s*:\s*\{/.test(text) || pricedInOtherCurrency(raw as object);
}
