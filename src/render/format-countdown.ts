/**
 * The time left, as `{countdown}` shows it, in the visitor's locale: `29:05`-style clock digits
 * (`hh:mm:ss`, with `Intl.NumberFormat`'s digits, so Arabic-Indic ones in `ar-EG`) and, from one
 * day up, the days in words before them (`1 Tag 02:03:04`). Where the browser has
 * `Intl.DurationFormat`, its `digital` style is used instead: it also knows the locale's own
 * separator (`02.03.04` in Finnish) and how days join the clock (`1 Tag, 02:03:04`).
 */
export function formatCountdown(ms: number, locale: string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const parts = { days: Math.floor(total / 86_400), hours: Math.floor(total / 3600) % 24, minutes: Math.floor(total / 60) % 60, seconds: total % 60 };
  const safe = readLocale(locale);
  const Duration = (Intl as { DurationFormat?: new (locale: string, options: object) => { format(duration: object): string } }).DurationFormat;
  if (Duration) return new Duration(safe, { style: 'digital', hours: '2-digit', days: 'long', daysDisplay: 'auto' }).format(parts);
  const digits = new Intl.NumberFormat(safe, { minimumIntegerDigits: 2, useGrouping: false });
  const clock = [parts.hours, parts.minutes, parts.seconds].map((n) => digits.format(n)).join(':');
  if (!parts.days) return clock;
  // The unit style picks the plural form (Intl.PluralRules' category) and the word: 1 Tag, 2 Tage.
  return `${new Intl.NumberFormat(safe, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(parts.days)} ${clock}`;
}

/** The locale if Intl takes it, else English: a malformed tag must not break the popup. */
function readLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
