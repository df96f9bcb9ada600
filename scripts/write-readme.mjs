// Regenerates the parts of README.md that other files own: the config reference tables (from the
// JSON Schema's descriptions, the one source of what each field means) and the screenshot URLs
// (absolute, from package.json `repository`, so they render on the npm page too).
// `node scripts/write-readme.mjs` rewrites README.md; tests/unit/readme.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countReliability, renderReliability } from './reliability-counts.mjs';

const TABLES = {
  'config fields': (schema) => schema,
  'campaign fields': (schema) => schema.$defs.campaign,
};

/** The README as it should be, given the schema and the package manifest. */
export function renderReadme(readme, schema, manifest) {
  let text = readme;
  for (const [name, pick] of Object.entries(TABLES)) {
    const start = `<!-- ${name}: generated from src/schema.json by scripts/write-readme.mjs -->`;
    const end = `<!-- end of ${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no "${start}" … "${end}" block`);
    text = `${text.slice(0, from + start.length)}\n${renderTable(pick(schema), schema)}\n${text.slice(to)}`;
  }
  const base = readRawBase(manifest);
  return text.replace(/(<img src=")(?!https?:)([^"]+)"/g, (_, open, path) => `${open}${base}/${path}"`);
}

/** `https://raw.githubusercontent.com/<owner>/<repo>/HEAD` from a GitHub `repository` field. */
export function readRawBase(manifest) {
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url ?? '';
  const match = /github\.com[/:]([^/]+)\/([^/.]+)/.exec(url) ?? /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url);
  if (!match) throw new Error(`package.json repository is not a GitHub repository: ${JSON.stringify(manifest.repository)}`);
  return `https://raw.githubusercontent.com/${match[1]}/${match[2]}/HEAD`;
}

function renderTable(object, schema) {
  const rows = Object.entries(object.properties)
    .filter(([name]) => name !== '$schema')
    .map(([name, property]) => `| \`${name}\` | ${escapeCell(describe(property, schema))} |`);
  return ['| field | meaning |', '|---|---|', ...rows].join('\n');
}

/** The field's description, and for an object its own fields' names, so no sub-field goes unlisted. */
function describe(property, schema) {
  const target = resolve(property, schema);
  const text = property.description ?? target.description ?? '';
  // A condition's keys are the signals (the Signals section lists them); a union's are its kinds.
  const union = target.oneOf || target.anyOf || target.if || property.$ref?.endsWith('/condition');
  const fields = union ? [] : Object.keys(target.properties ?? {});
  return fields.length && !fields.every((f) => text.includes(`\`${f}\``)) ? `${text.replace(/\.$/, '')}: ${fields.map((f) => `\`${f}\``).join(', ')}` : text;
}

function resolve(property, schema) {
  if (property.$ref) return resolve(property.$ref.split('/').slice(1).reduce((node, key) => node[key], schema), schema);
  if (property.type === 'array' && property.items) return {};
  return property;
}

function escapeCell(text) {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const schema = JSON.parse(readFileSync(new URL('src/schema.json', root), 'utf8'));
  const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  const reliability = countReliability(readFileSync(new URL('tests/RELIABILITY.md', root), 'utf8'));
  writeFileSync(new URL('README.md', root), renderReliability(renderReadme(readme, schema, manifest), reliability));
}
