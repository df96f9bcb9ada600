import type { Condition, IsoInstant, TraitValue } from './condition-types';

export type {
  BooleanOperators, BooleanSignal, BrowserSignal, BrowserValue, Condition, DeviceSignal, DeviceValue, EnumOperators, IsoInstant,
  ListOperators, ListSignal, NumberOperators, NumberSignal, Operator, OsSignal, OsValue, PageTypeSignal, PageTypeValue,
  ReferrerTypeSignal, ReferrerTypeValue, SignalConditions, StringOperators, StringSignal, Timestamp, TimestampOperators,
  TimestampSignal, TraitOperators, TraitSignal, TraitValue,
} from './condition-types';

// The config types below are the contract's one source: scripts/write-schema.mjs turns them into
// the JSON Schema (`npm run schema`), each doc comment becoming a `description` editors show, and
// each JSDoc tag named after a JSON Schema keyword (`@minimum 0`, `@pattern …`, `@format …`)
// becoming that keyword, for what a type cannot say. Every field is documented.

/** A BCP 47 locale tag, e.g. `en`, `de-AT`. @pattern ^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$ */
export type Locale = string;

/** An ISO 4217 currency code, e.g. `EUR`. @pattern ^[A-Z]{3}$ */
export type CurrencyCode = string;

/** A URL: http(s) or relative to the page. @format uri-reference */
export type Url = string;

/** A path glob: `*` is any run of characters (slashes included), `?` exactly one, e.g. `/products/*`. */
export type PathGlob = string;

/**
 * A colour: `#rgb`, `#rrggbb` (with alpha `#rgba`, `#rrggbbaa`), `rgb()`/`rgba()` or `hsl()`/`hsla()`
 * with numbers; nothing else (SPEC §8: theme values are data, never CSS).
 * @pattern ^(?:#(?:[\da-fA-F]{3,4}|[\da-fA-F]{6}|[\da-fA-F]{8})|(?:rgba?|hsla?)\((?:[\d.\s,%/+-]|deg|turn|g?rad|none|e)*\))$
 */
export type Colour = string;

/** A local hour, 0 to 24. @integer @minimum 0 @maximum 24 */
export type Hour = number;

/** An ISO weekday: 1 = Monday … 7 = Sunday. @integer @minimum 1 @maximum 7 */
export type Weekday = number;

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
  /** Text of the teaser tab the popup minimises to (with `teaser` set on the campaign). */
  teaser?: string;
  /** Shown in place of the options once a `question` campaign has been answered. */
  thanks?: string;
}

/**
 * A dismissed popup minimises to a small tab (a button with the content field `teaser`) instead
 * of closing; clicking the tab re-opens it. The tab has its own close button and follows the
 * visitor across pages for the rest of the session while the campaign stays eligible.
 */
export interface Teaser {
  /** The corner the tab sits in; default `bottom-left`. */
  position?: 'bottom-left' | 'bottom-right' | 'top-left' | 'top-right';
  /** `true`: the trigger shows the tab, and the popup opens when it is clicked. Default `false`. */
  first?: boolean;
}

/**
 * The time left shown by the placeholder `{countdown}`, ticking every second. At zero the popup
 * closes and the campaign is never eligible again for that visitor. One of `until` or `minutes`.
 * @minProperties 1
 * @not {"properties": {"until": {"description": "Not an instant…"}, "minutes": {"description": "…and minutes both."}}, "required": ["until", "minutes"]}
 */
export interface Countdown {
  /** An ISO instant with a time zone (`2026-12-24T23:59:59Z`), the same for every visitor. */
  until?: IsoInstant;
  /** Minutes from the visitor's first impression of the campaign (remembered, so a reload does not restart it). @exclusiveMinimum 0 */
  minutes?: number;
}

/** A text answer: what `traits.<trait>` holds when chosen. @minLength 1 */
export type AnswerText = string;

