import type { Condition } from '../types';
import { createConditionCompiler, type CompileOptions } from './compile';
import { ConfigError } from './config-error';
import { formatConfigError } from './config-messages';
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
 * Compiles a condition into a plain function of the signals, once; evaluation never throws.
 * Throws `ConfigError { pointer, code, message }` for an invalid condition.
 */
export function compileCondition(condition: Condition, options: CompileOptions = {}): (signals: Signals) => boolean {
  return withMessage(() => createConditionCompiler(options).compile(condition, options.pointer).test);
}

/**
 * Evaluates a condition and reports the JSON pointer of the first failing leaf with the value
 * found there; use it to show a marketer why a rule did not match. Throws ConfigError when invalid.
 */
export function explainCondition(condition: Condition, signals: Signals, options: CompileOptions = {}): ConditionExplanation {
  const failure = withMessage(() => createConditionCompiler(options).compile(condition, options.pointer)).explain(signals);
  return failure ? { match: false, ...failure } : { match: true };
}

/** segmint/rules gives full messages: the checks name an error by code, the table words it. */
function withMessage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfigError) error.message = formatConfigError(error);
    throw error;
  }
}
