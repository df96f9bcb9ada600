import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';

/** How a signal's values compare: what operators and values a condition may use with it. */
export type SignalKind = 'string' | 'number' | 'boolean' | 'timestamp' | 'list' | 'scalar';

/** A signal's kind and, for closed vocabularies, its allowed values. */
export interface SignalSpec {
  kind: SignalKind;
  values?: readonly string[];
}

const string: SignalSpec = { kind: 'string' };
const number: SignalSpec = { kind: 'number' };
const boolean: SignalSpec = { kind: 'boolean' };
const timestamp: SignalSpec = { kind: 'timestamp' };
const list: SignalSpec = { kind: 'list' };
const oneOf = (...values: string[]): SignalSpec => ({ kind: 'string', values });

/** Every signal a condition may name (SPEC §3), besides `traits.<name>` and `events.<name>`. */
export const SIGNALS: Readonly<Record<string, SignalSpec>> = {
  locale: string, language: string, languages: list, country: string, timezone: string, currency: string,
  device: oneOf('mobile', 'tablet', 'desktop'),
  os: oneOf('ios', 'android', 'windows', 'macos', 'linux', 'chromeos', 'other'),
  browser: oneOf('chrome', 'safari', 'firefox', 'edge', 'samsung', 'other'),
  touch: boolean, reducedMotion: boolean, darkMode: boolean, viewportWidth: number,
  url: string, path: string,
  pageType: oneOf('home', 'product', 'category', 'cart', 'checkout', 'other'),
  referrer: string,
  referrerType: oneOf('direct', 'search', 'social', 'email', 'internal', 'other'),
  utmSource: string, utmMedium: string, utmCampaign: string,
  hour: number, weekday: number,
  sessions: number, pageViews: number, sessionPageViews: number, productViews: number, cartAdds: number,
  purchases: number, isReturning: boolean,
  firstSeen: timestamp, lastSeen: timestamp, lastPurchaseAt: timestamp, sessionSeconds: number,
  viewedProducts: list, viewedCategories: list, topCategory: string,
  cartItems: list, cartValue: number, totalSpent: number, averageOrderValue: number,
};

const TRAIT: SignalSpec = { kind: 'scalar' };
const EVENT_COUNT: SignalSpec = number;

/** The spec of a signal name, including `traits.<name>` and `events.<name>`; undefined when unknown. */
export function findSignal(name: string): SignalSpec | undefined {
  if (Object.prototype.hasOwnProperty.call(SIGNALS, name)) return SIGNALS[name];
  const [group, key, extra] = name.split('.');
  if (extra !== undefined || !key || FORBIDDEN_KEYS.has(key)) return undefined;
  if (group === 'traits') return TRAIT;
  if (group === 'events') return EVENT_COUNT;
  return undefined;
}

/** Signals as conditions read them: flat, with `traits` and `events` nested. */
export type Signals = Record<string, unknown> & {
  traits?: Record<string, unknown>;
  events?: Record<string, number>;
};
