import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from './placeholders';

describe('fillPlaceholders', () => {
  it('fills product, price, coupon and traits as plain text', () => {
    const { fields, missing } = fillPlaceholders(
      { title: 'Hi {traits.firstName}', body: '{product} for {price} with {coupon}' },
      { product: '<b>Tent</b>', price: '€ 36,00', coupon: 'CAMP10', traits: { firstName: 'Ana' } },
    );
    expect(fields).toEqual({ title: 'Hi Ana', body: '<b>Tent</b> for € 36,00 with CAMP10' });
    expect(missing).toEqual([]);
  });

  it('drops a placeholder with no value and says which, leaving other braces alone', () => {
    const { fields, missing } = fillPlaceholders({ body: 'Use {coupon} now {not-a-placeholder}' }, { traits: {} });
    expect(fields.body).toBe('Use now {not-a-placeholder}');
    expect(missing).toEqual(['{coupon}']);
  });

  it('never reads a trait from the prototype chain', () => {
    const { fields, missing } = fillPlaceholders({ body: 'x{traits.toString}y' }, { traits: {} });
    expect(fields.body).toBe('xy');
    expect(missing).toEqual(['{traits.toString}']);
  });
});
