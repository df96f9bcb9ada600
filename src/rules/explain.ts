import type { Condition } from '../types';
import { createConditionCompiler, type CompileOptions } from './compile';
import type { Signals } from './signals';

/** Whether a condition holds for these signals and, when not, where it failed. */
export interface ConditionExplanation {
  match: boolean;
  /** JSON pointer of the first failing leaf. */
  pointer?: string;
  /** The signal value found at that leaf (`null` when missing). */
  actual?: unknown;
}

/**
 * Evaluates a condition and reports the JSON pointer of the first failing leaf with the value
 * found there; use it to show a marketer why a rule did not match. Throws ConfigError when invalid.
 */
export function explainCondition(condition: Condition, signals: Signals, options: CompileOptions = {}): ConditionExplanation {
  const failure = createConditionCompiler(options).compile(condition, options.pointer).explain(signals);
  return failure ? { match: false, ...failure } : { match: true };
}
