import type { Condition } from '../types';
import { createConditionChecker } from './check-condition';
import { createConditionBuilder, type CompiledCondition } from './build-condition';

export type { CompiledCondition, Failure } from './build-condition';
export { MAX_DEPTH } from './check-condition';

/** Options for compiling a condition. */
export interface CompileOptions {
  /** Named conditions that `{ "segment": "id" }` may reference. */
  segments?: Record<string, Condition>;
  /** Current time in epoch milliseconds, for `withinDays`/`olderThanDays`; default `Date.now`. */
  now?: () => number;
  /** JSON pointer of the condition inside the config, used in error pointers; default `""`. */
  pointer?: string;
}

/**
 * Creates a compiler that checks each condition, then builds it; segments are checked and built
 * once, shared between the conditions it compiles. The core builds cached checked configs without
 * the checks (rules/compile-config.ts); this is what `segmint/rules` and the `check` chunk run.
 */
export function createConditionCompiler(options: Omit<CompileOptions, 'pointer'> = {}) {
  const checker = createConditionChecker(options.segments);
  const builder = createConditionBuilder(options);
  return {
    /** Compiles one condition; throws ConfigError when it is invalid. */
    compile: (condition: unknown, pointer = ''): CompiledCondition => {
      checker.check(condition, pointer);
      return builder.build(condition as Condition, pointer);
    },
    /** Compiles the named segment (once); throws ConfigError when it or a segment it uses is invalid. */
    compileSegment: (id: string): CompiledCondition => {
      checker.checkSegment(id);
      return builder.buildSegment(id);
    },
  };
}
