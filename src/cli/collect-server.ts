import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBeaconBody } from './beacon-body';
import { openEventFiles, type EventFiles } from './event-files';
import type { CollectLog } from './collect-log';

/** The largest beacon body taken (SPEC §11); browsers cap `sendBeacon` at 64 KB anyway. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Receives beacon bodies (SPEC §11): what an HTTP server calls per request, and how to stop it. */
export interface CollectHandler {
  /** Answers one request: a beacon body by POST on any path, a CORS preflight, or an error status. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Refuses new bodies (503), waits for the ones under way to be written and answered, and closes the files. */
  close(): Promise<void>;
}

export interface CollectOptions {
  /** The folder the day files go to; made when missing. */
  dir: string;
  /** Where what was received and dropped is counted and printed. */
  log: CollectLog;
  /** The clock that dates receipt, and so picks the day file (default `Date.now`). */
  now?: () => number;
}

const CORS = { 'access-control-allow-origin': '*' };

/**
 * Creates the request handler `segmint collect` runs, for any Node HTTP server (the demo's uses it
 * on a path of its own). Each valid event of a body becomes one JSON line of the UTC day's file,
 * all of one body in one write, before the 204 goes out; an event that breaks the field table of
 * SPEC §10 is dropped and counted; a body that is not the beacon shape gets 400, one over 1 MB
 * gets 413 without being read.
 */
export async function createCollectHandler({ dir, log, now = Date.now }: CollectOptions): Promise<CollectHandler> {
  const files: EventFiles = await openEventFiles(dir);
  const underWay = new Set<Promise<void>>();
  let closing = false;

  const refuse = (response: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}) => {
    log.count({ status, reason });
    response.writeHead(status, { ...CORS, 'content-type': 'text/plain; charset=utf-8', ...headers });
    response.end(`${reason}\n`);
  };

  const receive = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const text = await readBody(request);
    if (text === null) {
      // Not read any further: the connection goes with the answer.
      refuse(response, 413, 'body over 1 MB', { connection: 'close' });
      request.resume();
      return;
    }
    const body = readBeaconBody(text);
    if (!body.ok) return refuse(response, 400, body.reason);
    if (body.events.length) {
      try {
        await files.append(body.events.map((event) => `${JSON.stringify(event)}\n`).join(''), now());
      } catch (error) {
        return refuse(response, 500, `could not write: ${(error as Error).message}`);
      }
    }
    log.count({ received: body.events.length, dropped: body.dropped });
    response.writeHead(204, closing ? { ...CORS, connection: 'close' } : CORS);
    response.end();
  };

  return {
    handle(request, response) {
      if (request.method === 'OPTIONS') {
        // A beacon is a simple request and needs no preflight, but a fetch() sender with JSON does.
        response.writeHead(204, { ...CORS, 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
        response.end();
        return;
      }
      if (request.method !== 'POST') return refuse(response, 405, 'only POST takes beacon bodies', { allow: 'POST, OPTIONS' });
      if (closing) return refuse(response, 503, 'stopping', { connection: 'close' });
      const declared = Number(request.headers['content-length']);
      if (declared > MAX_BODY_BYTES) {
        refuse(response, 413, 'body over 1 MB', { connection: 'close' });
        request.resume();
        return;
      }
      const done = receive(request, response).catch((error: unknown) => {
        if (!response.headersSent) refuse(response, 500, String((error as Error)?.message ?? error));
        else response.destroy();
      });
      underWay.add(done);
      void done.finally(() => underWay.delete(done));
    },
    async close() {
      closing = true;
      while (underWay.size) await Promise.all(underWay);
      await files.close();
    },
  };
}

/** The body as text, or null as soon as it passes the limit (what came so far is let go). */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else {
        request.off('data', onData);
        chunks.length = 0;
        resolve(null);
      }
    };
    request.on('data', onData);
    request.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : null));
    request.on('error', reject);
  });
}

/** A running collector. */
export interface CollectServer {
  /** The address it listens on, as `http://host:port/`. */
  url: string;
  server: Server;
  /** Stops accepting, finishes what is under way (written and answered), closes the files. */
  stop(): Promise<void>;
}

/** Starts `segmint collect`'s HTTP server on `host:port` (port 0: a free one). */
export async function startCollectServer(options: CollectOptions & { port: number; host: string }): Promise<CollectServer> {
  const handler = await createCollectHandler(options);
  const server = createServer(handler.handle);
  // `Expect: 100-continue` with a body over the limit is refused before the body is sent.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!(Number(request.headers['content-length']) > MAX_BODY_BYTES)) response.writeContinue();
    handler.handle(request, response);
  });
  // Slow senders do not hold a connection forever.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    server,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await handler.close();
      // Connections still open now carry nothing acknowledged; they are cut after a grace period.
      const cut = setTimeout(() => server.closeAllConnections(), 2000);
      await closed;
      clearTimeout(cut);
    },
  };
}
