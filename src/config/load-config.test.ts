import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_TIMEOUT_MS, fetchConfig, parseConfigText } from './load-config';

// fetchConfig against a stubbed fetch, for what a test server on 127.0.0.1 cannot serve: an https
// config that redirects to http (RELIABILITY §47), and a response held for 10 s under fake timers
// (§46). The browser versions are in tests/e2e/reliability.spec.ts.

const CONFIG = { version: 1, defaultLocale: 'en', campaigns: [] };

/** A fetch that answers as if it followed redirects to `finalUrl`. */
function answerFrom(finalUrl: string | null, body: unknown = CONFIG) {
  return vi.fn(async (url: string) => ({
    ok: true,
    status: 200,
    url: finalUrl ?? url,
    redirected: finalUrl !== null && finalUrl !== url,
    text: async () => JSON.stringify(body),
  }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('RELIABILITY §47: a config URL that redirects', () => {
  it('from https to http is rejected with a clear error', async () => {
    vi.stubGlobal('fetch', answerFrom('http://shop.example/segmint.json'));
    await expect(fetchConfig('https://shop.example/segmint.json', 'https://shop.example/')).rejects.toThrow(/redirected to an insecure URL \(http:\/\/shop\.example\/segmint\.json\)/);
  });

  it('to another origin is rejected with a clear error naming both', async () => {
    vi.stubGlobal('fetch', answerFrom('https://evil.example/segmint.json'));
    await expect(fetchConfig('/segmint.json', 'https://shop.example/page')).rejects.toThrow(/redirected to another origin \(https:\/\/evil\.example\/segmint\.json\); only https:\/\/shop\.example may serve it/);
  });

  it('within the origin it was asked from is followed', async () => {
    vi.stubGlobal('fetch', answerFrom('https://shop.example/v2/segmint.json'));
    await expect(fetchConfig('/segmint.json', 'https://shop.example/page')).resolves.toEqual(CONFIG);
  });
});

describe('RELIABILITY §46: a config that answers after 10 s', () => {
  it('is aborted after 3 s (CONFIG_TIMEOUT_MS) with a clear error, and its late answer is ignored', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    let answer!: (value: unknown) => void;
    vi.stubGlobal('fetch', vi.fn((_url: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return new Promise((resolve, reject) => {
        answer = resolve;
        signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }));
    const result = fetchConfig('/segmint.json', 'https://shop.example/').then((config) => ({ config }), (error: Error) => ({ error }));
    await vi.advanceTimersByTimeAsync(CONFIG_TIMEOUT_MS - 1);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signal?.aborted).toBe(true);
    const settled = await result;
    expect(settled).toEqual({ error: expect.objectContaining({ message: expect.stringMatching(/timed out after 3000 ms \(https:\/\/shop\.example\/segmint\.json\)/) }) });
    // The server answers at 10 s: nothing changes.
    answer({ ok: true, status: 200, url: 'https://shop.example/segmint.json', text: async () => JSON.stringify(CONFIG) });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await result).toBe(settled);
  });
});

describe('RELIABILITY §7: a 5 MB config', () => {
  it('is refused by the size limit before it is parsed, with a clear error', () => {
    const huge = JSON.stringify({ version: 1, defaultLocale: 'en', campaigns: [], padding: 'x'.repeat(5_000_000) });
    const parse = vi.spyOn(JSON, 'parse');
    expect(() => parseConfigText(huge, 'https://shop.example/segmint.json')).toThrow(/larger than 1000000 bytes/);
    expect(parse).not.toHaveBeenCalled();
  });
});
