import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

/**
 * Streams the lines of a file (`-` for stdin; a name ending in `.gz` is gunzipped) to `onLine`,
 * without its newline and without a trailing `\r`. Memory is one chunk and one line, whatever
 * the file's size. Rejects when the file cannot be read or does not decompress.
 */
export async function readLines(file: string, onLine: (line: string) => void, stdin: Readable = process.stdin): Promise<void> {
  // Large reads: fewer chunks to join and split than the default 64 KB.
  const raw = file === '-' ? stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  // A read error on the file does not reach the gunzip stream by itself.
  if (stream !== raw) raw.once('error', (error: Error) => stream.destroy(error));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const emit = (line: string) => onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      emit(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  // A last line without its newline (a file cut off mid-write) is still a line.
  if (rest !== '') emit(rest);
}
