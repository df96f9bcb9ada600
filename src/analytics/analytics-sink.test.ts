import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BEACON_BATCH, createAnalyticsSink, type AnalyticsEvent } from './analytics-sink';
import type { AnalyticsSettings, BeaconEvent, CampaignEventPayload } from '../types';

type Host = Window & { dataLayer?: unknown };
const host = window as Host;

const payload = (n = 0, extra: Partial<CampaignEventPayload> = {}): CampaignEventPayload => ({
  campaign: `c${n}`,
  variant: 'default',
  locale: 'en',
  segments: ['vip'],
  ...extra,
});

/** What one sendBeacon call carried: its URL, the Blob's type and its parsed JSON. */
async function readBeacon(call: unknown[]): Promise<{ url: string; type: string; body: { events: Record<string, unknown>[] } }> {
  const [url, data] = call as [string, Blob];
  expect(data).toBeInstanceOf(Blob);
  return { url, type: data.type, body: JSON.parse(await data.text()) };
}

const beaconEvents = async (call: unknown[]) => (await readBeacon(call)).body.events;

/** navigator.sendBeacon, stubbed: accepts (true) unless told otherwise. */
const stubBeacon = (impl: (url: string | URL, data?: BodyInit | null) => boolean = () => true) =>
  vi.spyOn(navigator, 'sendBeacon').mockImplementation(impl);

const setVisibility = (state: DocumentVisibilityState) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
};

const T0 = new Date('2030-01-02T03:04:05.000Z').getTime();

