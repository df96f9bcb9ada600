// Plain Node ESM, no bundler: both entries, the schema where SPEC §6's "$schema" points, the manifest.
import { existsSync, readFileSync } from 'node:fs';
import { createSegmint } from 'segmint';
import { compileCondition, validateConfig } from 'segmint/rules';
import schema from 'segmint/schema.json' with { type: 'json' };
import manifest from 'segmint/package.json' with { type: 'json' };

const onDisk = JSON.parse(readFileSync('./node_modules/segmint/schema.json', 'utf8'));
console.log(JSON.stringify({
  createSegmint: typeof createSegmint,
  rule: compileCondition({ productViews: { gte: 2 } })({ productViews: 3 }),
  valid: validateConfig({ $schema: './node_modules/segmint/schema.json', version: 1, defaultLocale: 'en' }).ok,
  schema: schema.$schema,
  sameSchema: JSON.stringify(onDisk) === JSON.stringify(schema),
  version: manifest.version,
  scriptTag: existsSync('./node_modules/segmint/dist/segmint.js'),
}));
