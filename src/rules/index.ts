/**
 * segmint's condition engine alone: no DOM, runs in Node, at the edge, or in a build step.
 * @packageDocumentation
 */
export { compileCondition, type CompileOptions } from './compile';
export { explainCondition, type ConditionExplanation } from './explain';
export { validateConfig, type ValidationError } from './validate';
export { ConfigError } from './config-error';
export { SIGNALS, type SignalSpec, type SignalKind, type Signals } from './signals';
export type { Condition, Config, Operator } from '../types';
