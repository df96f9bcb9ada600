import { validateConfig, type ValidationError } from '../rules/validate';
import { readJsonFile } from './read-json';

/** Result of validating one config file. */
export interface FileValidation {
  file: string;
  ok: boolean;
  errors: (ValidationError & { line?: number; column?: number })[];
}

/** Reads and validates a config file; malformed JSON is reported with its line and column. */
export function validateFile(file: string): FileValidation {
  const read = readJsonFile(file);
  if ('error' in read) return { file, ok: false, errors: [{ pointer: '', message: read.error, line: read.line, column: read.column }] };
  return { file, ...validateConfig(read.value) };
}

/** Formats errors one per line: `file: /pointer: message`. */
export function formatValidation({ file, ok, errors }: FileValidation): string {
  if (ok) return `${file}: valid`;
  return errors
    .map((e) => `${file}${e.line ? `:${e.line}:${e.column}` : ''}: ${e.pointer || '/'}: ${e.message}`)
    .join('\n');
}
