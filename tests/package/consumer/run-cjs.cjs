// CommonJS: segmint/rules is a CommonJS build; the main entry is ESM, which require() loads on Node >= 20.19.
const { compileCondition, ConfigError } = require('segmint/rules');

let pointer;
try {
  compileCondition({ productViews: { gtee: 2 } });
} catch (error) {
  pointer = error instanceof ConfigError ? error.pointer : String(error);
}
let main;
try {
  main = typeof require('segmint').createSegmint;
} catch (error) {
  main = `${error.code}: ${error.message.split('\n')[0]}`;
}
console.log(JSON.stringify({ rule: compileCondition({ country: 'AT' })({ country: 'AT' }), pointer, main, version: require('segmint/package.json').version }));
