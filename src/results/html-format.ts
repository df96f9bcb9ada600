/** The number formats of the HTML report, all from `Intl` in the report's locale. */
export interface ReportFormats {
  locale: string;
  /** 0.0251 → "2.51%". */
  rate: (value: number | null) => string;
  /** A relative change with its sign: 0.18 → "+18%". */
  change: (value: number) => string;
  /** In the report currency, or a plain number without one. */
  money: (value: number | null) => string;
  /** 12345 → "12,345". */
  count: (value: number) => string;
  /** A p- or q-value: two significant digits, "< 0.0001" below. */
  probability: (value: number | null | undefined) => string;
}

/**
 * The formats for a locale; an unknown or malformed locale falls back to `en`, an unknown
 * currency code to a plain number followed by the code.
 */
export function createFormats(locale: string, currency: string | null): ReportFormats {
  const tag = supportedLocale(locale);
  const rate = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const change = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const probability = new Intl.NumberFormat(tag, { maximumSignificantDigits: 2 });
  const money = moneyFormat(tag, currency);
  const dash = '—';
  return {
    locale: tag,
    rate: (value) => (value === null ? dash : rate.format(value)),
    change: (value) => change.format(value),
    money: (value) => (value === null ? dash : money(value)),
    count: (value) => count.format(value),
    probability: (value) => (value === null || value === undefined ? dash : value < 0.0001 ? `< ${probability.format(0.0001)}` : probability.format(value)),
  };
}

function supportedLocale(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length ? Intl.getCanonicalLocales(locale)[0] : 'en';
  } catch {
    return 'en';
  }
}

function moneyFormat(locale: string, currency: string | null): (value: number) => string {
  const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (!currency) return (value) => plain.format(value);
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    return (value) => format.format(value);
  } catch {
    return (value) => `${plain.format(value)} ${currency}`;
  }
}