/** One answer a visitor can choose in a `question` campaign. */
export interface QuestionOption {
  /** What is stored as the trait when chosen (`traits.<trait>`): text, a number or true/false, as `identify()` takes. */
  value: AnswerText | number | boolean;
  /** The option's text, keyed by BCP 47 locale like content; must include `defaultLocale`. */
  label: Record<Locale, string>;
}

/** A single-choice question whose answer is stored as `traits.<trait>`, as `identify()` would. */
export interface Question {
  /** Name of the trait the answer is stored as (`brewMethod` for `traits.brewMethod`). @minLength 1 @maxLength 100 @not {"enum": ["__proto__", "constructor", "prototype"]} */
  trait: string;
  /** The answers to choose from, at least two, each with a distinct `value`. @minItems 2 */
  options: QuestionOption[];
}

/** Copy keyed by BCP 47 locale (e.g. `en`, `de-AT`). */
export type Content = Record<Locale, ContentFields>;

/** On each page view, after `delaySeconds` (default 0). */
export interface PageviewTrigger {
  /** On each page view, after `delaySeconds` (default 0). */
  on: 'pageview';
  /** Seconds to wait after the page view; default 0. @minimum 0 */
  delaySeconds?: number;
}

/** When the visitor has scrolled `percent` of the scrollable height. */
export interface ScrollTrigger {
  /** When the visitor has scrolled `percent` of the scrollable height. */
  on: 'scroll';
  /** Percent of the scrollable height, 0 to 100. @minimum 0 @maximum 100 */
  percent: number;
}

/** When the visitor seems about to leave. */
export interface ExitIntentTrigger {
  /** When the visitor seems about to leave. */
  on: 'exit-intent';
}

/** After `seconds` without input. */
export interface IdleTrigger {
  /** After `seconds` without input. */
  on: 'idle';
  /** Seconds without input. @exclusiveMinimum 0 */
  seconds: number;
}

/** `seconds` after the session began, counted across pages. */
export interface TimeOnSiteTrigger {
  /** `seconds` after the session began, counted across pages. */
  on: 'time-on-site';
  /** Seconds after the session began. @minimum 0 */
  seconds: number;
}

/** Each time `event` is tracked, e.g. `add_to_cart`. */
export interface EventTrigger {
  /** Each time `event` is tracked, e.g. `add_to_cart`. */
  on: 'event';
  /** Name of the tracked event, e.g. `add_to_cart`. @minLength 1 */
  event: string;
}

/**
 * When the visitor clicks (a real, trusted click) an element matching the CSS `selector`, e.g.
 * `[data-segmint-open="coupon"]`, anywhere in the page, including elements added later. The
 * click's own default action (following a link, submitting a form) is left alone.
 */
export interface ClickTrigger {
  /** When the visitor clicks an element matching `selector` (trusted clicks only; the click's default action is left alone). */
  on: 'click';
  /** CSS selector of the elements that open the campaign, e.g. `[data-segmint-open="coupon"]`. @minLength 1 @maxLength 1000 */
  selector: string;
}

/** When the campaign is considered; default: on page view, no delay. */
export type Trigger = PageviewTrigger | ScrollTrigger | ExitIntentTrigger | IdleTrigger | TimeOnSiteTrigger | EventTrigger | ClickTrigger;

/** Per-campaign caps. Every field is optional; a missing field means no cap of that kind. */
export interface Frequency {
  /** Shown at most this many times to a visitor, ever. @minimum 0 */
  maxImpressions?: number;
  /** Shown at most this many times per session. @minimum 0 */
  maxPerSession?: number;
  /** Hours to wait after an impression before showing again. @minimum 0 */
  cooldownHours?: number;
  /** Hours to stay hidden after the visitor dismissed it. @minimum 0 */
  afterDismissHours?: number;
  /** Hours to stay hidden after the visitor converted through it. @minimum 0 */
  afterConversionHours?: number;
}

