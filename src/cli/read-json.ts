import { readFileSync } from 'node:fs';

/** A JSON file's content, or an error message naming the file, line and column. */
export function readJsonFile(file: string): { value: unknown } | { error: string; line?: number; column?: number } {
  const text = readFileSync(file, 'utf8');
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    return { error: `not valid JSON: ${cleanJsonMessage(message)}`, ...locateJsonError(text, message) };
  }
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
