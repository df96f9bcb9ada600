import type { PreparedCampaign } from './prepare';
import { collectTimeSignals } from '../signals/time';

/** A wall-clock reading in the visitor's time zone; weekday 1 = Monday … 7 = Sunday. */
export interface LocalTime {
  hour: number;
  weekday: number;
}

/**
 * True when `now` is inside the campaign's schedule: between the `from` and `until` instants, and
 * in the visitor's local `hours` [start, end) and ISO `weekdays`. Hours wrap past midnight when
 * start > end ([22, 6] is the night). `local` defaults to this machine's clock, which in a
 * browser is the visitor's; a simulation passes the visitor's own.
 */
export function isInSchedule(schedule: PreparedCampaign['schedule'], now: Date, local: LocalTime = collectTimeSignals(now)): boolean {
  const time = now.getTime();
  if (Number.isNaN(time)) return false;
  if (schedule.from !== undefined && time < schedule.from) return false;
  if (schedule.until !== undefined && time >= schedule.until) return false;
  if (schedule.hours) {
    const [start, end] = schedule.hours;
    const { hour } = local;
    const inside = start <= end ? hour >= start && hour < end : hour >= start || hour < end;
    if (!inside) return false;
  }
  return !schedule.weekdays || schedule.weekdays.includes(local.weekday);
}