/** When a campaign may show; every part must allow it. */
export interface Schedule {
  /** ISO instant with a time zone from which it may show, e.g. `2026-12-01T00:00:00Z`. */
  from?: IsoInstant;
  /** ISO instant with a time zone until which it may show (excluded). */
  until?: IsoInstant;
  /** Local hours [start, end): whole hours from 0 to 24. */
  hours?: [Hour, Hour];
  /** ISO weekdays it may show on: 1 = Monday … 7 = Sunday. */
  weekdays?: Weekday[];
}

/** Where a campaign may show, by path. */
export interface CampaignPages {
  /** Path globs where it may show; none means every page. */
  include?: PathGlob[];
  /** Path globs where it may not show. */
  exclude?: PathGlob[];
}

/**
 * How the campaign is placed: over the page (a popup) or in it (`inline`).
 * @if {"properties": {"type": {"const": "inline", "description": "An inline placement…"}}, "required": ["type"]}
 * @then {"required": ["slot"], "properties": {"slot": {"description": "Required for `inline`.", "type": "string"}, "position": {"description": "An inline placement sits where its slot is: no `position`.", "not": {}}}}
 * @else {"properties": {"slot": {"description": "Only for `inline`.", "not": {}}}}
 */
export interface Layout {
  /**
   * `modal` (centered, with backdrop), `slide-in` (a corner), `bar` (top or bottom), `sheet` (bottom
   * sheet), or `inline`: in the page flow, inside the host's own `<div data-segmint-slot="…">`.
   */
  type: 'modal' | 'slide-in' | 'bar' | 'sheet' | 'inline';
  /** For `slide-in`: the corner; for `bar`: `top` or `bottom`. */
  position?: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'top' | 'bottom';
  /**
   * For `inline` (and required there): the name of the slot to fill, the value of the host
   * element's `data-segmint-slot` attribute. Each slot shows at most one campaign (highest
   * `priority` wins); the slot's own children are shown when none qualifies.
   * @pattern ^[A-Za-z0-9_-]{1,64}$
   */
  slot?: string;
}

/**
 * What the call-to-action button does.
 * @if {"properties": {"action": {"const": "link", "description": "When the action is `link`…"}}}
 * @then {"properties": {"url": {"description": "A `link` needs its `url`."}}, "required": ["url"]}
 */
export interface Cta {
  /** `link` opens `url`; `add-to-cart` asks the shop to add the offered products; `copy-coupon` copies the coupon; `dismiss` closes. */
  action: 'link' | 'add-to-cart' | 'copy-coupon' | 'dismiss';
  /** For `link`: an http(s) or relative URL. */
  url?: Url;
}

/** Products a campaign offers. */
export interface Offer {
  /** Explicit catalog product ids. */
  products?: string[];
  /** Take products from the catalog's `upsell` or `crossSell` lists… */
  from?: 'upsell' | 'crossSell';
  /** …of the product on this page, the cart, or recently viewed products. */
  of?: 'current' | 'cart' | 'viewed';
  /** At most this many products. @integer @minimum 1 */
  limit?: number;
  /** Coupon code shown with the offer and available as `{coupon}`. @minLength 1 */
  coupon?: string;
}

/** An alternative version of a campaign, for A/B tests. */
export interface Variant {
  /** Stable id, reported in events as `variant`; `holdout` is reserved. @minLength 1 @not {"const": "holdout"} */
  id: string;
  /** Relative share of visitors; default 1. @minimum 0 */
  weight?: number;
  /** Overrides fields of the campaign's content, per locale and field. */
  content?: Content;
  /** Replaces the campaign's layout. */
  layout?: Layout;
  /** Replaces the campaign's offer. */
  offer?: Offer;
  /** Replaces the campaign's call-to-action. */
  cta?: Cta;
}

