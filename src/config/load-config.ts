import type { ChunkLoader } from '../chunks/contract';
import { parseJson } from '../lib/parse-json';

/** A config request that has not answered by then is abandoned (RELIABILITY §46). */
export const CONFIG_TIMEOUT_MS = 3000;
/** Larger than any sane config; parsing more would freeze the page (RELIABILITY §7). */
export const MAX_CONFIG_BYTES = 1_000_000;

/**
 * Fetches and parses the JSON config at `url` (relative to `base`); rejects with a clear message.
 * A large one is parsed in slices with the `parse` chunk from `loadChunk` (`lib/parse-json.ts`).
 */
export async function fetchConfig(url: string, base: string, loadChunk?: ChunkLoader): Promise<unknown> {
  const target = new URL(url, base);
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = setTimeout(() => controller?.abort(), CONFIG_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(target.href, { signal: controller?.signal, credentials: 'same-origin' });
    } catch (error) {
      throw new Error(controller?.signal.aborted ? `config request timed out after ${CONFIG_TIMEOUT_MS} ms (${target.href})` : `config could not be fetched from ${target.href}`, { cause: error });
    }
    if (!response.ok) throw new Error(`config request failed with HTTP ${response.status} (${target.href})`);
    // A redirect from https to http would let a network attacker choose the campaigns; one to
    // another origin lets whoever runs it choose them (RELIABILITY §47). The origin the host
    // named in data-config or the npm option is the only one allowed.
    const landed = response.url ? new URL(response.url) : target;
    if (target.protocol === 'https:' && landed.protocol !== 'https:') {
      throw new Error(`config request was redirected to an insecure URL (${response.url})`);
    }
    if (landed.origin !== target.origin) throw new Error(`config request was redirected to another origin (${response.url}); only ${target.origin} may serve it`);
    const text = await response.text();
    // In slices when large: one JSON.parse of thousands of campaigns is a long task.
    return keepText(await parseConfig(text, target.href, loadChunk), text);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the inline `<script type="application/json" id="segmint-config">`, if the page has one;
 * parsed in slices, as a fetched one is.
 */
export async function readInlineConfig(doc: Document, loadChunk?: ChunkLoader): Promise<unknown> {
  const element = doc.getElementById('segmint-config');
  if (!element || element.tagName !== 'SCRIPT' || (element as HTMLScriptElement).type !== 'application/json') return undefined;
  const text = element.textContent ?? '';
  return keepText(await parseConfig(text, 'the inline #segmint-config', loadChunk), text);
}

/** The text each config read here was parsed from: quicker to fingerprint than the value, and cheap to store. */
const texts = new WeakMap<object, string>();

/** Remembers `text` as the JSON text of `raw` (what `readConfigText` answers) and returns `raw`. */
export function keepText(raw: unknown, text: string): unknown {
  if (typeof raw === 'object' && raw) texts.set(raw, text);
  return raw;
}

/** The JSON text `raw` was parsed from, when this module parsed it (fetched or inline), or an npm config object's stamped text (`stamped-object.ts`). */
export function readConfigText(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw ? texts.get(raw) : undefined;
}

/** Parses config JSON with a size limit and an error that says where it came from; at once (Node, tests). */
export function parseConfigText(text: string, source: string): unknown {
  checkSize(text, source);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJson(text, source, error);
  }
}

/** `parseConfigText`, in slices when the text is large (`lib/parse-json.ts`). */
async function parseConfig(text: string, source: string, loadChunk: ChunkLoader | undefined): Promise<unknown> {
  checkSize(text, source);
  try {
    return await parseJson(text, loadChunk);
  } catch (error) {
    throw notJson(text, source, error);
  }
}

function checkSize(text: string, source: string): void {
  if (text.length > MAX_CONFIG_BYTES) throw new Error(`config from ${source} is larger than ${MAX_CONFIG_BYTES} bytes`);
}

function notJson(text: string, source: string, error: unknown): Error {
  const hint = text.trimStart().startsWith('<') ? ' (it looks like HTML, not JSON)' : '';
  return new Error(`config from ${source} is not valid JSON${hint}: ${(error as Error).message}`);
}
