import type { FlagSpecs, ParsedArgs } from './args';

/** Where a command writes: `out` for results, `err` for problems. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * One `segmint <name>` command: what the usage shows for it, what it accepts, and what it does.
 * `run` returns the exit code (0 ok, 1 invalid or unexpected, 2 usage or unreadable input); the
 * dispatcher has already checked the options and the number of files.
 */
export interface Command {
  /** The synopsis after `segmint <name> `, e.g. `<config.json>... [--json]`. */
  synopsis: string;
  /** What it does and what its options mean, one line each, for the usage. */
  help: string[];
  flags: FlagSpecs;
  /** Options without which the command cannot run. */
  required?: string[];
  /** How many positional arguments it takes, and what they are called in an error. */
  files: { min: number; max: number; name: string };
  run(args: ParsedArgs, io: Io): number | Promise<number>;
}
