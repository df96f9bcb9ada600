import { describe, expect, it } from 'vitest';
import { prepareConfig } from '../rules/prepare-config';
import { simulateVisit } from './simulate';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const { prepared } = prepareConfig({
  version: 1,
  defaultLocale: 'en',
  pages: { cart: ['/cart'], product: ['/products/*'] },
  catalog: { P: { name: { en: 'P' } } },
  campaigns: [{ id: 'on-products', audience: { pageType: 'product' }, content: { en: { title: 'x' } } }],
});

describe('simulateVisit', () => {
  it('gives a visitor without pageType the page type the browser would detect from the path', () => {
    const pageTypeAt = (visitor: Record<string, unknown>) => simulateVisit(prepared!, visitor, NOW).signals.pageType;
    expect(pageTypeAt({ path: '/products/tent' })).toBe('product');
    expect(pageTypeAt({ path: '/cart' })).toBe('cart');
    expect(pageTypeAt({ path: '/p/tent', product: 'P' })).toBe('product');
    expect(pageTypeAt({ path: '/' })).toBe('home');
    expect(pageTypeAt({ path: '/about' })).toBe('other');
    expect(pageTypeAt({ path: '/products/tent', pageType: 'other' })).toBe('other');
    expect(simulateVisit(prepared!, { path: '/products/tent' }, NOW).winner?.id).toBe('on-products');
  });
});

describe('simulateVisit with the formats', () => {
  const strip = (id: string, extra: object = {}) => ({ id, layout: { type: 'inline', slot: 'pdp-below-price' }, content: { en: { title: id } }, ...extra });
  const { prepared: formats, errors } = prepareConfig({
    version: 1,
    defaultLocale: 'en',
    segments: { espresso: { 'traits.brewMethod': 'espresso' } },
    campaigns: [
      strip('default-strip'),
      strip('espresso-strip', { audience: { segment: 'espresso' }, priority: 5 }),
      { id: 'cart-strip', layout: { type: 'inline', slot: 'cart-strip' }, content: { en: { title: 'c' } } },
      { id: 'coupon', priority: 10, trigger: { on: 'click', selector: '[data-open]' }, countdown: { minutes: 30 }, content: { en: { title: 'Ends in {countdown}' } } },
      { id: 'advent', priority: 20, countdown: { until: '2026-12-02T00:00:00Z' }, content: { en: { title: 'Advent' } } },
      {
        id: 'brew', kind: 'question', frequency: { afterConversionHours: 24 },
        question: { trait: 'brewMethod', options: [{ value: 'espresso', label: { en: 'Espresso' } }, { value: 'filter', label: { en: 'Filter' } }] },
        content: { en: { title: 'How do you brew?' } },
      },
    ],
  });
  const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
  const run = (visitor: Record<string, unknown>) => simulateVisit(formats!, visitor, NOW);
  const reasonOf = (result: ReturnType<typeof run>, id: string) => {
    const c = result.campaigns.find((campaign) => campaign.id === id)!;
    return c.eligible ? 'eligible' : c.reason;
  };

  it('the config is valid', () => expect(errors).toEqual([]));

  it('an inline campaign fills only a slot the page has, one per slot by priority, apart from the popup decision', () => {
    const bare = run({});
    expect(bare.slots).toEqual({});
    expect(reasonOf(bare, 'default-strip')).toBe('slot');
    expect(bare.campaigns.find((c) => c.id === 'default-strip')?.slot).toBe('pdp-below-price');
    // The popup decision is among popups only: an inline campaign never "wins" it.
    expect(bare.winner?.id).toBe('coupon');

    const onProduct = run({ slots: ['pdp-below-price'] });
    expect(onProduct.slots['pdp-below-price']).toMatchObject({ id: 'default-strip', shows: true, variant: 'default', locale: 'en' });
    expect(onProduct.winner).toMatchObject({ id: 'coupon', shows: true });
    expect(reasonOf(onProduct, 'cart-strip')).toBe('slot');
    const both = run({ slots: ['pdp-below-price', 'cart-strip'] });
    expect(Object.fromEntries(Object.entries(both.slots).map(([slot, c]) => [slot, c?.id]))).toEqual({ 'pdp-below-price': 'default-strip', 'cart-strip': 'cart-strip' });
    expect(both.campaigns.filter((c) => c.shows).map((c) => c.id).sort()).toEqual(['cart-strip', 'coupon', 'default-strip']);
  });

  it('a minutes countdown ends minutes after the first impression; before one, it has not started; until ends for everyone', () => {
    const fresh = run({});
    expect(reasonOf(fresh, 'advent')).toBe('countdown');
    expect(fresh.campaigns.find((c) => c.id === 'advent')?.countdownEndsAt).toBe('2026-12-02T00:00:00.000Z');
    expect(fresh.campaigns.find((c) => c.id === 'coupon')?.countdownEndsAt).toBe(new Date(NOW + 30 * 60_000).toISOString());
    const running = run({ campaigns: { coupon: { impressions: 1, firstImpressionAt: minutesAgo(29) } } });
    expect(reasonOf(running, 'coupon')).toBe('eligible');
    expect(running.campaigns.find((c) => c.id === 'coupon')?.countdownEndsAt).toBe(new Date(NOW + 60_000).toISOString());
    const over = run({ campaigns: { coupon: { impressions: 1, firstImpressionAt: minutesAgo(30) } } });
    expect(reasonOf(over, 'coupon')).toBe('countdown');
    expect(over.winner?.id).toBe('brew');
  });

  it('an answer is the question\'s trait, which segments read at once, and with convertedAt its conversion', () => {
    const unanswered = run({ slots: ['pdp-below-price'] });
    expect(unanswered.campaigns.find((c) => c.id === 'brew')?.question).toEqual({ trait: 'brewMethod', answer: null });
    const answered = run({ slots: ['pdp-below-price'], campaigns: { brew: { answer: 'espresso', convertedAt: minutesAgo(5) } } });
    expect(answered.signals.traits).toEqual({ brewMethod: 'espresso' });
    expect(answered.slots['pdp-below-price']?.id).toBe('espresso-strip');
    expect(answered.campaigns.find((c) => c.id === 'brew')).toMatchObject({ eligible: false, reason: 'frequency.afterConversionHours', question: { trait: 'brewMethod', answer: 'espresso' } });
    // Answered on another visit, and the conversion window is over: asked again, the trait kept.
    const later = run({ campaigns: { brew: { answer: 'filter', convertedAt: minutesAgo(25 * 60) }, coupon: { firstImpressionAt: minutesAgo(40) } } });
    expect(later.winner?.id).toBe('brew');
    expect(later.winner?.question?.answer).toBe('filter');
  });
});
