import { describe, expect, it } from 'vitest';
import { validateConfig } from '../rules/validate';
import { prepare } from '../../tests/unit/campaigns';

const config = (...campaigns: Record<string, unknown>[]) => ({ version: 1, defaultLocale: 'en', campaigns });
const base = (fields: Record<string, unknown>) => ({ id: 'strip', content: { en: { title: 'Goes well with' } }, ...fields });
const errorsOf = (...campaigns: Record<string, unknown>[]) => validateConfig(config(...campaigns)).errors;

describe('inline layout in the config', () => {
  it('accepts an inline layout with a slot, and the campaign knows its slot', () => {
    expect(errorsOf(base({ layout: { type: 'inline', slot: 'pdp-below-price' } }))).toEqual([]);
    const prepared = prepare({ campaigns: [base({ layout: { type: 'inline', slot: 'pdp-below-price' } })] });
    expect(prepared.campaigns[0].slot).toBe('pdp-below-price');
    expect(prepared.campaigns[0].variants[0].layout).toEqual({ type: 'inline', slot: 'pdp-below-price' });
  });

  it('leaves popups without a slot', () => {
    expect(prepare({ campaigns: [base({ layout: { type: 'modal' } })] }).campaigns[0].slot).toBeUndefined();
  });

  it('requires a slot name for inline, with its pointer', () => {
    const [error] = errorsOf(base({ layout: { type: 'inline' } }));
    expect(error.pointer).toBe('/campaigns/0/layout/slot');
    expect(error.message).toMatch(/data-segmint-slot/);
  });

  it.each([[''], ['has space'], ['quote"d'], [42]])('rejects the slot name %j', (slot) => {
    expect(errorsOf(base({ layout: { type: 'inline', slot } }))[0].pointer).toBe('/campaigns/0/layout/slot');
  });

  it('suggests "inline" for a misspelt type and "slot" for a misspelt field', () => {
    const [type] = errorsOf(base({ layout: { type: 'inlne', slot: 'x' } }));
    expect(type).toMatchObject({ pointer: '/campaigns/0/layout/type' });
    expect(type.message).toMatch(/did you mean "inline"/i);
    const [field] = errorsOf(base({ layout: { type: 'inline', slto: 'x' } }));
    expect(field.pointer).toBe('/campaigns/0/layout/slto');
    expect(field.message).toMatch(/did you mean "slot"/i);
  });

  it('rejects a slot on a popup layout and a position on an inline one', () => {
    expect(errorsOf(base({ layout: { type: 'modal', slot: 'x' } }))[0].pointer).toBe('/campaigns/0/layout/slot');
    expect(errorsOf(base({ layout: { type: 'inline', slot: 'x', position: 'top' } }))[0].pointer).toBe('/campaigns/0/layout/position');
  });

  it('rejects a trigger other than an immediate page view on an inline campaign', () => {
    for (const trigger of [{ on: 'scroll', percent: 50 }, { on: 'pageview', delaySeconds: 3 }, { on: 'click', selector: 'a' }]) {
      expect(errorsOf(base({ layout: { type: 'inline', slot: 'x' }, trigger }))[0].pointer).toBe('/campaigns/0/trigger');
    }
    expect(errorsOf(base({ layout: { type: 'inline', slot: 'x' }, trigger: { on: 'pageview' } }))).toEqual([]);
  });

  it('keeps a variant in its campaign\'s slot, and a popup\'s variant over the page', () => {
    const variants = (layout: object) => [{ id: 'a' }, { id: 'b', layout }];
    expect(errorsOf(base({ layout: { type: 'inline', slot: 'x' }, variants: variants({ type: 'inline', slot: 'x' }) }))).toEqual([]);
    expect(errorsOf(base({ layout: { type: 'inline', slot: 'x' }, variants: variants({ type: 'inline', slot: 'y' }) }))[0].pointer).toBe('/campaigns/0/variants/1/layout/slot');
    expect(errorsOf(base({ layout: { type: 'inline', slot: 'x' }, variants: variants({ type: 'modal' }) }))[0].pointer).toBe('/campaigns/0/variants/1/layout/slot');
    expect(errorsOf(base({ variants: variants({ type: 'inline', slot: 'x' }) }))[0].pointer).toBe('/campaigns/0/variants/1/layout/type');
  });
});

describe('click trigger in the config', () => {
  it('accepts a selector', () => {
    expect(errorsOf(base({ trigger: { on: 'click', selector: '[data-segmint-open="coupon"]' } }))).toEqual([]);
    expect(prepare({ campaigns: [base({ trigger: { on: 'click', selector: '#open' } })] }).campaigns[0].trigger).toEqual({ on: 'click', selector: '#open' });
  });

  it('requires the selector, with its pointer', () => {
    for (const trigger of [{ on: 'click' }, { on: 'click', selector: '' }, { on: 'click', selector: 3 }]) {
      const [error] = errorsOf(base({ trigger }));
      expect(error.pointer).toBe('/campaigns/0/trigger/selector');
      expect(error.message).toMatch(/selector/);
    }
  });

  it('rejects an invalid selector with its pointer, quoting it', () => {
    const [error] = errorsOf(base({ trigger: { on: 'click', selector: '[data-segmint-open="coupon"' } }));
    expect(error.pointer).toBe('/campaigns/0/trigger/selector');
    expect(error.message).toContain('[data-segmint-open=\\"coupon\\"');
  });

  it('suggests "click" for a misspelt trigger and "selector" for a misspelt option', () => {
    expect(errorsOf(base({ trigger: { on: 'clck', selector: 'a' } }))[0].message).toMatch(/did you mean "click"/i);
    const [field] = errorsOf(base({ trigger: { on: 'click', selecter: 'a' } }));
    expect(field.pointer).toBe('/campaigns/0/trigger/selecter');
    expect(field.message).toMatch(/did you mean "selector"/i);
  });
});
