import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from './runtime';
import type { Profile } from '../profile/profile';
import type { ProfileEvent } from '../profile/record';
import type { Order } from '../analytics/forward-analytics';
import { recordNow, recordTracked } from './conversions';
import { recordEvent } from '../profile/record';
import { campaign, prepare, profileAfter, HOUR } from '../../tests/unit/campaigns';

const T0 = Date.UTC(2026, 0, 5, 12);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A runtime over an in-memory profile whose writes finish only when `finish()` is called. */
function setup(history: [ProfileEvent, number][]) {
  const prepared = prepare({
    segments: { buyers: { purchases: { gte: 1 } }, browsers: { purchases: { lt: 1 } } },
    campaigns: [campaign('shown', { attributionHours: 2 }), campaign('held', { attributionHours: 48 })],
  });
  let profile: Profile = profileAfter(T0, history);
  const writes: (() => void)[] = [];
  const store = {
    read: () => profile,
    // A journal entry ([event, at, id]) or an event, as the store takes them.
    record: (entry: ProfileEvent | [ProfileEvent, number, string]) => new Promise<Profile>((resolve) => writes.push(() => resolve((profile = recordEvent(profile, Array.isArray(entry) ? entry[0] : entry, T0 + 3 * HOUR))))),
  };
  const emit = vi.fn();
  const purchases: Order[] = [];
  const rt = {
    session: { prepared, store, hints: { defaultLocale: 'en', pageTypes: [] } },
    now: () => T0 + 3 * HOUR,
    emit,
    report: vi.fn(),
    state: {},
    purchaseListeners: new Set([(order: Order) => purchases.push(order)]),
  } as unknown as Runtime;
  /** Lets `done` finish, each profile write finishing in its own task. */
  const finish = async (done: Promise<void>) => {
    let over = false;
    void done.then(() => (over = true));
    while (!over) {
      writes.shift()?.();
      await tick();
    }
  };
  return { rt, emit, purchases, finish, profile: () => profile };
}

const clicked = (id: string, at: number): [ProfileEvent, number][] => [
  [{ type: 'campaign', action: 'exposure', campaign: id, variant: 'default' }, at],
  [{ type: 'campaign', action: 'click', campaign: id, variant: 'default', locale: 'en' }, at],
];

describe('recordTracked', () => {
  it('emits the purchase and the conversion before the profile write, with the segments the purchase puts the visitor in', async () => {
    const { rt, emit, purchases, finish, profile } = setup(clicked('held', T0));
    const done = recordTracked(rt, 'purchase', { value: 30, currency: 'eur', transactionId: 1001 }, [{ type: 'track', name: 'purchase', props: { value: 30, currency: 'eur', transactionId: 1001 } }, T0 + 3 * HOUR, 'e']);
    await tick();
    // The write is under way, not done: both already out.
    expect(profile().purchases).toBe(0);
    expect(purchases).toEqual([{ value: 30, currency: 'eur', transactionId: '1001' }]);
    expect(emit.mock.calls).toEqual([['conversion', { campaign: 'held', variant: 'default', locale: 'en', segments: ['buyers'], value: 30, currency: 'eur', transactionId: '1001' }]]);
    await finish(done);
    expect(profile().purchases).toBe(1);
    expect(profile().campaigns.held.convertedAt).toBe(T0 + 3 * HOUR);
  });

  it('sends nothing for an order already counted, nor for a visitor exposed only outside the window', async () => {
    const again = setup([...clicked('held', T0), [{ type: 'track', name: 'purchase', props: { transactionId: 'A' } }, T0 + HOUR]]);
    const first = recordTracked(again.rt, 'purchase', { transactionId: 'A' }, [{ type: 'track', name: 'purchase', props: { transactionId: 'A' } }, T0 + 3 * HOUR, 'e']);
    await again.finish(first);
    expect(again.purchases).toEqual([]);
    expect(again.emit).not.toHaveBeenCalled();

    // Exposed to `shown` 3 hours ago; its window is 2 hours.
    const late = setup([[{ type: 'campaign', action: 'exposure', campaign: 'shown', variant: 'default' }, T0]]);
    const second = recordTracked(late.rt, 'purchase', { value: 5 }, [{ type: 'track', name: 'purchase', props: { value: 5 } }, T0 + 3 * HOUR, 'e']);
    await late.finish(second);
    expect(late.purchases).toEqual([]);
    expect(late.profile().purchases).toBe(1);
  });

  it('waits for a popup write made outside the queue: a purchase right after a click is its conversion', async () => {
    const { rt, emit, purchases, finish } = setup([[{ type: 'campaign', action: 'exposure', campaign: 'held', variant: 'default' }, T0]]);
    recordNow(rt, { type: 'campaign', action: 'click', campaign: 'held', variant: 'default', locale: 'en' });
    const done = recordTracked(rt, 'purchase', { value: 7, transactionId: 'B' }, [{ type: 'track', name: 'purchase', props: { value: 7, transactionId: 'B' } }, T0 + 3 * HOUR, 'e']);
    await tick();
    // The click's write is still under way: nothing decided from a profile without it.
    expect(emit).not.toHaveBeenCalled();
    await finish(done);
    expect(purchases).toEqual([{ value: 7, currency: undefined, transactionId: 'B' }]);
    expect(emit.mock.calls.map(([event, payload]) => [event, payload.campaign, payload.segments])).toEqual([['conversion', 'held', ['buyers']]]);
  });

  it('records other tracked events without emitting', async () => {
    const { rt, emit, purchases, finish, profile } = setup(clicked('held', T0));
    const done = recordTracked(rt, 'add_to_cart', { value: 30 }, [{ type: 'track', name: 'add_to_cart', props: { value: 30 } }, T0 + 3 * HOUR, 'e']);
    await finish(done);
    expect(profile().cartAdds).toBe(1);
    expect([emit.mock.calls, purchases]).toEqual([[], []]);
  });
});
