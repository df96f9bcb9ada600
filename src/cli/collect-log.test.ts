// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCollectLog } from './collect-log';

afterEach(() => vi.useRealTimers());

describe('the collect log', () => {
  it('prints one line per interval however many requests came, with the most frequent reasons', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-03T10:00:00Z') });
    const lines: string[] = [];
    const log = createCollectLog((line) => lines.push(line), 1000);
    for (let i = 0; i < 500; i++) log.count({ received: 20 });
    log.count({ received: 18, dropped: new Map([['"id" is not 16–128 hex characters', 2]]) });
    log.count({ received: 0, dropped: new Map([['"id" is not 16–128 hex characters', 1], ['"time" is not epoch milliseconds', 1]]) });
    log.count({ status: 413, reason: 'body over 1 MB' });
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(lines).toEqual(['10:00:01 received 10018 events in 503 requests; dropped 4 (3× "id" is not 16–128 hex characters, 1 for other reasons); refused 1 request (1× 413 body over 1 MB)']);
    vi.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(1);
    log.count({ received: 1 });
    log.finish();
    expect(lines.slice(1)).toEqual(['10:00:11 received 1 event in 1 request', 'total: received 10019 events in 504 requests; dropped 4 events; refused 1 request']);
    expect(log.totals()).toEqual({ requests: 504, received: 10019, dropped: 4, refused: { 413: 1 } });
  });
});
