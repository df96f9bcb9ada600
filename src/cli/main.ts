import { validateFile, formatValidation } from './validate';

const USAGE = `usage: segmint validate <config.json> [--json]

  validate   check a config: errors one per line with their JSON pointer; exit 0 when valid, 1 when not
  --json     print the errors as JSON, for CI pipelines`;

/** Runs the CLI; returns the exit code (0 valid, 1 invalid, 2 usage). */
export function runCli(args: string[], out: (text: string) => void, err: (text: string) => void): number {
  const [command, ...rest] = args;
  const json = rest.includes('--json');
  const files = rest.filter((arg) => arg !== '--json');
  if (command === '--help' || command === '-h') {
    out(USAGE);
    return 0;
  }
  if (command !== 'validate' || files.length !== 1 || rest.some((arg) => arg.startsWith('--') && arg !== '--json')) {
    err(USAGE);
    return 2;
  }
  let result;
  try {
    result = validateFile(files[0]);
  } catch (error) {
    err(`segmint: cannot read ${files[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  if (json) out(JSON.stringify(result, null, 2));
  else (result.ok ? out : err)(formatValidation(result));
  return result.ok ? 0 : 1;
}

process.exitCode = runCli(process.argv.slice(2), (text) => console.log(text), (text) => console.error(text));
