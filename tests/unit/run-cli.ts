import { runCli } from '../../src/cli/run';

/** Runs the CLI in-process, as `segmint <args>` would, with what it wrote to stdout and stderr. */
export async function runCliCaptured(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, (text) => out.push(text), (text) => err.push(text));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
