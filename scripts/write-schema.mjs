// Generates the config's JSON Schema from the documented types in src/types.ts and
// src/condition-types.ts, so the contract is written once: each doc comment becomes the
// `description` editors show, and each JSDoc tag named after a JSON Schema keyword (`@minimum 0`,
// `@pattern …`, `@format …`, `@not {…}`; `@integer` for whole numbers) becomes that keyword, for
// what a TypeScript type cannot say. It reads the syntax of the types (the TypeScript parser, no
// type checker), supports the forms the contract uses, and fails loudly on any other, or on an
// undocumented field, so a new field cannot slip in half-described.
//
// `npm run schema` rewrites src/schema.json (src/schema.test.ts fails when it is stale);
// `npm run build` writes the shipped schema.json the same way.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCES = ['src/types.ts', 'src/condition-types.ts'];
const ROOT_TYPE = 'Config';
/** Tags whose text is the keyword's value as written; the others hold JSON. */
const TEXT_KEYWORDS = new Set(['pattern', 'format']);
const JSON_KEYWORDS = new Set([
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'const', 'not', 'if', 'then', 'else', 'propertyNames',
]);
/** Keys that could reach an object's prototype: refused anywhere in a config (mirrors src/lib/forbidden-keys.ts). */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** The JSON Schema of the config, as a plain object. */
export function generateSchema(root = new URL('../', import.meta.url)) {
  const files = SOURCES.map((path) => {
    const text = readFileSync(new URL(path, root), 'utf8');
    return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  });
  const declarations = new Map();
  for (const file of files) {
    for (const statement of file.statements) {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) declarations.set(statement.name.text, statement);
    }
  }
  const defs = {};

  const fail = (node, message) => {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    throw new Error(`${file.fileName}:${line + 1}: ${message}`);
  };

  const find = (name, node) => declarations.get(name) ?? fail(node, `no declaration of type ${name} in ${SOURCES.join(' or ')}`);

  /** A named type without type arguments becomes a `$defs` entry, referenced by `$ref`. */
  const refTo = (name, node) => {
    const key = name[0].toLowerCase() + name.slice(1);
    if (!(key in defs)) {
      defs[key] = null; // taken before describing, so a recursive type refers to itself
      defs[key] = describeDeclaration(find(name, node), []);
    }
    return { $ref: `#/$defs/${key}` };
  };

  const describeDeclaration = (declaration, typeArguments) => {
    const bindings = new Map((declaration.typeParameters ?? []).map((parameter, i) => [parameter.name.text, typeArguments[i] ?? fail(declaration, 'missing type argument')]));
    const body = ts.isInterfaceDeclaration(declaration) ? describeObject(declaration, bindings) : describeType(declaration.type, bindings);
    return annotate(declaration, body, false);
  };

  /** The doc comment as `description`, then the schema, then the keyword tags. */
  const annotate = (node, schema, isDocRequired) => {
    const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    const text = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ').replace(/\s*\n\s*/g, ' ').trim();
    if (!text && isDocRequired) fail(node, 'undocumented field: every field of the config has a doc comment (it becomes the schema description)');
    const result = text ? { description: text, ...schema } : { ...schema };
    for (const tag of ts.getJSDocTags(node)) {
      const name = tag.tagName.text;
      const value = (ts.getTextOfJSDocComment(tag.comment) ?? '').trim();
      if (name === 'integer') result.type = 'integer';
      else if (TEXT_KEYWORDS.has(name)) result[name] = value;
      else if (JSON_KEYWORDS.has(name)) result[name] = parseTag(node, name, value);
      else fail(node, `unknown tag @${name}: use a JSON Schema keyword`);
    }
    return result;
  };

  const parseTag = (node, name, value) => {
    try {
      return JSON.parse(value);
    } catch {
      return fail(node, `@${name} needs a JSON value, got ${JSON.stringify(value)}`);
    }
  };

  /** An interface: its bases' fields, then its own; closed to any other key. */
  const describeObject = (declaration, bindings) => {
    const schema = { type: 'object', required: [], properties: {}, patternProperties: {} };
    for (const clause of declaration.heritageClauses ?? []) {
      for (const base of clause.types) {
        if (!ts.isIdentifier(base.expression)) fail(base, 'unsupported base type');
        const baseDeclaration = find(base.expression.text, base);
        const args = (base.typeArguments ?? []).map((arg) => describeType(arg, bindings));
        const inherited = describeDeclaration(baseDeclaration, args);
        Object.assign(schema.properties, inherited.properties);
        Object.assign(schema.patternProperties, inherited.patternProperties);
        schema.required.push(...(inherited.required ?? []));
      }
    }
    addMembers(schema, declaration.members, bindings);
    return finishObject(schema);
  };

  const addMembers = (schema, members, bindings) => {
    for (const member of members) {
      if (ts.isPropertySignature(member)) {
        const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : fail(member, 'unsupported field name');
        schema.properties[name] = annotate(member, describeType(member.type, bindings), true);
        if (!member.questionToken && !schema.required.includes(name)) schema.required.push(name);
      } else if (ts.isIndexSignatureDeclaration(member)) {
        const key = member.parameters[0].type;
        const value = annotate(member, describeType(member.type, bindings), true);
        if (!ts.isTemplateLiteralTypeNode(key)) fail(member, 'an index signature needs a template key, e.g. `traits.${string}`; use Record<K, V> for maps');
        const pattern = value.pattern ?? fail(member, 'a template index signature needs @pattern for its keys');
        delete value.pattern;
        schema.patternProperties[pattern] = value;
      } else {
        fail(member, 'unsupported member: only fields and template index signatures');
      }
    }
  };

  const finishObject = (schema) => {
    if (!schema.required.length) delete schema.required;
    if (!Object.keys(schema.patternProperties).length) delete schema.patternProperties;
    return { ...schema, additionalProperties: false };
  };

  const describeType = (node, bindings) => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword: return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword: return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
      case ts.SyntaxKind.ParenthesizedType: return describeType(node.type, bindings);
      case ts.SyntaxKind.LiteralType: return describeLiteral(node);
      case ts.SyntaxKind.ArrayType: return { type: 'array', items: describeType(node.elementType, bindings) };
      case ts.SyntaxKind.TupleType: return describeTuple(node, bindings);
      case ts.SyntaxKind.UnionType: return describeUnion(node, bindings);
      case ts.SyntaxKind.TypeLiteral: {
        const schema = { type: 'object', required: [], properties: {}, patternProperties: {} };
        addMembers(schema, node.members, bindings);
        return finishObject(schema);
      }
      case ts.SyntaxKind.TypeReference: return describeReference(node, bindings);
      default: return fail(node, `unsupported type syntax: ${ts.SyntaxKind[node.kind]}`);
    }
  };

  const describeLiteral = (node) => {
    const { literal } = node;
    if (ts.isStringLiteral(literal)) return { type: 'string', const: literal.text };
    if (ts.isNumericLiteral(literal)) return { const: Number(literal.text) };
    if (literal.kind === ts.SyntaxKind.TrueKeyword || literal.kind === ts.SyntaxKind.FalseKeyword) return { type: 'boolean', const: literal.kind === ts.SyntaxKind.TrueKeyword };
    return fail(node, 'unsupported literal');
  };

  /** `[A, A]`: a list of exactly that many items of one type. */
  const describeTuple = (node, bindings) => {
    const texts = new Set(node.elements.map((element) => element.getText()));
    if (texts.size !== 1) fail(node, 'a tuple of mixed types is not supported');
    const n = node.elements.length;
    return { type: 'array', items: describeType(node.elements[0], bindings), minItems: n, maxItems: n };
  };

  const describeReference = (node, bindings) => {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (bindings.has(name)) return bindings.get(name);
    if (name === 'Record') {
      const [key, value] = args;
      const values = describeType(value, bindings);
      if (key.kind === ts.SyntaxKind.StringKeyword) return { type: 'object', additionalProperties: values };
      if (ts.isTypeReferenceNode(key)) return { type: 'object', propertyNames: describeType(key, bindings), additionalProperties: values };
      return fail(node, 'Record keys must be string or a named string type');
    }
    if (args.length) return describeDeclaration(find(name, node), args.map((arg) => describeType(arg, bindings)));
    return refTo(name, node);
  };

  /** The declaration a type node names, through aliases: for telling objects from values. */
  const isObjectLike = (node) => {
    if (ts.isParenthesizedTypeNode(node)) return isObjectLike(node.type);
    if (ts.isTypeLiteralNode(node)) return true;
    if (!ts.isTypeReferenceNode(node)) return false;
    const name = node.typeName.getText();
    if (name === 'Record') return true;
    const declaration = declarations.get(name);
    if (!declaration) return false;
    return ts.isInterfaceDeclaration(declaration) || isObjectLike(declaration.type);
  };

  const describeUnion = (node, bindings) => {
    const members = node.types.filter((member) => member.kind !== ts.SyntaxKind.UndefinedKeyword);
    if (members.length === 1) return describeType(members[0], bindings);
    // Closed vocabularies: `'a' | 'b'`.
    if (members.every((member) => ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal))) {
      return { type: 'string', enum: members.map((member) => member.literal.text) };
    }
    const objects = members.filter(isObjectLike);
    // A value or its operators: an object is read as operators, anything else as a value.
    if (objects.length === 1) {
      const values = members.filter((member) => member !== objects[0]).map((member) => describeType(member, bindings));
      return { if: { type: 'object' }, then: describeType(objects[0], bindings), else: values.length === 1 ? values[0] : { anyOf: values } };
    }
    if (objects.length === members.length) return describeTaggedUnion(node, members, bindings);
    return { anyOf: members.map((member) => describeType(member, bindings)) };
  };

  /**
   * Interfaces told apart by one literal field (`on: 'scroll'`): that field's values are checked
   * first, so an editor names the allowed ones, then exactly one kind must match.
   */
  const describeTaggedUnion = (node, members, bindings) => {
    const kinds = members.map((member) => {
      const declaration = ts.isTypeReferenceNode(member) ? declarations.get(member.typeName.getText()) : undefined;
      if (!declaration || !ts.isInterfaceDeclaration(declaration)) fail(member, 'a union of objects must name interfaces');
      const fields = declaration.members.filter(ts.isPropertySignature);
      const tag = fields.find((field) => !field.questionToken && ts.isLiteralTypeNode(field.type) && ts.isStringLiteral(field.type.literal));
      if (!tag) fail(declaration, 'each kind in a union of objects needs a required literal field that tells it apart');
      return { tag: tag.name.getText(), value: tag.type.literal.text, options: fields.filter((field) => field !== tag).map((field) => field.name.getText()) };
    });
    const tag = kinds[0].tag;
    if (kinds.some((kind) => kind.tag !== tag)) fail(node, 'the kinds of a union must share the field that tells them apart');
    const description = kinds.map(({ value, options }) => `\`${value}\`${options.length ? ` (${options.map((o) => `\`${o}\``).join(', ')})` : ''}`);
    return {
      type: 'object',
      required: [tag],
      properties: { [tag]: { description: `${description.slice(0, -1).join(', ')} or ${description.at(-1)}.`, type: 'string', enum: kinds.map((kind) => kind.value) } },
      oneOf: members.map((member) => describeType(member, bindings)),
    };
  };

  const config = describeDeclaration(find(ROOT_TYPE, files[0]), []);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://unpkg.com/segmint/schema.json',
    title: 'segmint config',
    ...config,
    $ref: '#/$defs/safeKeys',
    $defs: { ...defs, safeKeys: SAFE_KEYS },
  };
}

/** No key anywhere may reach a prototype: a rule over the whole document, which no field type can say. */
const SAFE_KEYS = {
  description: `No key anywhere in a config may be ${FORBIDDEN_KEYS.map((key) => `"${key}"`).join(', ').replace(/, ([^,]*)$/, ' or $1')}: names that could reach an object's prototype.`,
  if: { type: 'object' },
  then: { type: 'object', propertyNames: { not: { enum: FORBIDDEN_KEYS } }, additionalProperties: { $ref: '#/$defs/safeKeys' } },
  else: { if: { type: 'array' }, then: { type: 'array', items: { $ref: '#/$defs/safeKeys' } } },
};

/** The schema file's text. */
export function renderSchema(root) {
  return `${JSON.stringify(generateSchema(root), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url);
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : 'src/schema.json';
  writeFileSync(new URL(out, root), renderSchema(root));
}