describe('analytics sink', () => {
  let sinks: { close(): void }[] = [];
  let reported: unknown[] = [];
  const create = (settings: AnalyticsSettings, mayBeacon: () => boolean = () => true) => {
    const sink = createAnalyticsSink(settings, window, mayBeacon, (error) => reported.push(error));
    sinks.push(sink);
    // The beacon record is made by forwardAnalytics when the event happens; here, as the sink gets it.
    return {
      send: (event: AnalyticsEvent, payload: CampaignEventPayload) => sink.send(event, payload, { event, ...payload, segments: [...payload.segments], time: Date.now() } as unknown as BeaconEvent),
      close: () => sink.close(),
    };
  };

  beforeEach(() => {
    reported = [];
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    delete host.dataLayer;
  });
  afterEach(() => {
    // Sinks left open keep their page listeners; close them with a silent sendBeacon.
    stubBeacon();
    sinks.forEach((sink) => sink.close());
    sinks = [];
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete host.dataLayer;
    document.querySelectorAll('base').forEach((base) => base.remove());
    vi.useRealTimers();
  });

  describe('dataLayer', () => {
    it('creates window.dataLayer when missing and pushes { event: "segmint_<name>", segmint: payload }', () => {
      const sink = create({ dataLayer: true });
      const events: AnalyticsEvent[] = ['exposure', 'impression', 'dismiss', 'click', 'conversion'];
      events.forEach((event, i) => sink.send(event, payload(i)));
      sink.send('conversion', payload(9, { value: 49.5, currency: 'EUR' }));
      expect(host.dataLayer).toEqual([
        { event: 'segmint_exposure', segmint: payload(0) },
        { event: 'segmint_impression', segmint: payload(1) },
        { event: 'segmint_dismiss', segmint: payload(2) },
        { event: 'segmint_click', segmint: payload(3) },
        { event: 'segmint_conversion', segmint: payload(4) },
        { event: 'segmint_conversion', segmint: { campaign: 'c9', variant: 'default', locale: 'en', segments: ['vip'], value: 49.5, currency: 'EUR' } },
      ]);
    });

    it('pushes to the page’s own dataLayer, through its push, keeping what is there', () => {
      const existing: unknown[] = [{ event: 'gtm.js' }];
      const pushed: unknown[] = [];
      // GTM replaces push with its own; entries must go through it.
      Object.defineProperty(existing, 'push', { configurable: true, writable: true, value: (...entries: unknown[]) => pushed.push(...entries) });
      host.dataLayer = existing;
      create({ dataLayer: true }).send('impression', payload());
      expect(host.dataLayer).toBe(existing);
      expect(pushed).toEqual([{ event: 'segmint_impression', segmint: payload() }]);
    });

    it('pushes through a host dataLayer that is a queue object rather than an array', () => {
      const pushed: unknown[] = [];
      host.dataLayer = { push: (entry: unknown) => pushed.push(entry) };
      create({ dataLayer: true }).send('click', payload());
      expect(pushed).toEqual([{ event: 'segmint_click', segmint: payload() }]);
    });

    it('leaves alone a host dataLayer it cannot push to, and says so once', () => {
      const hosts = { not: 'a queue' };
      host.dataLayer = hosts;
      const sink = create({ dataLayer: true });
      sink.send('impression', payload());
      sink.send('click', payload());
      expect(host.dataLayer).toBe(hosts);
      expect(hosts).toEqual({ not: 'a queue' });
      expect(reported).toHaveLength(1);
      expect(String(reported[0])).toMatch(/window\.dataLayer has no push\(\)/);
    });

    it('pushes a copy: later changes to the payload do not reach the entry', () => {
      const original = payload();
      create({ dataLayer: true }).send('click', original);
      original.segments.push('changed');
      original.campaign = 'changed';
      expect(host.dataLayer).toEqual([{ event: 'segmint_click', segmint: payload() }]);
    });

    it('is not touched, nor created, when only a beacon is configured', () => {
      stubBeacon();
      create({ beacon: '/collect' }).send('click', payload());
      expect('dataLayer' in window).toBe(false);
    });

    it('with only a dataLayer, nothing is ever beaconed', () => {
      const beacon = stubBeacon();
      const sink = create({ dataLayer: true });
      for (let i = 0; i < BEACON_BATCH.maxEvents + 1; i++) sink.send('impression', payload(i));
      window.dispatchEvent(new Event('pagehide'));
      setVisibility('hidden');
      vi.advanceTimersByTime(60_000);
      sink.close();
      expect(beacon).not.toHaveBeenCalled();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('still gets every event when beacons may not be sent (no consent)', () => {
      const beacon = stubBeacon();
      const sink = create({ dataLayer: true, beacon: '/collect' }, () => false);
      sink.send('exposure', payload());
      sink.send('impression', payload());
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs * 2);
      sink.close();
      expect(host.dataLayer).toEqual([
        { event: 'segmint_exposure', segmint: payload() },
        { event: 'segmint_impression', segmint: payload() },
      ]);
      expect(beacon).not.toHaveBeenCalled();
    });
  });

  describe('beacon', () => {
    it('sends a text/plain JSON { events } body to the URL resolved against the document base', async () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect?site=1' });
      sink.send('exposure', payload(1));
      vi.advanceTimersByTime(10);
      sink.send('conversion', payload(2, { value: 10, currency: 'USD' }));
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs);
      expect(beacon).toHaveBeenCalledTimes(1);
      const { url, type, body } = await readBeacon(beacon.mock.calls[0]);
      expect(url).toBe(new URL('/collect?site=1', document.baseURI).href);
      expect(url).toMatch(/^https?:\/\/[^/]+\/collect\?site=1$/);
      expect(type).toMatch(/^text\/plain(;|$)/);
      expect(body).toEqual({
        events: [
          { event: 'exposure', campaign: 'c1', variant: 'default', locale: 'en', segments: ['vip'], time: T0 },
          { event: 'conversion', campaign: 'c2', variant: 'default', locale: 'en', segments: ['vip'], value: 10, currency: 'USD', time: T0 + 10 },
        ],
      });
    });

    it('resolves a relative URL against <base href>, and keeps an absolute one', () => {
      const beacon = stubBeacon();
      const base = document.createElement('base');
      base.href = 'https://shop.example/store/';
      document.head.append(base);
      const relative = create({ beacon: 'collect' });
      const absolute = create({ beacon: 'https://stats.example/c' });
      relative.send('click', payload());
      absolute.send('click', payload());
      relative.close();
      absolute.close();
      expect(beacon.mock.calls.map(([url]) => url)).toEqual(['https://shop.example/store/collect', 'https://stats.example/c']);
    });

    it(`sends a batch as soon as it holds ${BEACON_BATCH.maxEvents} events, in order; the next event starts a new one`, async () => {
      expect(BEACON_BATCH).toEqual({ maxEvents: 20, maxWaitMs: 5000 });
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      for (let i = 0; i < 19; i++) sink.send('impression', payload(i));
      expect(beacon).not.toHaveBeenCalled();
      sink.send('click', payload(19));
      expect(beacon).toHaveBeenCalledTimes(1);
      const first = await beaconEvents(beacon.mock.calls[0]);
      expect(first.map((e) => e.campaign)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
      expect(first.map((e) => e.event)).toEqual([...Array(19).fill('impression'), 'click']);
      // The full batch's timer went with it: nothing more is sent for it later.
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs * 3);
      expect(beacon).toHaveBeenCalledTimes(1);

      sink.send('dismiss', payload(20));
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs);
      expect(beacon).toHaveBeenCalledTimes(2);
      expect(await beaconEvents(beacon.mock.calls[1])).toEqual([
        { event: 'dismiss', campaign: 'c20', variant: 'default', locale: 'en', segments: ['vip'], time: T0 + BEACON_BATCH.maxWaitMs * 3 },
      ]);
    });

    it('sends a batch 5 s after its first event, however many follow', async () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      sink.send('exposure', payload(0));
      vi.advanceTimersByTime(3000);
      sink.send('impression', payload(1));
      vi.advanceTimersByTime(1999);
      sink.send('click', payload(2));
      expect(beacon).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(beacon).toHaveBeenCalledTimes(1);
      // One timer per batch, not one per event.
      expect(vi.getTimerCount()).toBe(0);
      const events = await beaconEvents(beacon.mock.calls[0]);
      expect(events.map((e) => [e.event, e.time])).toEqual([
        ['exposure', T0],
        ['impression', T0 + 3000],
        ['click', T0 + 4999],
      ]);
      vi.advanceTimersByTime(60_000);
      expect(beacon).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('keeps no timer while there is nothing to send', () => {
      stubBeacon();
      create({ beacon: '/collect' });
      expect(vi.getTimerCount()).toBe(0);
    });

    it('sends what is batched on pagehide, once', async () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      sink.send('impression', payload(1));
      sink.send('click', payload(2));
      window.dispatchEvent(new Event('pagehide'));
      expect(beacon).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);
      expect((await beaconEvents(beacon.mock.calls[0])).map((e) => e.campaign)).toEqual(['c1', 'c2']);
      window.dispatchEvent(new Event('pagehide'));
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs);
      expect(beacon).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('sends an event that comes during or after pagehide at once, and batches again after pageshow', async () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      window.dispatchEvent(new Event('pagehide'));
      sink.send('dismiss', payload(1));
      expect(beacon).toHaveBeenCalledTimes(1);
      expect((await beaconEvents(beacon.mock.calls[0])).map((e) => e.campaign)).toEqual(['c1']);
      window.dispatchEvent(new Event('pageshow'));
      sink.send('click', payload(2));
      expect(beacon).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs);
      expect(beacon).toHaveBeenCalledTimes(2);
    });

    it('sends a purchase to the beacon and never to the dataLayer', async () => {
      const beacon = stubBeacon();
      const host = window as unknown as { dataLayer?: unknown[] };
      host.dataLayer = [];
      const sink = createAnalyticsSink({ beacon: '/collect', dataLayer: true }, window, () => true);
      sinks.push(sink);
      const record = { event: 'purchase', id: 'ab'.repeat(16), visitor: 'v', time: T0, path: '/thanks', value: 5, currency: 'EUR' } as BeaconEvent;
      sink.send('purchase', undefined, record);
      sink.close();
      expect(host.dataLayer).toEqual([]);
      expect(await beaconEvents(beacon.mock.calls[0])).toEqual([record]);
    });

    it('sends what is batched when the page becomes hidden, not when it becomes visible', async () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      sink.send('impression', payload(1));
      setVisibility('visible');
      expect(beacon).not.toHaveBeenCalled();
      setVisibility('hidden');
      expect(beacon).toHaveBeenCalledTimes(1);
      expect((await beaconEvents(beacon.mock.calls[0])).map((e) => e.campaign)).toEqual(['c1']);
      // Hidden again with nothing batched: no empty beacon.
      setVisibility('visible');
      setVisibility('hidden');
      expect(beacon).toHaveBeenCalledTimes(1);
    });

    it('a refused beacon drops its batch: never sent again, and the next event starts afresh', async () => {
      const beacon = stubBeacon(() => false);
      const sink = create({ beacon: '/collect' });
      sink.send('impression', payload(1));
      sink.send('click', payload(2));
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs);
      expect(beacon).toHaveBeenCalledTimes(1);
      window.dispatchEvent(new Event('pagehide'));
      setVisibility('hidden');
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs * 10);
      expect(beacon).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);

      sink.send('dismiss', payload(3));
      window.dispatchEvent(new Event('pagehide'));
      expect(beacon).toHaveBeenCalledTimes(2);
      expect((await beaconEvents(beacon.mock.calls[1])).map((e) => e.campaign)).toEqual(['c3']);
    });

    it('a refused full batch is not retried either', () => {
      const beacon = stubBeacon(() => false);
      const sink = create({ beacon: '/collect' });
      for (let i = 0; i < BEACON_BATCH.maxEvents; i++) sink.send('impression', payload(i));
      expect(beacon).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs * 10);
      window.dispatchEvent(new Event('pagehide'));
      sink.close();
      expect(beacon).toHaveBeenCalledTimes(1);
    });

    it('a throwing sendBeacon is silent, from send(), the timer, pagehide and close(), and drops the batch', () => {
      const beacon = stubBeacon(() => {
        throw new TypeError('Failed to execute sendBeacon: refused');
      });
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
      window.addEventListener('error', onError);
      try {
        const sink = create({ beacon: '/collect' });
        for (let i = 0; i < BEACON_BATCH.maxEvents; i++) expect(() => sink.send('impression', payload(i))).not.toThrow();
        expect(beacon).toHaveBeenCalledTimes(1);
        sink.send('click', payload());
        expect(() => vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs)).not.toThrow();
        expect(beacon).toHaveBeenCalledTimes(2);
        sink.send('click', payload());
        window.dispatchEvent(new Event('pagehide'));
        expect(beacon).toHaveBeenCalledTimes(3);
        sink.send('click', payload());
        expect(() => sink.close()).not.toThrow();
        expect(beacon).toHaveBeenCalledTimes(4);
        // Nothing is kept to be tried again.
        vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs * 10);
        window.dispatchEvent(new Event('pagehide'));
        expect(beacon).toHaveBeenCalledTimes(4);
        expect(errors).toEqual([]);
      } finally {
        window.removeEventListener('error', onError);
      }
    });

    it('a browser without sendBeacon: events are dropped quietly', () => {
      Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: undefined });
      try {
        const sink = create({ dataLayer: true, beacon: '/collect' });
        expect(() => sink.send('click', payload())).not.toThrow();
        expect(() => vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs)).not.toThrow();
        expect(() => sink.close()).not.toThrow();
        expect(host.dataLayer).toEqual([{ event: 'segmint_click', segmint: payload() }]);
      } finally {
        delete (navigator as { sendBeacon?: unknown }).sendBeacon;
      }
      expect(typeof navigator.sendBeacon).toBe('function');
    });

    it('batches only what may leave the browser at the moment of the event', async () => {
      const beacon = stubBeacon();
      let consented = false;
      const sink = create({ beacon: '/collect' }, () => consented);
      sink.send('exposure', payload(1));
      sink.send('impression', payload(2));
      vi.advanceTimersByTime(BEACON_BATCH.maxWaitMs);
      window.dispatchEvent(new Event('pagehide'));
      expect(beacon).not.toHaveBeenCalled();
      expect(vi.getTimerCount()).toBe(0);

      consented = true;
      sink.send('click', payload(3));
      consented = false;
      sink.send('dismiss', payload(4));
      consented = true;
      window.dispatchEvent(new Event('pagehide'));
      expect(beacon).toHaveBeenCalledTimes(1);
      expect((await beaconEvents(beacon.mock.calls[0])).map((e) => [e.event, e.campaign])).toEqual([['click', 'c3']]);
    });

    it('batches a copy: later changes to the payload do not reach the beacon', async () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      const original = payload();
      sink.send('click', original);
      original.segments.push('changed');
      original.variant = 'changed';
      sink.close();
      expect(await beaconEvents(beacon.mock.calls[0])).toEqual([{ event: 'click', ...payload(), time: T0 }]);
    });
  });

  describe('close()', () => {
    it('sends what is batched at once, and an empty batch not at all', async () => {
      const beacon = stubBeacon();
      const empty = create({ beacon: '/collect' });
      empty.close();
      expect(beacon).not.toHaveBeenCalled();

      const sink = create({ beacon: '/collect' });
      sink.send('impression', payload(1));
      sink.close();
      expect(beacon).toHaveBeenCalledTimes(1);
      expect((await beaconEvents(beacon.mock.calls[0])).map((e) => e.campaign)).toEqual(['c1']);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('removes the pagehide and visibilitychange listeners', () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      sink.close();
      sink.send('click', payload());
      window.dispatchEvent(new Event('pagehide'));
      setVisibility('hidden');
      expect(beacon).not.toHaveBeenCalled();
    });

    it('removes exactly the listeners it added', () => {
      stubBeacon();
      const added = [vi.spyOn(window, 'addEventListener'), vi.spyOn(document, 'addEventListener')];
      const removed = [vi.spyOn(window, 'removeEventListener'), vi.spyOn(document, 'removeEventListener')];
      const sink = create({ beacon: '/collect' });
      const calls = added.map((spy) => spy.mock.calls.map((call) => [...call]));
      expect(calls.flat().map(([type]) => type).sort()).toEqual(['pagehide', 'pageshow', 'visibilitychange']);
      sink.close();
      calls.forEach((made, i) => expect(removed[i].mock.calls).toEqual(made));
    });

    it('adds no page listeners without a beacon', () => {
      const added = [vi.spyOn(window, 'addEventListener'), vi.spyOn(document, 'addEventListener')];
      create({ dataLayer: true }).close();
      expect(added[0]).not.toHaveBeenCalled();
      expect(added[1]).not.toHaveBeenCalled();
    });
  });

  it('a batch whose consent was withdrawn before it went stays on the device', () => {
    const beacon = stubBeacon();
    let consented = true;
    const sink = create({ beacon: '/collect' }, () => consented);
    sink.send('impression', payload());
    consented = false;
    sink.close();
    expect(beacon).not.toHaveBeenCalled();
  });

  describe('hostile hosts', () => {
    it('a host dataLayer whose push throws: send() does not throw, and the event is still batched for the beacon', async () => {
      const beacon = stubBeacon();
      const layer: unknown[] = [];
      Object.defineProperty(layer, 'push', { value: () => { throw new Error('the host push broke'); } });
      host.dataLayer = layer;
      const sink = create({ dataLayer: true, beacon: '/collect' });
      let thrown: unknown;
      try {
        sink.send('click', payload());
      } catch (error) {
        thrown = error;
      }
      sink.close();
      expect(thrown).toBeUndefined();
      expect(reported).toEqual([new Error('the host push broke')]);
      expect(beacon).toHaveBeenCalledTimes(1);
      expect(await beaconEvents(beacon.mock.calls[0])).toEqual([{ event: 'click', ...payload(), time: T0 }]);
    });

    it('the beacon body is well-formed when the host has Prototype.js’s Array.prototype.toJSON (RELIABILITY §36)', async () => {
      const beacon = stubBeacon();
      const sink = create({ beacon: '/collect' });
      sink.send('click', payload());
      const proto = Array.prototype as unknown as { toJSON?: () => string };
      proto.toJSON = function (this: unknown[]) {
        return `[${this.map((item) => JSON.stringify(item)).join(', ')}]`;
      };
      try {
        sink.close();
      } finally {
        delete proto.toJSON;
      }
      expect(await beaconEvents(beacon.mock.calls[0])).toEqual([{ event: 'click', ...payload(), time: T0 }]);
    });
  });
});
