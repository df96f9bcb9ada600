import { describe, expect, it } from 'vitest';
import { checkVisitor } from './check-visitor';

const known = {
  campaigns: ['brew', 'coupon'],
  products: ['SKU-MOKA'],
  slots: ['pdp-below-price', 'cart-strip'],
  questions: { brew: { trait: 'brewMethod', values: ['espresso', 'filter'] } },
};
const messages = (visitor: Record<string, unknown>) => checkVisitor(visitor, known).map((e) => `${e.pointer}: ${e.message}`);

describe('checkVisitor and the formats', () => {
  it('accepts the page\'s slots, a countdown\'s first impression and a question\'s answer with its time', () => {
    expect(messages({
      slots: ['pdp-below-price'],
      traits: { brewMethod: 'espresso' },
      campaigns: { coupon: { impressions: 1, firstImpressionAt: '2026-12-03T09:00:00Z' }, brew: { answer: 'espresso', convertedAt: 1764752400000 } },
    })).toEqual([]);
  });

  it('names a slot no inline campaign fills, with the nearest one, and a slots value that is not a list', () => {
    expect(messages({ slots: ['pdp-below-prices', 7] })).toEqual([
      '/slots/0: no inline campaign of the config fills slot "pdp-below-prices" (did you mean "pdp-below-price"?)',
      '/slots/1: no inline campaign of the config fills slot 7',
    ]);
    expect(messages({ slots: 'pdp-below-price' })).toEqual(['/slots: the slots on the page: a list of data-segmint-slot names, e.g. ["pdp-below-price"]']);
    expect(checkVisitor({ slots: ['x'] }, { campaigns: [], products: [] }).map((e) => e.message)).toEqual(['no campaign of the config is inline']);
  });

  it('rejects an answer the question does not offer, one without its time, one on another campaign, and one the traits contradict', () => {
    expect(messages({ campaigns: { brew: { answer: 'expresso', convertedAt: '2026-12-03T09:00:00Z' } } })).toEqual([
      '/campaigns/brew/answer: one of the question\'s values "espresso", "filter", not "expresso" (did you mean "espresso"?)',
    ]);
    expect(messages({ campaigns: { brew: { answer: 'filter' } } })).toEqual(['/campaigns/brew/answer: an answer is a conversion: give its time as convertedAt']);
    expect(messages({ campaigns: { coupon: { answer: 'filter', convertedAt: 1 } } })).toEqual(['/campaigns/coupon/answer: only a question campaign has an answer; "coupon" is not one']);
    expect(messages({ traits: { brewMethod: 'filter' }, campaigns: { brew: { answer: 'espresso', convertedAt: 1 } } })).toEqual([
      '/campaigns/brew/answer: the answer is stored as traits.brewMethod, which the file gives as "filter"',
    ]);
  });

  it('checks firstImpressionAt as a time and suggests it for a near miss', () => {
    expect(messages({ campaigns: { coupon: { firstImpressionAt: 'soon' } } })).toEqual(['/campaigns/coupon/firstImpressionAt: a time: an ISO time or epoch milliseconds, not "soon"']);
    expect(messages({ campaigns: { coupon: { firstImpression: 1 } } })).toEqual(['/campaigns/coupon/firstImpression: unknown history field "firstImpression" (did you mean "firstImpressionAt"?)']);
  });
});
