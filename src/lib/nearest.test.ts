import { describe, expect, it } from 'vitest';
import { didYouMean, findNearest } from './nearest';

const SIGNALS = ['productViews', 'pageViews', 'country', 'currency', 'device', 'cartAdds', 'cartItems'];
const OPERATORS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'contains', 'startsWith', 'endsWith', 'matches'];

describe('findNearest', () => {
  it.each([
    ['productView', SIGNALS, 'productViews'],
    ['prodcutViews', SIGNALS, 'productViews'],
    ['countyr', SIGNALS, 'country'],
    ['devise', SIGNALS, 'device'],
    ['ProductViews', SIGNALS, 'productViews'],
    ['gtee', OPERATORS, 'gte'],
    ['startswith', OPERATORS, 'startsWith'],
    ['betwen', OPERATORS, 'between'],
    ['nim', OPERATORS, 'nin'],
  ])('suggests the nearest name for %j', (name, candidates, expected) => {
    expect(findNearest(name, candidates)).toBe(expected);
  });

  it.each([
    ['batteryLevel', SIGNALS],
    ['temperature', SIGNALS],
    ['greaterThan', OPERATORS],
    ['xyz', []],
  ])('suggests nothing for %j, which is not a likely typo', (name, candidates) => {
    expect(findNearest(name, candidates)).toBeUndefined();
  });

  it('prefers the first of equally near candidates', () => {
    expect(findNearest('ab', ['ac', 'ad'])).toBe('ac');
  });
});

describe('didYouMean', () => {
  it('formats a hint when a near name exists', () => {
    expect(didYouMean('gtee', OPERATORS)).toBe(' (did you mean "gte"?)');
  });

  it('is empty when no name is near', () => {
    expect(didYouMean('batteryLevel', SIGNALS)).toBe('');
  });
});
