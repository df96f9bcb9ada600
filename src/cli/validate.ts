import { readFileSync } from 'node:fs';
import { validateConfig, type ValidationError } from '../rules/validate';

/** Result of validating one config file. */
export interface FileValidation {
  file: string;
  ok: boolean;
  errors: (ValidationError & { line?: number; column?: number })[];
}

/** Reads and validates a config file; malformed JSON is reported with its line and column. */
export function validateFile(file: string): FileValidation {
  const text = readFileSync(file, 'utf8');
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    const { line, column } = locateJsonError(text, (error as Error).message);
    return { file, ok: false, errors: [{ pointer: '', message: `not valid JSON: ${cleanJsonMessage((error as Error).message)}`, line, column }] };
  }
  return { file, ...validateConfig(config) };
}

/** Formats errors one per line: `file: /pointer: message`. */
export function formatValidation({ file, ok, errors }: FileValidation): string {
  if (ok) return `${file}: valid`;
  return errors
    .map((e) => `${file}${e.line ? `:${e.line}:${e.column}` : ''}: ${e.pointer || '/'}: ${e.message}`)
    .join('\n');
}

function locateJsonError(text: string, message: string): { line?: number; column?: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: +lineColumn[1], column: +lineColumn[2] };
  const position = /position (\d+)/.exec(message);
  const offset = position ? +position[1] : /end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) return {};
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function cleanJsonMessage(message: string): string {
  return message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
}
