import { describe, expect, it, vi } from 'vitest';
import { forwardAnalytics, origins, type ForwardDeps } from './forward-analytics';
import type { AnalyticsEvent, AnalyticsSink } from './analytics-sink';
import type { AnalyticsSettings, CampaignEventPayload } from '../types';

const payload = (n = 0, extra: Partial<CampaignEventPayload> = {}): CampaignEventPayload => ({
  campaign: `c${n}`,
  variant: 'default',
  locale: 'en',
  segments: [],
  ...extra,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A fake instance: an emitter for the campaign events and a sink recording what it got. */
function setup(settings: AnalyticsSettings | undefined, nav: Partial<Navigator> & { globalPrivacyControl?: boolean } = {}) {
  const handlers = new Map<string, Set<(payload: CampaignEventPayload) => void>>();
  const sent: [AnalyticsEvent, CampaignEventPayload][] = [];
  const sink: AnalyticsSink = {
    send: vi.fn((event, p) => void sent.push([event, p])),
    close: vi.fn(),
  };
  const deps = {
    on: vi.fn((event: AnalyticsEvent, handler: (payload: CampaignEventPayload) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      return () => void handlers.get(event)!.delete(handler);
    }),
    createSink: vi.fn<ForwardDeps['createSink']>(async () => sink),
    report: vi.fn<ForwardDeps['report']>(),
    onPurchase: vi.fn<ForwardDeps['onPurchase']>(() => () => {}),
    visitor: () => 'v'.repeat(24),
    mayBeacon: () => true,
  };
  const emit = (event: string, p: CampaignEventPayload) => [...(handlers.get(event) ?? [])].forEach((handler) => handler(p));
  const listening = () => [...handlers].filter(([, set]) => set.size > 0).map(([event]) => event);
  const stop = forwardAnalytics(settings, nav as Navigator, deps);
  return { stop, emit, sent, sink, deps, listening };
}

const ALL: AnalyticsEvent[] = ['exposure', 'impression', 'dismiss', 'click', 'conversion', 'answer'];

describe('forwardAnalytics', () => {
  it.each<[string, AnalyticsSettings | undefined]>([
    ['no analytics settings', undefined],
    ['empty settings', {}],
    ['dataLayer false and no beacon', { dataLayer: false }],
    ['only respectGPC', { respectGPC: true }],
  ])('does nothing with %s', async (_, settings) => {
    const { stop, emit, deps } = setup(settings);
    expect(deps.on).not.toHaveBeenCalled();
    emit('impression', payload());
    await settle();
    expect(deps.createSink).not.toHaveBeenCalled();
    expect(() => stop()).not.toThrow();
  });

  it.each<[string, AnalyticsSettings]>([
    ['dataLayer', { dataLayer: true }],
    ['beacon', { beacon: '/collect' }],
  ])('with %s, subscribes to the six campaign events (SPEC §10), and only those', (_, settings) => {
    const { listening, deps } = setup(settings);
    expect(listening().sort()).toEqual([...ALL].sort());
    expect(deps.on).toHaveBeenCalledTimes(ALL.length);
    expect(deps.createSink).not.toHaveBeenCalled();
  });

  describe('Global Privacy Control', () => {
    it('with respectGPC and navigator.globalPrivacyControl, nothing is subscribed, loaded or sent', async () => {
      const { emit, deps, sent } = setup({ dataLayer: true, beacon: '/collect', respectGPC: true }, { globalPrivacyControl: true });
      expect(deps.on).not.toHaveBeenCalled();
      ALL.forEach((event) => emit(event, payload()));
      await settle();
      expect(deps.createSink).not.toHaveBeenCalled();
      expect(sent).toEqual([]);
    });

    it.each<[string, AnalyticsSettings, { globalPrivacyControl?: boolean }]>([
      ['respectGPC without the signal', { dataLayer: true, respectGPC: true }, {}],
      ['respectGPC with the signal false', { dataLayer: true, respectGPC: true }, { globalPrivacyControl: false }],
      ['the signal without respectGPC', { dataLayer: true }, { globalPrivacyControl: true }],
      ['the signal with respectGPC false', { dataLayer: true, respectGPC: false }, { globalPrivacyControl: true }],
    ])('forwards with %s', async (_, settings, nav) => {
      const { emit, sent } = setup(settings, nav);
      emit('click', payload());
      await settle();
      expect(sent).toEqual([['click', payload()]]);
    });
  });

  it('creates the sink at the first event, once, and forwards every event in order', async () => {
    const { emit, deps, sent, sink } = setup({ dataLayer: true });
    await settle();
    expect(deps.createSink).not.toHaveBeenCalled();

    const loading = deferred<AnalyticsSink>();
    deps.createSink.mockReturnValueOnce(loading.promise);
    emit('exposure', payload(1));
    emit('impression', payload(2));
    expect(deps.createSink).toHaveBeenCalledTimes(1);
    emit('dismiss', payload(3));
    await settle();
    expect(sent).toEqual([]);

    loading.resolve(sink);
    await settle();
    emit('click', payload(4));
    emit('conversion', payload(5, { value: 10, currency: 'USD' }));
    await settle();
    expect(deps.createSink).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([
      ['exposure', payload(1)],
      ['impression', payload(2)],
      ['dismiss', payload(3)],
      ['click', payload(4)],
      ['conversion', payload(5, { value: 10, currency: 'USD' })],
    ]);
    expect(deps.report).not.toHaveBeenCalled();
  });

  it('a failed load is reported once, drops the events that waited for it, and the next event tries again', async () => {
    const { emit, deps, sent, sink } = setup({ beacon: '/collect' });
    const failure = new Error('the engage chunk could not be loaded');
    const first = deferred<AnalyticsSink>();
    deps.createSink.mockReturnValueOnce(first.promise);
    emit('exposure', payload(1));
    emit('impression', payload(2));
    emit('click', payload(3));
    first.reject(failure);
    await settle();
    expect(deps.createSink).toHaveBeenCalledTimes(1);
    expect(deps.report).toHaveBeenCalledTimes(1);
    expect(deps.report).toHaveBeenCalledWith(failure);
    expect(sent).toEqual([]);

    emit('dismiss', payload(4));
    emit('conversion', payload(5));
    await settle();
    expect(deps.createSink).toHaveBeenCalledTimes(2);
    expect(deps.report).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([
      ['dismiss', payload(4)],
      ['conversion', payload(5)],
    ]);
    expect(sink.send).toHaveBeenCalledTimes(2);
  });

  it('reports each failed load once, however many loads fail', async () => {
    const { emit, deps, sent } = setup({ dataLayer: true });
    deps.createSink.mockImplementation(() => Promise.reject(new Error('offline')));
    for (let i = 0; i < 3; i++) {
      emit('impression', payload(i));
      emit('click', payload(i));
      await settle();
    }
    expect(deps.createSink).toHaveBeenCalledTimes(3);
    expect(deps.report).toHaveBeenCalledTimes(3);
    expect(sent).toEqual([]);
  });

  it('stop() unsubscribes and closes the sink, once; nothing is sent after', async () => {
    const { stop, emit, deps, sent, sink, listening } = setup({ dataLayer: true });
    emit('impression', payload(1));
    await settle();
    stop();
    expect(listening()).toEqual([]);
    emit('click', payload(2));
    await settle();
    expect(sent).toEqual([['impression', payload(1)]]);
    expect(sink.close).toHaveBeenCalledTimes(1);
    expect(deps.createSink).toHaveBeenCalledTimes(1);
  });

  it('stop() before any event loads nothing', async () => {
    const { stop, emit, deps, sink } = setup({ dataLayer: true });
    stop();
    emit('impression', payload());
    await settle();
    expect(deps.createSink).not.toHaveBeenCalled();
    expect(sink.close).not.toHaveBeenCalled();
  });

  it('stop() while the sink loads closes it when it arrives and sends nothing to it', async () => {
    const { stop, emit, deps, sent, sink } = setup({ dataLayer: true });
    const loading = deferred<AnalyticsSink>();
    deps.createSink.mockReturnValueOnce(loading.promise);
    emit('impression', payload(1));
    stop();
    loading.resolve(sink);
    await settle();
    expect(sent).toEqual([]);
    expect(sink.close).toHaveBeenCalledTimes(1);
  });

  it('stop() after a failed load neither throws nor reports again', async () => {
    const { stop, emit, deps } = setup({ dataLayer: true });
    deps.createSink.mockReturnValueOnce(Promise.reject(new Error('offline')));
    emit('impression', payload());
    await settle();
    expect(() => stop()).not.toThrow();
    await settle();
    expect(deps.report).toHaveBeenCalledTimes(1);
  });

  it('an error thrown by the sink is reported, not left as an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const { emit, deps } = setup({ dataLayer: true });
      const broken = new Error('the host push broke');
      deps.createSink.mockResolvedValue({ send: () => { throw broken; }, close: () => {} });
      emit('click', payload());
      await settle();
      await settle();
      expect(rejections).toEqual([]);
      expect(deps.report).toHaveBeenCalledWith(broken);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  describe('beacon records (SPEC §10)', () => {
    it('makes each event\'s record when it happens: a random id, the visitor, the time and the path', async () => {
      const { emit, sink } = setup({ beacon: '/collect' });
      emit('click', payload(1));
      emit('click', payload(1));
      await settle();
      const records = (sink.send as ReturnType<typeof vi.fn>).mock.calls.map((call) => call[2]);
      expect(records).toHaveLength(2);
      for (const record of records) {
        expect(record).toEqual({ event: 'click', id: expect.stringMatching(/^[0-9a-f]{32}$/), visitor: 'v'.repeat(24), time: expect.any(Number), path: location.pathname, campaign: 'c1', variant: 'default', locale: 'en', segments: [] });
      }
      expect(records[0].id).not.toBe(records[1].id);
    });

    it('sends a purchase with value, currency and transactionId, and no campaign fields, to the beacon only', async () => {
      let purchase!: (props: Record<string, unknown>) => void;
      const { sink, deps } = setup({ beacon: '/collect' });
      purchase = (deps.onPurchase as ReturnType<typeof vi.fn>).mock.calls[0][0];
      purchase({ value: 12.5, currency: 'eur', transactionId: '1001' });
      purchase({});
      await settle();
      const calls = (sink.send as ReturnType<typeof vi.fn>).mock.calls;
      expect(calls.map((call) => [call[0], call[1]])).toEqual([['purchase', undefined], ['purchase', undefined]]);
      expect(calls[0][2]).toEqual({ event: 'purchase', id: expect.stringMatching(/^[0-9a-f]{32}$/), visitor: 'v'.repeat(24), time: expect.any(Number), path: location.pathname, value: 12.5, currency: 'EUR', transactionId: '1001' });
      // An order tracked without value or currency: 0 in the config's currency (none set here).
      expect(calls[1][2]).toMatchObject({ event: 'purchase', value: 0 });
    });

    it('says the time and the path of an event\'s origin when it has one: a purchase and its conversion replayed from an earlier page', async () => {
      const { emit, sink, deps } = setup({ beacon: '/collect' });
      const purchase = (deps.onPurchase as ReturnType<typeof vi.fn>).mock.calls[0][0];
      const order = { value: 12.5, currency: 'EUR' };
      const conversion = payload(1, { value: 12.5, currency: 'EUR' });
      origins.set(order, { time: 1000, path: '/thanks' });
      origins.set(conversion, { time: 1000, path: '/thanks' });
      purchase(order);
      emit('conversion', conversion);
      emit('click', payload(1));
      await settle();
      const records = (sink.send as ReturnType<typeof vi.fn>).mock.calls.map((call) => call[2]);
      expect(records.map(({ event, time, path }) => [event, time, path])).toEqual([['purchase', 1000, '/thanks'], ['conversion', 1000, '/thanks'], ['click', expect.any(Number), location.pathname]]);
      expect(records[2].time).toBeGreaterThan(1000);
    });

    it('does not subscribe to purchases without a beacon', () => {
      const { deps } = setup({ dataLayer: true });
      expect(deps.onPurchase).not.toHaveBeenCalled();
    });

    it('makes no record while data may not leave the browser', async () => {
      const { emit, sink, deps } = setup({ beacon: '/collect' });
      deps.mayBeacon = () => false;
      emit('click', payload(1));
      await settle();
      expect((sink.send as ReturnType<typeof vi.fn>).mock.calls[0][2]).toBeUndefined();
    });

    it('sends on pagehide what the sink, still loading, has not taken, and the sink then does not send it again', async () => {
      const beacon = vi.fn(() => true);
      const loading = deferred<AnalyticsSink>();
      const { emit, sink, deps } = setup({ beacon: '/collect', dataLayer: true }, { sendBeacon: beacon } as Partial<Navigator>);
      deps.createSink.mockImplementation(() => loading.promise);
      emit('click', payload(1));
      window.dispatchEvent(new Event('pagehide'));
      expect(beacon).toHaveBeenCalledTimes(1);
      const [url, body] = beacon.mock.calls[0] as unknown as [string, string];
      expect(url).toBe('/collect');
      expect(JSON.parse(body).events).toEqual([expect.objectContaining({ event: 'click', campaign: 'c1', id: expect.stringMatching(/^[0-9a-f]{32}$/) })]);
      loading.resolve(sink);
      await settle();
      // The dataLayer still gets it; the beacon does not get it twice.
      expect((sink.send as ReturnType<typeof vi.fn>).mock.calls).toEqual([['click', payload(1), undefined]]);
      window.dispatchEvent(new Event('pagehide'));
      expect(beacon).toHaveBeenCalledTimes(1);
    });
  });
});
