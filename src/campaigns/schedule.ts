import type { PreparedCampaign } from './prepare';

/**
 * True when `now` is inside the campaign's schedule: between the `from` and `until` instants, and
 * in the visitor's local `hours` [start, end) and ISO `weekdays`. Hours wrap past midnight when
 * start > end ([22, 6] is the night).
 */
export function isInSchedule(schedule: PreparedCampaign['schedule'], now: Date): boolean {
  const time = now.getTime();
  if (Number.isNaN(time)) return false;
  if (schedule.from !== undefined && time < schedule.from) return false;
  if (schedule.until !== undefined && time >= schedule.until) return false;
  if (schedule.hours) {
    const [start, end] = schedule.hours;
    const hour = now.getHours();
    const inside = start <= end ? hour >= start && hour < end : hour >= start || hour < end;
    if (!inside) return false;
  }
  return !schedule.weekdays || schedule.weekdays.includes(now.getDay() || 7);
}
