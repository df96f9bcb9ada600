import { parseArgs } from './args';
import type { Command, Io } from './command';
import { validateCommand } from './validate';
import { simulateCommand } from './simulate';
import { collectCommand } from './collect';
import { reportCommand } from './report';
import { readVersion } from './version';
import { didYouMean } from '../lib/nearest';

/** Every command, by name, in the order the usage lists them. A new command adds one line here. */
const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  simulate: simulateCommand,
  collect: collectCommand,
  report: reportCommand,
};

type Print = (text: string) => void;

/** Runs the CLI; resolves to the exit code (0 ok, 1 invalid or unexpected, 2 usage or unreadable input). */
export async function runCli(args: string[], out: Print, err: Print): Promise<number> {
  const io: Io = { out, err };
  const [name, ...rest] = args;
  if (name === undefined) return usageError('no command given', io);
  if (name === '--help' || name === '-h' || name === 'help') {
    out(formatUsage());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    out(readVersion());
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const what = name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`;
    return usageError(`${what}${didYouMean(name.replace(/^-+/, ''), Object.keys(COMMANDS))}`, io);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(formatUsage(name));
    return 0;
  }
  const parsed = parseArgs(rest, command.flags);
  if ('problem' in parsed) return usageError(parsed.problem, io, name);
  const missing = (command.required ?? []).find((flag) => !(flag in parsed.flags));
  if (missing) return usageError(`${name} needs --${missing}`, io, name);
  const { min, max, name: files } = command.files;
  if (parsed.files.length < min) return usageError(`${name} needs ${min === 1 ? `a ${files}` : `${min} ${files}s`}`, io, name);
  if (parsed.files.length > max) return usageError(`${name} takes ${max === 1 ? `one ${files}` : `at most ${max} ${files}s`}, got ${parsed.files.length}: ${parsed.files.join(' ')}`, io, name);
  try {
    return await command.run(parsed, io);
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    err(`segmint: ${code === 'ENOENT' ? `no such file: ${path}` : code === 'EISDIR' ? 'a directory is not a file' : (error as Error).message}`);
    return 2;
  }
}

/** Says what was wrong first, then how the command is used: exit 2. */
function usageError(problem: string, { err }: Io, name?: string): number {
  err(`segmint: ${problem}\n\n${formatUsage(name)}`);
  return 2;
}

function formatUsage(only?: string): string {
  const entries = Object.entries(COMMANDS).filter(([name]) => !only || name === only);
  const lines = ['usage:', ...entries.map(([name, c]) => `  segmint ${name} ${c.synopsis}`)];
  if (!only) lines.push('  segmint --version');
  for (const [name, c] of entries) lines.push('', ...c.help.map((line, i) => `${i ? ' '.repeat(name.length) : name}  ${line}`));
  return lines.join('\n');
}