/**
 * A popup with its audience, trigger, caps and copy.
 * @if {"properties": {"kind": {"const": "question", "description": "A `question` campaign…"}}, "required": ["kind"]}
 * @then {"properties": {"question": {"description": "…needs its `question`."}}, "required": ["question"]}
 * @else {"properties": {"question": {"description": "Only a `question` campaign has a `question`.", "not": {}}}}
 */
export interface Campaign {
  /** Unique id, reported in events as `campaign`. @minLength 1 */
  id: string;
  /** `upsell`, `cross-sell`, `announcement`, or `question` (asks the visitor `question`). */
  kind?: 'upsell' | 'cross-sell' | 'announcement' | 'question';
  /** Who sees it; no audience means everyone. */
  audience?: Condition;
  /** Path globs where it may show (`include`) and may not (`exclude`); none means every page. */
  pages?: CampaignPages;
  /** When it is considered; default: on page view, no delay. */
  trigger?: Trigger;
  /** When it may show: ISO instants `from`/`until`, local `hours` [start, end) and ISO `weekdays` (1 = Monday). */
  schedule?: Schedule;
  /** Per-campaign caps. */
  frequency?: Frequency;
  /** Higher wins when several campaigns qualify at once; default 0. */
  priority?: number;
  /** Percent of visitors held out: they see nothing but still count as exposed. @minimum 0 @maximum 100 */
  holdout?: number;
  /** Hours after a click in which a purchase counts as a conversion; default 24. @minimum 0 */
  attributionHours?: number;
  /** Placement; default `modal`. */
  layout?: Layout;
  /** Products offered. */
  offer?: Offer;
  /** Copy keyed by BCP 47 locale; must include `defaultLocale`. */
  content: Content;
  /** What the call-to-action button does; default `dismiss`. */
  cta?: Cta;
  /** A/B variants; without them the campaign has one variant, `default`. @minItems 1 */
  variants?: Variant[];
  /** Minimise to a tab on dismiss (or start as one, with `first`). */
  teaser?: Teaser;
  /** The time `{countdown}` counts down to; at zero the campaign ends for the visitor. */
  countdown?: Countdown;
  /** For `kind: "question"`: the question's trait and options. */
  question?: Question;
}

/** A price, in the currency it is keyed by. @minimum 0 */
export type Price = number;

/** A product in the config catalog, used by offers. */
export interface CatalogProduct {
  /** Name keyed by locale. @minProperties 1 */
  name: Record<Locale, string>;
  /** Price keyed by ISO 4217 currency. */
  price?: Record<CurrencyCode, Price>;
  /** Image URL (http(s) or relative). */
  image?: Url;
  /** Product page URL (http(s) or relative). */
  url?: Url;
  /** Better products to offer instead of this one. */
  upsell?: string[];
  /** Products that go with this one. */
  crossSell?: string[];
  /** Category, for category signals. */
  category?: string;
}

/** Path globs that define page types, e.g. `{ "product": ["/products/*"] }`. */
export interface PageTypes {
  /** Path globs of the home page. */
  home?: PathGlob[];
  /** Path globs of product pages. */
  product?: PathGlob[];
  /** Path globs of category pages. */
  category?: PathGlob[];
  /** Path globs of the cart. */
  cart?: PathGlob[];
  /** Path globs of checkout pages. */
  checkout?: PathGlob[];
}

/** Caps across all campaigns. */
export interface Limits {
  /** At most this many popups per session, all campaigns together. @minimum 0 */
  maxPerSession?: number;
  /** Seconds to wait after a popup before showing another. @minimum 0 */
  minSecondsBetween?: number;
}

/** Popup look, mapped to CSS custom properties. */
export interface Theme {
  /** Accent colour of buttons and links. */
  accent?: Colour;
  /** Corner radius in CSS px. @minimum 0 */
  radius?: number;
  /**
   * Font family names, bare or quoted, separated by commas (`"Inter", system-ui, sans-serif`); `inherit` uses the page's.
   * @pattern ^\s*(?:[\w -]+|"[\w -]+"|'[\w -]+')(?:\s*,\s*(?:[\w -]+|"[\w -]+"|'[\w -]+'))*\s*$
   */
  font?: string;
  /** Text colour. */
  text?: Colour;
  /** Background colour. */
  background?: Colour;
  /** `light`, `dark`, or `auto` (follow the visitor's preference; default). */
  scheme?: 'light' | 'dark' | 'auto';
}

