import { validateFile, formatValidation } from './validate';
import { simulateFiles, formatSimulation } from './simulate';

const USAGE = `usage:
  segmint validate <config.json> [--json]
  segmint simulate <config.json> --visitor <visitor.json> [--at <ISO time>] [--expect <campaign|none>] [--json]

validate   check a config: one error per line with its JSON pointer; exit 0 when valid, 1 when not
simulate   which campaign would show for a visitor (a JSON object of signals, as explain() reports them),
           in which variant and locale, and why each other campaign would not
--json     machine-readable output, for CI pipelines
--at       the moment to simulate (default: now); schedules and caps are judged at that time
--expect   exit 1 unless this campaign (or "none") is the one that shows: rules as tests in CI`;

type Print = (text: string) => void;

/** Runs the CLI; returns the exit code (0 ok, 1 invalid or unexpected, 2 usage). */
export function runCli(args: string[], out: Print, err: Print): number {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return 0;
  }
  const parsed = parseArgs(rest);
  if (!parsed) return usage(err);
  const { files, flags } = parsed;
  try {
    if (command === 'validate' && files.length === 1 && onlyFlags(flags, ['json'])) return validate(files[0], !!flags.json, out, err);
    if (command === 'simulate' && files.length === 1 && typeof flags.visitor === 'string' && onlyFlags(flags, ['json', 'visitor', 'at', 'expect'])) {
      const at = typeof flags.at === 'string' ? Date.parse(flags.at) : Date.now();
      if (Number.isNaN(at)) {
        err(`segmint: --at needs an ISO time such as 2026-12-03T10:00:00Z, got "${flags.at}"`);
        return 2;
      }
      return simulate(files[0], flags.visitor, at, flags, out, err);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err(`segmint: ${code === 'ENOENT' ? `no such file: ${(error as NodeJS.ErrnoException).path}` : (error as Error).message}`);
    return 2;
  }
  return usage(err);
}

function validate(file: string, json: boolean, out: Print, err: Print): number {
  const result = validateFile(file);
  if (json) out(JSON.stringify(result, null, 2));
  else (result.ok ? out : err)(formatValidation(result));
  return result.ok ? 0 : 1;
}

function simulate(configFile: string, visitorFile: string, at: number, flags: Flags, out: Print, err: Print): number {
  const { simulation, problems } = simulateFiles(configFile, visitorFile, at);
  if (flags.json) out(JSON.stringify({ problems, ...simulation }, null, 2));
  else {
    if (problems.length) err(problems.join('\n'));
    if (simulation) out(formatSimulation(simulation));
  }
  if (!simulation || problems.length) return 1;
  if (typeof flags.expect === 'string') {
    const shown = simulation.winner?.shows ? simulation.winner.id : 'none';
    if (shown !== flags.expect) {
      err(`expected "${flags.expect}" to show, but ${shown === 'none' ? 'nothing shows' : `"${shown}" shows`}`);
      return 1;
    }
  }
  return 0;
}

type Flags = Record<string, string | true>;

function parseArgs(args: string[]): { files: string[]; flags: Flags } | null {
  const files: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) files.push(arg);
    else if (arg === '--json') flags.json = true;
    else if (['--visitor', '--at', '--expect'].includes(arg) && i + 1 < args.length) flags[arg.slice(2)] = args[++i];
    else return null;
  }
  return { files, flags };
}

function onlyFlags(flags: Flags, allowed: string[]): boolean {
  return Object.keys(flags).every((flag) => allowed.includes(flag));
}

function usage(err: Print): number {
  err(USAGE);
  return 2;
}
