// The grammar of a segment rule (SPEC §6), signal by signal (SPEC §3). Types only: the JSON
// Schema's condition part is generated from here (scripts/write-schema.mjs), and
// src/schema.test.ts checks that the signals named here are exactly the runtime's catalogue
// (src/rules/signals.ts).

/** Operators a signal may be compared with inside `{ "<signal>": { "<op>": value } }`. */
export type Operator =
  | 'eq' | 'ne' | 'in' | 'nin' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'exists'
  | 'contains' | 'startsWith' | 'endsWith' | 'matches' | 'withinDays' | 'olderThanDays';

/** A value a trait may hold: set by `identify`, read as `traits.<name>`. */
export type TraitValue = string | number | boolean;

/** An instant: epoch milliseconds, or an ISO date-time with a time zone. */
export type Timestamp = number | IsoInstant;

/** An ISO 8601 date-time with a time zone, e.g. `2026-12-01T00:00:00Z`. @format date-time */
export type IsoInstant = string;

/** Operators every signal takes. */
interface ExistsOperator {
  /** `true`: the signal has a value; `false`: it has none (unset trait, `null`). */
  exists?: boolean;
}

/** Equality and membership, for a signal whose values are of type `V`. */
interface ValueOperators<V> extends ExistsOperator {
  /** Equals this value. */
  eq?: V;
  /** Differs from this value; also holds when the signal has no value. */
  ne?: V;
  /** Is one of these values. */
  in?: V[];
  /** Is none of these values; also holds when the signal has no value. */
  nin?: V[];
}

/** Number comparisons. */
interface NumberComparisons {
  /** Greater than this number. */
  gt?: number;
  /** Greater than or equal to this number. */
  gte?: number;
  /** Less than this number. */
  lt?: number;
  /** Less than or equal to this number. */
  lte?: number;
  /** [low, high]: at least low and at most high, both included. */
  between?: [number, number];
}

/** Text tests. */
interface TextOperators {
  /** Contains this text. */
  contains?: string;
  /** Starts with this text. */
  startsWith?: string;
  /** Ends with this text. */
  endsWith?: string;
  /** Matches this URL-style glob, whole string: `*` is any run of characters (slashes included), `?` exactly one. */
  matches?: string;
}

/** Operators for a number signal. @minProperties 1 */
export interface NumberOperators extends ValueOperators<number>, NumberComparisons {}

/** Operators for a text signal. @minProperties 1 */
export interface StringOperators extends ValueOperators<string>, TextOperators {}

/** Operators for a text signal with a closed set of values `V`: `eq`/`ne`/`in`/`nin` take only those. @minProperties 1 */
export interface EnumOperators<V> extends ValueOperators<V>, TextOperators {}

/** Operators for a list signal. @minProperties 1 */
export interface ListOperators extends ExistsOperator {
  /** The list includes this item. */
  eq?: string;
  /** The list does not include this item; also holds when the signal has no value. */
  ne?: string;
  /** Shares at least one item with this list. */
  in?: string[];
  /** Shares no item with this list; also holds when the signal has no value. */
  nin?: string[];
  /** The list includes this item. */
  contains?: string;
}

/** Operators for a true/false signal. @minProperties 1 */
export interface BooleanOperators extends ValueOperators<boolean> {}

/** Operators for a timestamp signal. @minProperties 1 */
export interface TimestampOperators extends ValueOperators<Timestamp> {
  /** Later than this instant (epoch ms or ISO date-time with a time zone). */
  gt?: Timestamp;
  /** At or after this instant (epoch ms or ISO date-time with a time zone). */
  gte?: Timestamp;
  /** Earlier than this instant (epoch ms or ISO date-time with a time zone). */
  lt?: Timestamp;
  /** At or before this instant (epoch ms or ISO date-time with a time zone). */
  lte?: Timestamp;
  /** [from, until]: at or after from and at or before until (epoch ms or ISO date-time with a time zone). */
  between?: [Timestamp, Timestamp];
  /** At most this many days before now. @minimum 0 */
  withinDays?: number;
  /** More than this many days before now. @minimum 0 */
  olderThanDays?: number;
}

