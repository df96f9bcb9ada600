/**
 * Whether `text` is a CSS selector list a browser accepts, checked without a DOM (the validator
 * and the CLI run in Node): type, universal, id, class and attribute selectors, pseudo-classes
 * and elements with their arguments, combinators, commas. A `click` trigger's selector is
 * checked with it at load, so a typo is a config error with its pointer, not a silent no-op.
 * Conservative where the grammar is open: an unknown pseudo-class is rejected, as browsers do.
 */
export function isValidSelector(text: string): boolean {
  if (text.length > MAX_SELECTOR_LENGTH) return false;
  const reader = { text, at: 0 };
  return readList(reader, false) && reader.at === text.length;
}

/** A click selector longer than this is not a marketer's selector. */
const MAX_SELECTOR_LENGTH = 1000;

interface Reader {
  text: string;
  at: number;
}

const ESCAPE = String.raw`\\(?:[0-9a-fA-F]{1,6}[ \t\n\r\f]?|[^\n0-9a-fA-F])`;
const IDENT = new RegExp(String.raw`-?(?:[A-Za-z_\u0080-\uFFFF]|${ESCAPE})(?:[\w\u0080-\uFFFF-]|${ESCAPE})*|--(?:[\w\u0080-\uFFFF-]|${ESCAPE})*`, 'y');
const STRING = /"(?:[^"\\\n]|\\[^])*"|'(?:[^'\\\n]|\\[^])*'/y;
const SPACE = /[ \t\n\r\f]*/y;
const NTH = /\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*/iy;

/** Pseudo-classes whose argument is a selector list (`:has` a relative one). */
const SELECTOR_ARGUMENT = ['not', 'is', 'where', 'has'];
const NTH_ARGUMENT = ['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type'];
const TEXT_ARGUMENT = ['lang', 'dir'];
const PSEUDO_CLASSES = [
  'hover', 'active', 'focus', 'focus-visible', 'focus-within', 'visited', 'link', 'any-link', 'target', 'checked',
  'disabled', 'enabled', 'required', 'optional', 'read-only', 'read-write', 'placeholder-shown', 'default', 'indeterminate',
  'valid', 'invalid', 'in-range', 'out-of-range', 'empty', 'root', 'scope', 'first-child', 'last-child', 'only-child',
  'first-of-type', 'last-of-type', 'only-of-type', 'defined', 'open', 'autofill', 'user-valid', 'user-invalid',
];
const PSEUDO_ELEMENTS = ['before', 'after', 'first-line', 'first-letter', 'marker', 'placeholder', 'selection', 'backdrop'];

function match(reader: Reader, pattern: RegExp): string | null {
  pattern.lastIndex = reader.at;
  const found = pattern.exec(reader.text);
  if (!found) return null;
  reader.at = pattern.lastIndex;
  return found[0];
}

function skipSpace(reader: Reader): boolean {
  return (match(reader, SPACE) ?? '').length > 0;
}

function readList(reader: Reader, isRelative: boolean): boolean {
  do {
    skipSpace(reader);
    if (!readComplex(reader, isRelative)) return false;
    skipSpace(reader);
  } while (reader.text[reader.at] === ',' && ++reader.at);
  return true;
}

function readComplex(reader: Reader, isRelative: boolean): boolean {
  if (isRelative && '>+~'.includes(reader.text[reader.at] ?? ',')) {
    reader.at++;
    skipSpace(reader);
  }
  if (!readCompound(reader)) return false;
  for (;;) {
    const before = reader.at;
    const spaced = skipSpace(reader);
    const next = reader.text[reader.at];
    if (next !== undefined && '>+~'.includes(next)) {
      reader.at++;
      skipSpace(reader);
      if (!readCompound(reader)) return false;
    } else if (spaced && next !== undefined && next !== ',' && next !== ')') {
      if (!readCompound(reader)) return false;
    } else {
      reader.at = before;
      return true;
    }
  }
}

function readCompound(reader: Reader): boolean {
  let parts = 0;
  if (reader.text[reader.at] === '*') {
    reader.at++;
    parts++;
  } else if (match(reader, IDENT)) {
    parts++;
  }
  for (;;) {
    const next = reader.text[reader.at];
    if (next === '#' || next === '.') {
      reader.at++;
      if (!match(reader, IDENT)) return false;
    } else if (next === '[') {
      if (!readAttribute(reader)) return false;
    } else if (next === ':') {
      if (!readPseudo(reader)) return false;
    } else {
      return parts > 0;
    }
    parts++;
  }
}

function readAttribute(reader: Reader): boolean {
  reader.at++;
  skipSpace(reader);
  if (!match(reader, IDENT)) return false;
  skipSpace(reader);
  const operator = match(reader, /[~|^$*]?=/y);
  if (operator) {
    skipSpace(reader);
    if (!match(reader, STRING) && !match(reader, IDENT)) return false;
    skipSpace(reader);
    match(reader, /[iIsS](?![\w-])/y);
    skipSpace(reader);
  }
  return reader.text[reader.at++] === ']';
}

function readPseudo(reader: Reader): boolean {
  reader.at++;
  const isElement = reader.text[reader.at] === ':' && ++reader.at > 0;
  const name = match(reader, IDENT)?.toLowerCase();
  if (!name) return false;
  if (isElement) return PSEUDO_ELEMENTS.includes(name);
  if (reader.text[reader.at] !== '(') return PSEUDO_CLASSES.includes(name) || PSEUDO_ELEMENTS.slice(0, 4).includes(name);
  reader.at++;
  let ok: boolean;
  if (SELECTOR_ARGUMENT.includes(name)) ok = readList(reader, name === 'has');
  else if (NTH_ARGUMENT.includes(name)) ok = match(reader, NTH) !== null && (!/^\s*of\s/i.test(reader.text.slice(reader.at)) || (match(reader, /\s*of/iy) !== null && readList(reader, false)));
  else if (TEXT_ARGUMENT.includes(name)) ok = (skipSpace(reader), (match(reader, IDENT) ?? match(reader, STRING)) !== null) && (skipSpace(reader), true);
  else ok = false;
  return ok && reader.text[reader.at++] === ')';
}
