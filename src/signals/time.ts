/** Signals of the visitor's local time. */
export interface TimeSignals {
  /** 0–23. */
  hour: number;
  /** 1 = Monday … 7 = Sunday (ISO 8601), unlike `Date#getDay`. */
  weekday: number;
}

/** The hour and weekday of `now` in the visitor's local time. */
export function collectTimeSignals(now: Date): TimeSignals {
  return { hour: now.getHours(), weekday: now.getDay() || 7 };
}

/** The visitor's IANA time zone from `Intl`, or `UTC` where the browser cannot say. */
export function readTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
