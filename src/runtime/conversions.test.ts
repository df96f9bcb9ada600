import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from './runtime';
import type { Profile } from '../profile/profile';
import type { ProfileEvent } from '../profile/record';
import { origins, type Order } from '../analytics/forward-analytics';
import { convertReplayed, recordNow, recordTracked } from './conversions';
import { loadBundledChunk } from '../chunks/bundled-chunks';
import { recordEvent } from '../profile/record';
import { createJournal } from '../profile/journal';
import { applyEntries, type Entry } from '../profile/apply-entries';
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
  const journal = createJournal('granted');
  const rt = {
    journal,
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
  /** A tracked event written ahead, as `track()` does before the queue runs it. */
  const track = (name: string, props: Record<string, unknown>) => journal.add({ type: 'track', name, props }, T0 + 3 * HOUR);
  return { rt, emit, purchases, finish, track, profile: () => profile, setProfile: (next: Profile) => (profile = next) };
}

/** The entries of this page's journal as the next page reads them from localStorage, once this one went (`pagehide`). */
const storedEntries = (): Entry[] => {
  dispatchEvent(new Event('pagehide'));
  return Object.keys(localStorage).filter((key) => key.startsWith('segmint:wal1:')).flatMap((key) => JSON.parse(localStorage.getItem(key)!));
};

const clicked = (id: string, at: number): [ProfileEvent, number][] => [
  [{ type: 'campaign', action: 'exposure', campaign: id, variant: 'default' }, at],
  [{ type: 'campaign', action: 'click', campaign: id, variant: 'default', locale: 'en' }, at],
];

beforeEach(() => localStorage.clear());