/** The marketer's JSON config. */
export interface Config {
  /** Editor hint: path to segmint's JSON Schema. */
  $schema?: string;
  /**
   * Written by `segmint validate --checked`, first in the file: the release whose checks found no
   * error in this exact text, the signals it reads and the text's SHA-256. While the text is
   * unchanged, a browser running that release skips loading the checks on a first visit.
   */
  checked?: string;
  /** Config format version; this SDK understands 1. */
  version: 1;
  /** Locale whose content every campaign must have, used when the visitor's languages have none. */
  defaultLocale: Locale;
  /** Default ISO 4217 currency. */
  currency?: CurrencyCode;
  /** `required`: store nothing on the device until the page calls `consent(true)`. Default `granted`. */
  consent?: 'granted' | 'required';
  /** Path globs that define page types, e.g. `{ "product": ["/products/*"] }`. */
  pages?: PageTypes;
  /** Products offers can draw from, keyed by product id. */
  catalog?: Record<string, CatalogProduct>;
  /** Named conditions, referenced by `{ "segment": "id" }`. */
  segments?: Record<string, Condition>;
  /** The popups. */
  campaigns?: Campaign[];
  /** Caps across all campaigns. */
  limits?: Limits;
  /** Popup look. */
  theme?: Theme;
  /** Where campaign events go besides `on()` listeners. */
  analytics?: AnalyticsSettings;
}

/** Where campaign events (`exposure`, `impression`, `dismiss`, `click`, `conversion`, `answer`) go besides `on()` listeners. */
export interface AnalyticsSettings {
  /** Push each to `window.dataLayer` as `{ event: "segmint_<name>", segmint: {…} }`. */
  dataLayer?: boolean;
  /** Send them, batched, to this URL by `navigator.sendBeacon` (a `text/plain` JSON body `{ events: [...] }`). */
  beacon?: Url;
  /** When the browser sends Global Privacy Control, send nothing anywhere. */
  respectGPC?: boolean;
}

/** Options for `createSegmint`. */
export interface SegmintOptions {
  /** The config object, or the URL of the JSON config. */
  config: Config | string;
  /**
   * The config is in the form `segmint validate --checked` writes, as the script tag's
   * `data-config-checked` says: its checks are not fetched ahead of it, only when its stamp does
   * not match (an edited text, another release, no `crypto.subtle`), so a first visit to an
   * unchanged checked config never loads them. A URL's response text is what the stamp is of; an
   * object (`import config from './segmint.json'` of the checked file) is written back as the CLI
   * writes it, so it matches while unchanged. Default false: the checks load beside the config on
   * a first visit, and a matching stamp still skips running them.
   */
  configChecked?: boolean;
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
  /** On `conversion`, when the purchase had one. */
  transactionId?: string;
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

/** Payload of the `answer` event: a campaign event with the trait the answer was stored as and its value. */
export interface AnswerPayload extends Omit<CampaignEventPayload, 'value' | 'currency'> {
  trait: string;
  /** The chosen option's value (what `traits.<trait>` now holds). */
  value: TraitValue;
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
  answer: AnswerPayload;
  error: ErrorPayload;
}

/** Why a campaign would or would not show, as reported by `explain()`. */
export interface CampaignTrace {
  id: string;
  eligible: boolean;
  /** Why it is not eligible: `pages`, `audience`, `frequency`, `schedule`, `limits`, `countdown` (it ran out), `offer`, `slot` (an inline campaign whose slot is not on the page), or `invalid`. */
  reason?: string;
  /** For an inline campaign: the name of the slot it fills. */
  slot?: string;
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
