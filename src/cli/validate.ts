import { writeFileSync } from 'node:fs';
import { validateConfig, type ValidationError } from '../rules/validate';
import type { Command } from './command';
import { readJsonFile } from './read-json';
import { writeCheckedConfig } from './checked-config';
import { readVersion } from './version';

/** One problem in a file; a JSON syntax error also has its line, column and the line's text. */
export type FileError = ValidationError & { line?: number; column?: number; excerpt?: string };

/** Result of validating one config file. */
export interface FileValidation {
  file: string;
  ok: boolean;
  errors: FileError[];
}

/**
 * `segmint validate <config.json>...`: checks each file, prints every error, exits 1 if any is
 * invalid; with `--checked <out.json>`, also writes the one valid config's checked form there.
 */
export const validateCommand: Command = {
  synopsis: '<config.json>... [--json] [--checked <out.json>]',
  help: [
    'check configs: one error per line with its JSON pointer; exit 0 when all are valid, 1 when not',
    '--json  machine-readable output, for CI pipelines (an array when several files are given)',
    '--checked <out.json>  write the valid config stamped as checked by this release: served unchanged, a first visit loads no checks',
  ],
  flags: { json: 'switch', checked: 'value' },
  files: { min: 1, max: Infinity, name: 'config file' },
  run({ files, flags }, io) {
    if (typeof flags.checked === 'string') return writeChecked(files, flags.checked, io);
    const { out, err } = io;
    const results: FileValidation[] = [];
    let unreadable = false;
    for (const file of files) {
      try {
        results.push(validateFile(file));
      } catch (error) {
        // One missing file does not hide the verdicts on the others.
        err(`segmint: ${describeFileError(error)}`);
        unreadable = true;
      }
    }
    if (flags.json) out(JSON.stringify(files.length === 1 ? results[0] ?? null : results, null, 2));
    else for (const result of results) (result.ok ? out : err)(formatValidation(result));
    return unreadable ? 2 : results.every((r) => r.ok) ? 0 : 1;
  },
};

/** `--checked`: validates one file, and writes its checked form only when it is valid. */
function writeChecked(files: string[], target: string, { out, err }: Parameters<Command['run']>[1]): number {
  if (files.length !== 1) {
    err('segmint: --checked writes one config: give one file');
    return 2;
  }
  const [file] = files;
  let read: ReturnType<typeof readJsonFile>;
  try {
    read = readJsonFile(file);
  } catch (error) {
    err(`segmint: ${describeFileError(error)}`);
    return 2;
  }
  if ('error' in read) {
    err(formatValidation({ file, ok: false, errors: [syntaxError(read)] }));
    return 1;
  }
  const result = { file, ...validateConfig(read.value) };
  if (!result.ok) {
    err(`${formatValidation(result)}\nsegmint: ${target} not written: a config with errors has no checked form`);
    return 1;
  }
  try {
    writeFileSync(target, writeCheckedConfig(read.value, readVersion()));
  } catch (error) {
    err(`segmint: ${target} could not be written: ${(error as Error).message}`);
    return 2;
  }
  out(`${file}: valid; checked form written to ${target}`);
  return 0;
}

function describeFileError(error: unknown): string {
  const { code, path, message } = error as NodeJS.ErrnoException;
  return code === 'ENOENT' ? `no such file: ${path}` : message;
}

/** Reads and validates a config file; malformed JSON is reported with its line and column. */
export function validateFile(file: string): FileValidation {
  const read = readJsonFile(file);
  if ('error' in read) return { file, ok: false, errors: [syntaxError(read)] };
  return { file, ...validateConfig(read.value) };
}

/** A file that is not JSON, as a validation error at the root. */
export function syntaxError({ error, line, column, excerpt }: { error: string; line?: number; column?: number; excerpt?: string }): FileError {
  return line ? { pointer: '', message: error, line, column, excerpt } : { pointer: '', message: error };
}

/** Formats errors one per line: `file: /pointer: message`; a syntax error is followed by its line, once, with a caret. */
export function formatValidation({ file, ok, errors }: FileValidation): string {
  if (ok) return `${file}: valid`;
  return errors
    .map((e) => `${file}${e.line ? `:${e.line}:${e.column}` : ''}: ${e.pointer || '/'}: ${e.message}${e.excerpt ? `\n${indent(e.excerpt)}` : ''}`)
    .join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
