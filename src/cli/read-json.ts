import { readFileSync } from 'node:fs';
import { findJsonSyntaxError } from './json-syntax';

/** Why a file is not JSON: the message, and where (1-based line and column) with that line's text. */
export interface JsonReadError {
  error: string;
  line?: number;
  column?: number;
  /** The offending line (or the part of it around the column, for a long line), shown once. */
  excerpt?: string;
}

const EXCERPT_WIDTH = 100;

/** A JSON file's content, or an error message naming the line and column. */
export function readJsonFile(file: string): { value: unknown } | JsonReadError {
  // Editors on Windows save a byte-order mark that JSON.parse refuses; it is no content.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (!found) return { error: `not valid JSON: ${(error as Error).message.split('\n')[0]}` };
    return { error: `not valid JSON: ${found.message}`, ...locate(text, found.offset) };
  }
}

function locate(text: string, offset: number): { line: number; column: number; excerpt: string } {
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[line - 1].length + 1;
  const whole = text.split('\n')[line - 1].replace(/\r$/, '');
  // A minified config is one long line: show the stretch around the column, not all of it.
  const start = Math.max(0, Math.min(column - 1 - EXCERPT_WIDTH / 2, whole.length - EXCERPT_WIDTH));
  const shown = whole.slice(start, start + EXCERPT_WIDTH);
  const caret = ' '.repeat(column - 1 - start) + '^';
  const excerpt = `${start > 0 ? '…' : ''}${shown}${start + EXCERPT_WIDTH < whole.length ? '…' : ''}\n${start > 0 ? ' ' : ''}${caret}`;
  return { line, column, excerpt: excerpt.replace(/\t/g, ' ') };
}
