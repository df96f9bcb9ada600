import { resolve } from 'node:path';
import { startCollectServer } from './collect-server';
import { createCollectLog } from './collect-log';
import type { Command } from './command';

type Print = (text: string) => void;

/** `segmint collect --dir <folder>`: receive beacons and append their events as NDJSON (SPEC §11). */
export const collectCommand: Command = {
  synopsis: '--dir <folder> [--port 8787] [--host 127.0.0.1]',
  help: [
    'receive beacon bodies (POST on any path, answered 204) and append each valid event as one',
    'JSON line to <folder>/<YYYY-MM-DD>.ndjson (UTC day of receipt); runs until Ctrl+C or SIGTERM',
    '--port  the port to listen on (default 8787; 0 picks a free one)',
    '--host  the address to listen on (default 127.0.0.1, this machine only)',
  ],
  flags: { dir: 'value', port: 'value', host: 'value' },
  required: ['dir'],
  files: { min: 0, max: 0, name: 'file' },
  run: ({ flags }, { out, err }) => runCollect({ dir: String(flags.dir), port: flags.port as string | undefined, host: flags.host as string | undefined }, out, err),
};

/** What `segmint collect` is given on the command line. */
export interface CollectArgs {
  dir: string;
  port?: string;
  host?: string;
}

/**
 * Runs `segmint collect` until SIGINT or SIGTERM: then it stops accepting, finishes the writes
 * under way, prints its totals and resolves to 0. Resolves to 2 at once when it cannot listen.
 */
export async function runCollect(args: CollectArgs, out: Print, err: Print): Promise<number> {
  const port = args.port === undefined ? 8787 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`segmint: --port needs a port number (0–65535), got "${args.port}"`);
    return 2;
  }
  const host = args.host ?? '127.0.0.1';
  const dir = resolve(args.dir);
  const log = createCollectLog(out);
  let collector;
  try {
    collector = await startCollectServer({ dir, port, host, log });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    err(`segmint: cannot collect on ${host}:${port}: ${code === 'EADDRINUSE' ? 'the port is in use (choose another with --port)' : (error as Error).message}`);
    return 2;
  }
  const running = collector;
  const stopped = new Promise<number>((done) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      out(`${signal}: finishing the writes under way…`);
      running.stop().then(() => {
        log.finish();
        done(0);
      }, (error: unknown) => {
        err(`segmint: stopping failed: ${(error as Error).message}`);
        done(1);
      });
    };
    // Before saying where it listens: whoever waits for that line may stop it at once.
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  out(`segmint collect: listening on ${collector.url} (POST beacon bodies on any path)`);
  out(`writing one JSON line per event to ${dir}/<YYYY-MM-DD>.ndjson (UTC day of receipt). Stop with Ctrl+C.`);
  return stopped;
}
