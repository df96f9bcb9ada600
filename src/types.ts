/** A value a trait may hold: set by `identify`, read as `traits.<name>`. */
export type TraitValue = string | number | boolean;

/**
 * A segment rule. Combinators `all`/`any`/`not`/`segment`, or signal names mapped to a value
 * (equality; for a list signal, membership) or to an object of operators that must all hold.
 * Several keys in one object must all hold.
 */
export type Condition = { [key: string]: unknown };

/** Operators a signal may be compared with inside `{ "<signal>": { "<op>": value } }`. */
export type Operator =
  | 'eq' | 'ne' | 'in' | 'nin' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'exists'
  | 'contains' | 'startsWith' | 'endsWith' | 'matches' | 'withinDays' | 'olderThanDays';

/** One locale's copy for a campaign. Every field is optional; a missing one comes from `defaultLocale`. */
export interface ContentFields {
  /** Heading of the popup; also its accessible name. */
  title?: string;
  /** Main text, shown as plain text. */
  body?: string;
  /** Label of the call-to-action button. */
  cta?: string;
  /** Label of the button that closes the popup without acting. */
  dismiss?: string;
  /** Accessible name of the close (×) button; defaults to a localized "Close". */
  close?: string;
}

/** When a campaign is considered. */
export type Trigger =
  /** On each page view, after `delaySeconds` (default 0). */
  | { on: 'pageview'; delaySeconds?: number }
  /** When the visitor has scrolled `percent` of the scrollable height. */
  | { on: 'scroll'; percent: number }
  /** When the visitor seems about to leave. */
  | { on: 'exit-intent' }
  /** After `seconds` without input. */
  | { on: 'idle'; seconds: number }
  /** `seconds` after the session began, counted across pages. */
  | { on: 'time-on-site'; seconds: number }
  /** Each time `event` is tracked, e.g. `add_to_cart`. */
  | { on: 'event'; event: string };

/** Per-campaign caps. Every field is optional; a missing field means no cap of that kind. */
export interface Frequency {
  /** Shown at most this many times to a visitor, ever. */
  maxImpressions?: number;
  /** Shown at most this many times per session. */
  maxPerSession?: number;
  /** Hours to wait after an impression before showing again. */
  cooldownHours?: number;
  /** Hours to stay hidden after the visitor dismissed it. */
  afterDismissHours?: number;
  /** Hours to stay hidden after the visitor converted through it. */
  afterConversionHours?: number;
}

/** How the popup is placed. */
export interface Layout {
  /** `modal` (centered, with backdrop), `slide-in` (a corner), `bar` (top or bottom), `sheet` (bottom sheet). */
  type: 'modal' | 'slide-in' | 'bar' | 'sheet';
  /** For `slide-in`: the corner; for `bar`: `top` or `bottom`. */
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'top' | 'bottom';
}

/** What the call-to-action button does. */
export interface Cta {
  /** `link` opens `url`; `add-to-cart` asks the shop to add the offered products; `copy-coupon` copies the coupon; `dismiss` closes. */
  action: 'link' | 'add-to-cart' | 'copy-coupon' | 'dismiss';
  /** For `link`: an http(s) or relative URL. */
  url?: string;
}

/** Products a campaign offers. */
export interface Offer {
  /** Explicit catalog product ids. */
  products?: string[];
  /** Take products from the catalog's `upsell` or `crossSell` lists… */
  from?: 'upsell' | 'crossSell';
  /** …of the product on this page, the cart, or recently viewed products. */
  of?: 'current' | 'cart' | 'viewed';
  /** At most this many products. */
  limit?: number;
  /** Coupon code shown with the offer and available as `{coupon}`. */
  coupon?: string;
}

/** An alternative version of a campaign, for A/B tests. */
export interface Variant {
  /** Stable id, reported in events as `variant`. */
  id: string;
  /** Relative share of visitors. */
  weight?: number;
  /** Overrides fields of the campaign's content, per locale and field. */
  content?: Record<string, ContentFields>;
  /** Replaces the campaign's layout. */
  layout?: Layout;
  /** Replaces the campaign's offer. */
  offer?: Offer;
  /** Replaces the campaign's call-to-action. */
  cta?: Cta;
}