describe('recordTracked', () => {
  it('emits the purchase and the conversion before the profile write, with the segments the purchase puts the visitor in', async () => {
    const { rt, emit, purchases, finish, profile } = setup(clicked('held', T0));
    const done = recordTracked(rt, 'purchase', { value: 30, currency: 'eur', transactionId: 1001 }, [{ type: 'track', name: 'purchase', props: { value: 30, currency: 'eur', transactionId: 1001 } }, T0 + 3 * HOUR, 'e']);
    await tick();
    // The write is under way, not done: both already out.
    expect(profile().purchases).toBe(0);
    expect(purchases).toEqual([{ value: 30, currency: 'eur', transactionId: '1001' }]);
    expect(emit.mock.calls).toEqual([['conversion', { campaign: 'held', variant: 'default', locale: 'en', segments: ['buyers'], value: 30, currency: 'eur', transactionId: '1001' }]]);
    // Their beacon records say when and where it was tracked.
    expect([origins.get(purchases[0]), origins.get(emit.mock.calls[0][1])]).toEqual([{ time: T0 + 3 * HOUR, path: location.pathname }, { time: T0 + 3 * HOUR, path: location.pathname }]);
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

describe('a purchase replayed from the journal of a page gone too soon', () => {
  const PROPS = { value: 30, currency: 'eur', transactionId: 1001 };
  /** The next page's replay of `entries` onto `base`: what it derives, and what it announces once running. */
  async function replay(rt: Runtime, base: Profile, entries: Entry[]) {
    const announced: ((rt: Runtime) => void)[] = [];
    // The npm entry's loader: the replay chunk's own module.
    const replayed = convertReplayed(rt.session.prepared.campaigns, loadBundledChunk, (emit) => announced.push(emit));
    const { follow } = await replayed.replay([]);
    const applied: Entry[] = [];
    applyEntries(base, entries, applied);
    const derived = follow!(base, applied);
    replayed.onReplay();
    return { derived, announced, profile: applyEntries(applyEntries(base, entries), derived.map((event) => [event, T0 + 4 * HOUR])) };
  }

  it('is marked emitted in the journal with its announcement, so the replay stores its conversion but announces nothing', async () => {
    const page = setup(clicked('held', T0));
    const base = page.profile();
    const done = recordTracked(page.rt, 'purchase', PROPS, page.track('purchase', PROPS));
    await tick();
    // The page goes now: announced, its IndexedDB write under way.
    expect(page.emit).toHaveBeenCalledTimes(1);
    const left = storedEntries();
    // The purchase, marked, and its conversion written ahead with the announcement.
    expect(left.map(([event, , , emitted]) => [event.type === 'campaign' ? event.action : event.type, emitted])).toEqual([['track', 1], ['conversion', 0]]);
    const next = setup(clicked('held', T0));
    const { announced, profile } = await replay(next.rt, base, left);
    expect(announced).toEqual([]);
    expect(profile).toMatchObject({ purchases: 1, campaigns: { held: { convertedAt: expect.any(Number) } } });
    // Gone between the purchase's commit and the rest: the next page skips the purchase and still stores its conversion.
    const committed = applyEntries(base, left.slice(0, 1));
    const late = await replay(setup(clicked('held', T0)).rt, committed, left);
    expect([late.announced, late.profile.purchases, late.profile.campaigns.held.convertedAt]).toEqual([[], 1, T0 + 3 * HOUR]);
    await page.finish(done);
  });

  it('is announced once by the replay when its page went before announcing it: the beacon purchase and its conversion at its own time and page', async () => {
    const page = setup(clicked('held', T0));
    const base = page.profile();
    history.replaceState(null, '', '/thanks');
    page.track('purchase', PROPS);
    const left = storedEntries();
    expect(left.map((entry) => [entry[3], entry[4]])).toEqual([[0, '/thanks']]);
    // The next page.
    history.replaceState(null, '', '/next');
    try {
      const next = setup(clicked('held', T0));
      const { derived, announced, profile } = await replay(next.rt, base, left);
      expect(derived).toHaveLength(1);
      next.setProfile(profile);
      expect(announced).toHaveLength(1);
      announced[0](next.rt);
      expect(next.purchases).toEqual([{ value: 30, currency: 'eur', transactionId: '1001' }]);
      expect(next.emit.mock.calls).toEqual([['conversion', { campaign: 'held', variant: 'default', locale: 'en', segments: ['buyers'], value: 30, currency: 'eur', transactionId: '1001' }]]);
      const origin = { time: T0 + 3 * HOUR, path: '/thanks' };
      expect([origins.get(next.purchases[0]), origins.get(next.emit.mock.calls[0][1])]).toEqual([origin, origin]);

      // An entry written before entries had a path (or with a broken one): this page's.
      const old = setup(clicked('held', T0));
      const other: ProfileEvent = { type: 'track', name: 'purchase', props: { ...PROPS, transactionId: 1002 } };
      const unpathed: Entry[] = [[left[0][0], left[0][1], left[0][2]], [other, left[0][1] + 1, 'x.1', 0, 42 as never]];
      const replayedOld = await replay(old.rt, base, unpathed);
      replayedOld.announced.forEach((announce) => announce(old.rt));
      expect(old.purchases.map((order) => origins.get(order)?.path)).toEqual(['/next', '/next']);
    } finally {
      history.replaceState(null, '', '/');
    }
  });

  it('goes to the beacon alone for a visitor exposed but not clicking; converts one click once over two purchases; repeats nothing for an order counted already', async () => {
    const exposed: [ProfileEvent, number][] = [[{ type: 'campaign', action: 'exposure', campaign: 'shown', variant: 'default' }, T0 + 2 * HOUR]];
    const page = setup([...exposed, ...clicked('held', T0)]);
    const base = page.profile();
    page.track('purchase', { value: 10, transactionId: 'A' });
    page.track('purchase', { value: 20, transactionId: 'B' });
    page.track('purchase', { value: 10, transactionId: 'A' });
    const next = setup([...exposed, ...clicked('held', T0)]);
    const { derived, announced, profile } = await replay(next.rt, base, storedEntries());
    expect(derived.map((event) => event.type === 'campaign' && event.campaign)).toEqual(['held']);
    next.setProfile(profile);
    announced.forEach((announce) => announce(next.rt));
    expect(next.purchases.map((order) => order.transactionId)).toEqual(['A', 'B']);
    expect(next.emit.mock.calls.map(([event, payload]) => [event, payload.transactionId])).toEqual([['conversion', 'A']]);

    const stranger = setup([]);
    stranger.track('purchase', { value: 5 });
    const alone = await replay(stranger.rt, stranger.profile(), storedEntries().slice(-1));
    alone.announced.forEach((announce) => announce(stranger.rt));
    expect([alone.derived, stranger.purchases, stranger.emit.mock.calls]).toEqual([[], [], []]);
  });
});