/** Operators for a trait. @minProperties 1 */
export interface TraitOperators extends ValueOperators<TraitValue>, NumberComparisons, TextOperators {}

/** A number, or number operators. */
export type NumberSignal = number | NumberOperators;
/** A text, or text operators. */
export type StringSignal = string | StringOperators;
/** An item the list must include, or list operators. */
export type ListSignal = string | ListOperators;
/** `true`/`false`, or operators. */
export type BooleanSignal = boolean | BooleanOperators;
/** An instant (epoch ms or ISO date-time with a time zone), or timestamp operators. */
export type TimestampSignal = Timestamp | TimestampOperators;
/** A text, number or true/false, or operators. */
export type TraitSignal = TraitValue | TraitOperators;

/** A value of `device`. */
export type DeviceValue = 'mobile' | 'tablet' | 'desktop';
/** A value of `os`. */
export type OsValue = 'ios' | 'android' | 'windows' | 'macos' | 'linux' | 'chromeos' | 'other';
/** A value of `browser`. */
export type BrowserValue = 'chrome' | 'safari' | 'firefox' | 'edge' | 'samsung' | 'other';
/** A value of `pageType`. */
export type PageTypeValue = 'home' | 'product' | 'category' | 'cart' | 'checkout' | 'other';
/** A value of `referrerType`. */
export type ReferrerTypeValue = 'direct' | 'search' | 'social' | 'email' | 'internal' | 'other';

/** `device`: one of its values, or text operators whose `eq`/`ne`/`in`/`nin` take its values. */
export type DeviceSignal = DeviceValue | EnumOperators<DeviceValue>;
/** `os`: one of its values, or text operators whose `eq`/`ne`/`in`/`nin` take its values. */
export type OsSignal = OsValue | EnumOperators<OsValue>;
/** `browser`: one of its values, or text operators whose `eq`/`ne`/`in`/`nin` take its values. */
export type BrowserSignal = BrowserValue | EnumOperators<BrowserValue>;
/** `pageType`: one of its values, or text operators whose `eq`/`ne`/`in`/`nin` take its values. */
export type PageTypeSignal = PageTypeValue | EnumOperators<PageTypeValue>;
/** `referrerType`: one of its values, or text operators whose `eq`/`ne`/`in`/`nin` take its values. */
export type ReferrerTypeSignal = ReferrerTypeValue | EnumOperators<ReferrerTypeValue>;

