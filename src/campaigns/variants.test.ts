import { describe, expect, it } from 'vitest';
import { assignVariant } from './variants';
import type { PreparedCampaign } from './prepare';
import { campaign, prepare, visitorIds } from '../../tests/unit/campaigns';

const IDS = visitorIds(10_000);

function prepared(fields: Record<string, unknown>, id = 'promo'): PreparedCampaign {
  return prepare({ campaigns: [campaign(id, fields)] }).campaigns[0];
}

/** Share of visitors per assigned variant id (or `holdout`). */
function shares(c: PreparedCampaign, ids = IDS): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const assigned = assignVariant(id, c);
    const key = assigned === 'holdout' ? 'holdout' : assigned.id;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, n / ids.length]));
}

describe('assignVariant', () => {
  it('gives a campaign without variants its one variant, default', () => {
    const assigned = assignVariant('visitor-1', prepared({}));
    expect(assigned).not.toBe('holdout');
    expect(assigned).toMatchObject({ id: 'default' });
  });

  it('gives the same visitor the same variant every time, even from a config prepared again', () => {
    const fields = { variants: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };
    for (const id of IDS.slice(0, 200)) {
      const first = assignVariant(id, prepared(fields));
      const again = assignVariant(id, prepared(fields));
      expect(typeof again === 'string' ? again : again.id).toBe(typeof first === 'string' ? first : first.id);
    }
  });

  it('gives different visitors different variants', () => {
    const fields = { variants: [{ id: 'a' }, { id: 'b' }] };
    expect(Object.keys(shares(prepared(fields), IDS.slice(0, 100))).sort()).toEqual(['a', 'b']);
  });

  it('splits 10,000 visitors by weight, each bucket within 2 points', () => {
    const result = shares(prepared({ variants: [{ id: 'a', weight: 50 }, { id: 'b', weight: 30 }, { id: 'c', weight: 20 }] }));
    expect(Math.abs(result.a - 0.5)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(result.b - 0.3)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(result.c - 0.2)).toBeLessThanOrEqual(0.02);
  });

  it('splits evenly when no weights are given', () => {
    const result = shares(prepared({ variants: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] }));
    for (const id of ['a', 'b', 'c', 'd']) expect(Math.abs(result[id] - 0.25)).toBeLessThanOrEqual(0.02);
  });

  it('never assigns a variant of weight 0', () => {
    const result = shares(prepared({ variants: [{ id: 'off', weight: 0 }, { id: 'on', weight: 1 }, { id: 'also-off', weight: 0 }] }));
    expect(result).toEqual({ on: 1 });
  });

  it('holds out the holdout share of visitors, within 2 points', () => {
    const result = shares(prepared({ holdout: 10, variants: [{ id: 'a' }, { id: 'b' }] }));
    expect(Math.abs(result.holdout - 0.1)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(result.a - 0.45)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(result.b - 0.45)).toBeLessThanOrEqual(0.02);
  });

  it('holds out nobody at 0 and everybody at 100', () => {
    expect(shares(prepared({ holdout: 0 })).holdout).toBeUndefined();
    expect(shares(prepared({ holdout: 100 }))).toEqual({ holdout: 1 });
  });

  it('keeps a visitor in or out of the holdout consistently', () => {
    const c = prepared({ holdout: 30 });
    for (const id of IDS.slice(0, 200)) expect(assignVariant(id, c) === 'holdout').toBe(assignVariant(id, prepared({ holdout: 30 })) === 'holdout');
  });

  it('assigns independently per campaign', () => {
    const fields = { variants: [{ id: 'a' }, { id: 'b' }] };
    const one = prepared(fields, 'one');
    const two = prepared(fields, 'two');
    const same = IDS.filter((id) => (assignVariant(id, one) as { id: string }).id === (assignVariant(id, two) as { id: string }).id).length;
    expect(Math.abs(same / IDS.length - 0.5)).toBeLessThanOrEqual(0.02);
  });

  it('does not tie the variant to being held out', () => {
    const c = prepared({ holdout: 50, variants: [{ id: 'a' }, { id: 'b' }] });
    const result = shares(c);
    expect(Math.abs(result.a / (result.a + result.b) - 0.5)).toBeLessThanOrEqual(0.03);
  });
});
