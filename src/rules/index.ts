/**
 * segmint's condition engine alone: no DOM, runs in Node, at the edge, or in a build step.
 * @packageDocumentation
 */
export { compileCondition, explainCondition, type ConditionExplanation } from './conditions';
export type { CompileOptions } from './compile';
export { validateConfig, type ValidationError } from './validate';
export { ConfigError } from './config-error';
export type { ConfigErrorCode, ConfigErrorParams } from './config-error-codes';
export { SIGNALS, type SignalSpec, type SignalKind, type Signals } from './signals';
export type { Condition, Config, Operator } from '../types';
