import { didYouMean } from '../lib/nearest';

/** The options a command takes: a switch (`--json`) or one that needs a value (`--at <time>`). */
export type FlagSpecs = Record<string, 'switch' | 'value'>;

/** A command line after parsing: positional arguments, and options by name without `--`. */
export interface ParsedArgs {
  files: string[];
  flags: Record<string, string | true>;
}

/**
 * Splits a command's arguments into positionals and `--flags` (`--at 2026-…` or `--at=2026-…`);
 * returns what was wrong, in words, for an unknown option or a missing value. A lone `-` is a
 * positional (stdin), and everything after `--` is positional.
 */
export function parseArgs(args: readonly string[], specs: FlagSpecs): ParsedArgs | { problem: string } {
  const files: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.replace(/^--?/, ''), '=');
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) return { problem: `unknown option ${arg.split('=')[0]}${didYouMean(name, Object.keys(specs)).replace(/"([^"]+)"/, '"--$1"')}` };
    if (name in flags) return { problem: `--${name} is given twice` };
    if (spec === 'switch') {
      if (inline !== undefined) return { problem: `--${name} takes no value` };
      flags[name] = true;
    } else if (inline !== undefined) {
      flags[name] = inline;
    } else if (i + 1 < args.length && !args[i + 1].startsWith('--')) {
      flags[name] = args[++i];
    } else {
      return { problem: `--${name} needs a value` };
    }
  }
  return { files, flags };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
