import { describe, expect, it } from 'vitest';
import { isInSchedule } from './schedule';
import { campaign, prepare } from '../../tests/unit/campaigns';

/** The prepared schedule of a campaign written with this schedule. */
function schedule(fields: Record<string, unknown>) {
  return prepare({ campaigns: [campaign('promo', { schedule: fields })] }).campaigns[0].schedule;
}

/** A local wall-clock time (hours and weekdays are the visitor's local time). 2026-03-02 is a Monday. */
function local(day: number, hour: number, minute = 0): Date {
  return new Date(2026, 2, day, hour, minute);
}

describe('isInSchedule', () => {
  it('is always in an empty schedule', () => {
    expect(isInSchedule(schedule({}), new Date())).toBe(true);
  });

  it('starts at from, inclusive, and ends at until, exclusive', () => {
    const s = schedule({ from: '2026-12-01T00:00:00Z', until: '2027-01-06T00:00:00Z' });
    expect(isInSchedule(s, new Date(Date.parse('2026-12-01T00:00:00Z') - 1))).toBe(false);
    expect(isInSchedule(s, new Date('2026-12-01T00:00:00Z'))).toBe(true);
    expect(isInSchedule(s, new Date('2026-12-24T18:00:00Z'))).toBe(true);
    expect(isInSchedule(s, new Date(Date.parse('2027-01-06T00:00:00Z') - 1))).toBe(true);
    expect(isInSchedule(s, new Date('2027-01-06T00:00:00Z'))).toBe(false);
  });

  it('reads from and until as instants in their own time zone', () => {
    const s = schedule({ from: '2026-12-01T00:00:00+01:00' });
    expect(isInSchedule(s, new Date('2026-11-30T22:59:59Z'))).toBe(false);
    expect(isInSchedule(s, new Date('2026-11-30T23:00:00Z'))).toBe(true);
  });

  it('allows from alone and until alone', () => {
    expect(isInSchedule(schedule({ from: '2026-01-01T00:00:00Z' }), new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isInSchedule(schedule({ until: '2026-01-01T00:00:00Z' }), new Date('2025-06-01T00:00:00Z'))).toBe(true);
    expect(isInSchedule(schedule({ until: '2026-01-01T00:00:00Z' }), new Date('2026-06-01T00:00:00Z'))).toBe(false);
  });

  it('shows within local hours [start, end)', () => {
    const s = schedule({ hours: [8, 22] });
    expect(isInSchedule(s, local(2, 7, 59))).toBe(false);
    expect(isInSchedule(s, local(2, 8, 0))).toBe(true);
    expect(isInSchedule(s, local(2, 21, 59))).toBe(true);
    expect(isInSchedule(s, local(2, 22, 0))).toBe(false);
  });

  it('wraps hours past midnight when start is after end', () => {
    const s = schedule({ hours: [22, 6] });
    expect(isInSchedule(s, local(2, 21, 59))).toBe(false);
    expect(isInSchedule(s, local(2, 22, 0))).toBe(true);
    expect(isInSchedule(s, local(2, 23, 30))).toBe(true);
    expect(isInSchedule(s, local(3, 0, 0))).toBe(true);
    expect(isInSchedule(s, local(3, 5, 59))).toBe(true);
    expect(isInSchedule(s, local(3, 6, 0))).toBe(false);
    expect(isInSchedule(s, local(3, 12, 0))).toBe(false);
  });

  it('treats hours [0, 24] as the whole day', () => {
    const s = schedule({ hours: [0, 24] });
    for (const hour of [0, 6, 12, 23]) expect(isInSchedule(s, local(2, hour, 30))).toBe(true);
  });

  it('shows on the listed ISO weekdays only, Sunday being 7', () => {
    const weekend = schedule({ weekdays: [6, 7] });
    expect(isInSchedule(weekend, local(2, 12))).toBe(false); // Monday
    expect(isInSchedule(weekend, local(6, 12))).toBe(false); // Friday
    expect(isInSchedule(weekend, local(7, 12))).toBe(true); // Saturday
    expect(isInSchedule(weekend, local(8, 12))).toBe(true); // Sunday
    expect(isInSchedule(schedule({ weekdays: [1] }), local(2, 0, 0))).toBe(true); // Monday
    expect(isInSchedule(schedule({ weekdays: [1] }), local(8, 23, 59))).toBe(false); // Sunday
  });

  it('requires every part of the schedule to hold', () => {
    const s = schedule({ from: '2026-03-01T00:00:00Z', until: '2026-04-01T00:00:00Z', hours: [9, 17], weekdays: [1, 2, 3, 4, 5] });
    expect(isInSchedule(s, local(4, 10))).toBe(true); // Wednesday morning
    expect(isInSchedule(s, local(4, 18))).toBe(false); // Wednesday evening
    expect(isInSchedule(s, local(7, 10))).toBe(false); // Saturday morning
    expect(isInSchedule(s, new Date(2026, 3, 8, 10))).toBe(false); // a Wednesday in April
  });

  it('is never in schedule at an invalid time', () => {
    expect(isInSchedule(schedule({}), new Date(Number.NaN))).toBe(false);
    expect(isInSchedule(schedule({ hours: [0, 24] }), new Date('not a date'))).toBe(false);
  });
});