/** A popup with its audience, trigger, caps and copy. */
export interface Campaign {
  /** Unique id, reported in events as `campaign`. */
  id: string;
  /** `upsell`, `cross-sell` or `announcement`. */
  kind?: 'upsell' | 'cross-sell' | 'announcement';
  /** Who sees it; no audience means everyone. */
  audience?: Condition;
  /** Path globs where it may show (`include`) and may not (`exclude`); none means every page. */
  pages?: { include?: string[]; exclude?: string[] };
  /** When it is considered; default: on page view, no delay. */
  trigger?: Trigger;
  /** When it may show: ISO instants `from`/`until`, local `hours` [start, end) and ISO `weekdays` (1 = Monday). */
  schedule?: { from?: string; until?: string; hours?: [number, number]; weekdays?: number[] };
  /** Per-campaign caps. */
  frequency?: Frequency;
  /** Higher wins when several campaigns qualify at once; default 0. */
  priority?: number;
  /** Percent of visitors held out: they see nothing but still count as exposed. */
  holdout?: number;
  /** Hours after a click in which a purchase counts as a conversion; default 24. */
  attributionHours?: number;
  /** Placement; default `modal`. */
  layout?: Layout;
  /** Products offered. */
  offer?: Offer;
  /** Copy keyed by BCP 47 locale; must include `defaultLocale`. */
  content: Record<string, ContentFields>;
  /** What the call-to-action button does; default `dismiss`. */
  cta?: Cta;
  /** A/B variants; without them the campaign has one variant, `default`. */
  variants?: Variant[];
}

/** A product in the config catalog, used by offers. */
export interface CatalogProduct {
  /** Name keyed by locale. */
  name: Record<string, string>;
  /** Price keyed by ISO 4217 currency. */
  price?: Record<string, number>;
  /** Image URL (http(s) or relative). */
  image?: string;
  /** Product page URL (http(s) or relative). */
  url?: string;
  /** Better products to offer instead of this one. */
  upsell?: string[];
  /** Products that go with this one. */
  crossSell?: string[];
  /** Category, for category signals. */
  category?: string;
}

/** Popup look, mapped to CSS custom properties. */
export interface Theme {
  /** Accent colour of buttons and links. A colour: `#rgb`, `#rrggbb` (with alpha `#rgba`, `#rrggbbaa`), `rgb()`/`rgba()` or `hsl()`/`hsla()` with numbers; nothing else (SPEC §8: theme values are data, never CSS). */
  accent?: string;
  /** Corner radius in CSS px. */
  radius?: number;
  /** Font family names, bare or quoted, separated by commas (`"Inter", system-ui, sans-serif`); `inherit` uses the page's. */
  font?: string;
  /** Text colour, in the forms `accent` takes. */
  text?: string;
  /** Background colour, in the forms `accent` takes. */
  background?: string;
  /** `light`, `dark`, or `auto` (follow the visitor's preference; default). */
  scheme?: 'light' | 'dark' | 'auto';
}

/** The marketer's JSON config. */
export interface Config {
  /** Editor hint: path to segmint's JSON Schema. */
  $schema?: string;
  /** Config format version; this SDK understands 1. */
  version: 1;
  /** Locale whose content every campaign must have, used when the visitor's languages have none. */
  defaultLocale: string;
  /** Default ISO 4217 currency. */
  currency?: string;
  /** Path globs that define page types, e.g. `{ "product": ["/products/*"] }`. */
  pages?: Partial<Record<'home' | 'product' | 'category' | 'cart' | 'checkout', string[]>>;
  /** Products offers can draw from, keyed by product id. */
  catalog?: Record<string, CatalogProduct>;
  /** Named conditions, referenced by `{ "segment": "id" }`. */
  segments?: Record<string, Condition>;
  /** The popups. */
  campaigns?: Campaign[];
  /** Caps across all campaigns. */
  limits?: { maxPerSession?: number; minSecondsBetween?: number };
  /** Popup look. */
  theme?: Theme;
  /** `required`: store nothing on the device until the page calls `consent(true)`. Default `granted`. */
  consent?: 'granted' | 'required';
  /** Where campaign events go besides `on()` listeners. */
  analytics?: AnalyticsSettings;
}

/** Where campaign events (`exposure`, `impression`, `dismiss`, `click`, `conversion`) go besides `on()` listeners. */
export interface AnalyticsSettings {
  /** Push each to `window.dataLayer` as `{ event: "segmint_<name>", segmint: {…} }`. */
  dataLayer?: boolean;
  /** Send them, batched, to this URL by `navigator.sendBeacon` (a `text/plain` JSON body `{ events: [...] }`). */
  beacon?: string;
  /** When the browser sends Global Privacy Control, send nothing anywhere. */
  respectGPC?: boolean;
}

