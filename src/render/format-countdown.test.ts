import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCountdown } from './format-countdown';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

/** Digits 0–9 as the locale writes them, from Intl.NumberFormat itself: what the clock must be made of. */
function digitsOf(locale: string): string[] {
  return Array.from({ length: 10 }, (_, n) => new Intl.NumberFormat(locale).format(n));
}

/** Rewrites ASCII digits in the locale's own digits: an independent expectation for `12:03:04`. */
function inDigits(text: string, locale: string): string {
  const digits = digitsOf(locale);
  return text.replace(/[0-9]/g, (d) => digits[Number(d)]);
}

describe('formatCountdown (without Intl.DurationFormat)', () => {
  // Node 20 has no DurationFormat; the browser path is covered by the e2e tests in Chromium.
  const hasDuration = 'DurationFormat' in Intl;
  it.runIf(!hasDuration)('writes hours, minutes and seconds as a two-digit clock in en, de, fr and ja', () => {
    for (const locale of ['en', 'de', 'fr', 'ja']) {
      expect(formatCountdown(29 * MIN + 5 * S, locale), locale).toBe('00:29:05');
      expect(formatCountdown(23 * H + 59 * MIN + 12 * S, locale), locale).toBe('23:59:12');
    }
  });

  it.runIf(!hasDuration)('writes the days in words before the clock, in the plural the locale uses', () => {
    expect(formatCountdown(DAY + 2 * H + 3 * MIN + 4 * S, 'de')).toBe('1 Tag 02:03:04');
    expect(formatCountdown(3 * DAY + 2 * H + 3 * MIN + 4 * S, 'de')).toBe('3 Tage 02:03:04');
    expect(formatCountdown(DAY + 4 * S, 'en')).toBe('1 day 00:00:04');
    expect(formatCountdown(2 * DAY, 'en')).toBe('2 days 00:00:00');
    // Each day word comes from Intl's own unit formatting (Intl.PluralRules' categories).
    for (const locale of ['en', 'de', 'fr', 'ar', 'ja']) {
      const words = new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(5);
      expect(formatCountdown(5 * DAY + H, locale), locale).toBe(`${words} ${inDigits('01:00:00', locale)}`);
    }
  });

  it.runIf(!hasDuration)('uses the locale\'s digits: Arabic-Indic where the locale writes them', () => {
    expect(formatCountdown(H + 2 * MIN + 3 * S, 'ar-EG')).toBe('٠١:٠٢:٠٣');
    for (const locale of ['ar', 'ar-EG', 'ar-SA', 'fa', 'ja']) {
      expect(formatCountdown(12 * H + 34 * MIN + 56 * S, locale), locale).toBe(inDigits('12:34:56', locale));
    }
  });
});

describe('formatCountdown', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('counts a part-second as a whole one and never below zero', () => {
    expect(formatCountdown(1, 'en')).toBe(formatCountdown(S, 'en'));
    expect(formatCountdown(-5 * S, 'en')).toBe(formatCountdown(0, 'en'));
    expect(formatCountdown(59 * S + 1, 'en')).toBe(formatCountdown(MIN, 'en'));
  });

  it('falls back to English for a tag Intl refuses, instead of throwing into the popup', () => {
    expect(formatCountdown(MIN, 'en_US')).toBe(formatCountdown(MIN, 'en'));
    expect(formatCountdown(MIN, '')).toBe(formatCountdown(MIN, 'en'));
  });

  it('hands the parts to Intl.DurationFormat\'s digital style where the browser has it', () => {
    const calls: { locale: string; options: object; duration: object }[] = [];
    class FakeDurationFormat {
      constructor(private locale: string, private options: object) {}
      format(duration: object) {
        calls.push({ locale: this.locale, options: this.options, duration });
        return 'formatted';
      }
    }
    vi.stubGlobal('Intl', { ...Intl, DurationFormat: FakeDurationFormat, getCanonicalLocales: Intl.getCanonicalLocales });
    expect(formatCountdown(DAY + 2 * H + 3 * MIN + 4 * S, 'de-AT')).toBe('formatted');
    expect(calls).toEqual([{ locale: 'de-AT', options: { style: 'digital', hours: '2-digit', days: 'long', daysDisplay: 'auto' }, duration: { days: 1, hours: 2, minutes: 3, seconds: 4 } }]);
  });
});