/** Every signal a condition may name (SPEC §3), with what it may be compared to. */
export interface SignalConditions {
  /** The visitor's locale, canonicalized (`de-AT`): `data-locale`, else the browser's first preferred language. */
  locale?: StringSignal;
  /** Language subtag of `locale` (`de`). */
  language?: StringSignal;
  /** All the visitor's preferred languages, canonicalized. */
  languages?: ListSignal;
  /** Country (ISO 3166-1 alpha-2, e.g. `AT`): `data-country`, else the locale's region, else a guess from the time zone. May have no value. */
  country?: StringSignal;
  /** IANA time zone name from `Intl`, e.g. `Europe/Vienna`. */
  timezone?: StringSignal;
  /** ISO 4217 currency of the page: `data-currency`, else the page's structured data, else the country's currency, else the config default. */
  currency?: StringSignal;
  /** Device class: `mobile`, `tablet` or `desktop`. */
  device?: DeviceSignal;
  /** Operating system: `ios`, `android`, `windows`, `macos`, `linux`, `chromeos` or `other`. */
  os?: OsSignal;
  /** Browser: `chrome`, `safari`, `firefox`, `edge`, `samsung` or `other`. */
  browser?: BrowserSignal;
  /** True on a touch screen. */
  touch?: BooleanSignal;
  /** True when the visitor prefers reduced motion. */
  reducedMotion?: BooleanSignal;
  /** True when the visitor prefers a dark colour scheme. */
  darkMode?: BooleanSignal;
  /** Viewport width in CSS px. */
  viewportWidth?: NumberSignal;
  /** Full URL of the current page. */
  url?: StringSignal;
  /** Path of the current page, e.g. `/products/trail-tent-2p`. */
  path?: StringSignal;
  /** Page type: `home`, `product`, `category`, `cart`, `checkout` or `other`; from `data-segmint-page` on `<body>`, else the config `pages` patterns, else schema.org Product data. */
  pageType?: PageTypeSignal;
  /** Referrer host. May have no value. */
  referrer?: StringSignal;
  /** Where the visitor came from: `direct`, `search`, `social`, `email`, `internal` or `other`; from the referrer host and `utm_medium`. */
  referrerType?: ReferrerTypeSignal;
  /** `utm_source` of this session's first touch. May have no value. */
  utmSource?: StringSignal;
  /** `utm_medium` of this session's first touch. May have no value. */
  utmMedium?: StringSignal;
  /** `utm_campaign` of this session's first touch. May have no value. */
  utmCampaign?: StringSignal;
  /** Hour of the visitor's local time, 0 to 23. */
  hour?: NumberSignal;
  /** Weekday of the visitor's local time: 1 = Monday … 7 = Sunday. */
  weekday?: NumberSignal;
  /** Number of sessions so far, this one included. */
  sessions?: NumberSignal;
  /** Page views over all sessions. */
  pageViews?: NumberSignal;
  /** Page views in this session. */
  sessionPageViews?: NumberSignal;
  /** Product page views (`view_item` events). */
  productViews?: NumberSignal;
  /** Products added to the cart (`add_to_cart` events). */
  cartAdds?: NumberSignal;
  /** Number of purchases. */
  purchases?: NumberSignal;
  /** True from the visitor's second session on (`sessions > 1`). */
  isReturning?: BooleanSignal;
  /** When the visitor was first seen (epoch ms). */
  firstSeen?: TimestampSignal;
  /** When the visitor's previous session was (epoch ms). May have no value. */
  lastSeen?: TimestampSignal;
  /** When the visitor last purchased (epoch ms). No value if never. */
  lastPurchaseAt?: TimestampSignal;
  /** Seconds since this session began. */
  sessionSeconds?: NumberSignal;
  /** Ids of the products viewed, most recent first (at most 50). */
  viewedProducts?: ListSignal;
  /** Categories viewed, most recent first (at most 20). */
  viewedCategories?: ListSignal;
  /** The most viewed category. May have no value. */
  topCategory?: StringSignal;
  /** Ids of the products now in the cart. */
  cartItems?: ListSignal;
  /** Value of the cart, in `currency`. */
  cartValue?: NumberSignal;
  /** Total spent over all purchases. */
  totalSpent?: NumberSignal;
  /** Average value of the visitor's orders. */
  averageOrderValue?: NumberSignal;
}

/**
 * A segment rule. Combinators `all`/`any`/`not`/`segment`, or signal names mapped to a value
 * (equality; for a list signal, membership) or to an object of operators that must all hold.
 * Several keys in one object must all hold.
 */
export interface Condition extends SignalConditions {
  /** Every condition in the list holds; an empty list holds. */
  all?: Condition[];
  /** At least one condition in the list holds; an empty list does not. */
  any?: Condition[];
  /** This condition does not hold. */
  not?: Condition;
  /** The named segment (a key of `segments`) matches. */
  segment?: string;
  /** A custom trait, as set by `identify`. @pattern ^traits\.[^.]+$ */
  [trait: `traits.${string}`]: TraitSignal | undefined;
  /** How often the custom event was tracked (0 if never). @pattern ^events\.[^.]+$ */
  [event: `events.${string}`]: NumberSignal | undefined;
}