/** Options for `createSegmint`. */
export interface SegmintOptions {
  /** The config object, or the URL of the JSON config. */
  config: Config | string;
  /** `required`: store nothing until `consent(true)`. Default `granted`. */
  consent?: 'granted' | 'required';
  /** BCP 47 locale the server knows; overrides the browser's. */
  locale?: string;
  /** ISO 3166-1 alpha-2 country the server knows. */
  country?: string;
  /** ISO 4217 currency the page shows prices in. */
  currency?: string;
  /** Open the inspector panel (as `?segmint=debug` does) and log decisions to the console. */
  debug?: boolean;
}

/** Props of a behaviour event; see the event table in the README. */
export type TrackProps = Record<string, unknown>;

/** Payload of campaign events (`exposure`, `impression`, `dismiss`, `click`, `conversion`). */
export interface CampaignEventPayload {
  campaign: string;
  variant: string;
  locale?: string;
  /** Segments the visitor is in at that moment. */
  segments: string[];
  value?: number;
  currency?: string;
}

/** The names of the events a beacon body carries (SPEC §10). */
export type BeaconEventName = 'exposure' | 'impression' | 'dismiss' | 'click' | 'conversion' | 'answer' | 'purchase';

/**
 * One event as the beacon sends it (SPEC §10): what `on()` listeners get, plus the fields a
 * receiver needs to count visitors and events once.
 */
export interface BeaconEvent {
  event: BeaconEventName;
  /** A random id of this event (hex, at least 16 characters): a receiver that gets it twice counts it once. */
  id: string;
  /** The profile's pseudonymous id: random, made on this device, the same across sessions; no personal data. */
  visitor: string;
  /** When it happened, in epoch milliseconds. */
  time: number;
  /** The page path it happened on. */
  path: string;
  /** On every event but `purchase`. */
  campaign?: string;
  variant?: string;
  locale?: string;
  segments?: string[];
  /** On `conversion` and `purchase`: the order's value and its ISO 4217 currency; on `answer`, the answer. */
  value?: number | string | boolean;
  currency?: string;
  /** On `conversion` and `purchase`, when the purchase had one. */
  transactionId?: string;
  /** On `answer`: the trait the answer is stored as. */
  trait?: string;
}

/** Payload of the `error` event. */
export interface ErrorPayload {
  /** What went wrong, in words. */
  message: string;
  /** JSON pointer into the config, for config errors. */
  pointer?: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/** Events `on()` can subscribe to, with their payloads. */
export interface SegmintEvents {
  ready: { campaigns: string[] };
  decision: { trigger: string; campaign: string | null; variant?: string };
  exposure: CampaignEventPayload;
  impression: CampaignEventPayload;
  dismiss: CampaignEventPayload;
  click: CampaignEventPayload;
  conversion: CampaignEventPayload;
  error: ErrorPayload;
}

/** Why a campaign would or would not show, as reported by `explain()`. */
export interface CampaignTrace {
  id: string;
  eligible: boolean;
  /** Why it is not eligible: `pages`, `audience`, `frequency`, `schedule`, `limits`, or `invalid`. */
  reason?: string;
  /** For `audience`: JSON pointer of the first failing condition, and the value found there. */
  pointer?: string;
  actual?: unknown;
}

/** The decision trace returned by `explain()`. */
export interface Explanation {
  signals: Record<string, unknown>;
  segments: Record<string, { match: boolean; pointer?: string; actual?: unknown }>;
  campaigns: CampaignTrace[];
}

/** The segmint instance: the global `segmint` after load, or what `createSegmint` returns. No method ever throws. */
export interface Segmint {
  /** Collect signals, open storage, load config and arm triggers. Resolves when ready; calling it again returns the same promise. */
  start(): Promise<void>;
  /** Record a behaviour event and fire `event` triggers. */
  track(name: string, props?: TrackProps): void;
  /** Record a page view (automatic on load and on History API navigation). */
  page(url?: string): void;
  /** Merge custom traits, read in conditions as `traits.<name>`. */
  identify(traits: Record<string, TraitValue>): void;
  /** Grant or withdraw consent to store the profile on this device. */
  consent(granted: boolean): void;
  /** Show a campaign now, bypassing audience, pages and caps (preview). */
  show(campaignId: string, options?: { variant?: string; locale?: string }): void;
  /** The full decision trace for the current visitor and page. */
  explain(): Promise<Explanation>;
  /** A read-only copy of the stored profile. */
  profile(): Promise<Readonly<Record<string, unknown>>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<K extends keyof SegmintEvents>(event: K, handler: (payload: SegmintEvents[K]) => void): () => void;
  /** Delete everything stored on this device and start a fresh anonymous profile. */
  forget(): void;
  /** Remove listeners, timers and DOM; the page is as before. */
  destroy(): void;
}
