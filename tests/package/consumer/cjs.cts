// A CommonJS module of a node16/nodenext project: segmint/rules has CommonJS types and code.
import rules = require('segmint/rules');

type IsAny<T> = 0 extends 1 & T ? true : false;
export const notAny: IsAny<typeof rules.compileCondition> = false;
export const yes: boolean = rules.compileCondition({ country: 'AT' })({ country: 'AT' });
// @ts-expect-error validateConfig returns a result object
export const wrong: boolean = rules.validateConfig({});
