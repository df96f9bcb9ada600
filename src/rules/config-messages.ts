import type { ConfigError } from './config-error';
import type { ConfigErrorCode, ConfigErrorParams } from './config-error-codes';
import { didYouMean } from '../lib/nearest';

type Messages = { [C in ConfigErrorCode]: (field: string, ...params: ConfigErrorParams[C]) => string };

const list = (values: readonly string[]) => values.join(', ');
const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`);
/** `"a" or "b"`, `"a", "b" or "c"`. */
const either = (values: readonly string[]) => {
  const all = quoted(values);
  return all.length < 2 ? all.join('') : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
};
const suggest = (got: unknown, known: readonly string[]) => (typeof got === 'string' ? didYouMean(got, known) : '');

/**
 * The message of every config error code: what a marketer reads in the `error` event, the
 * console, `segmint validate` and their editor. Shipped in the diagnostics chunk, loaded only
 * when a config has errors.
 */
const MESSAGES: Messages = {
  'config-not-object': (_, got) => `the config must be a JSON object, got ${describe(got)}`,
  'unsupported-version': (_, got, supported) => `unsupported config version ${describe(got)}; this SDK understands version ${supported}`,
  'invalid-default-locale': (_, got) => `"defaultLocale" must be a BCP 47 locale tag such as "en", got ${describe(got)}`,
  'too-deep': (_, max) => `the config is nested deeper than ${max} levels`,
  'forbidden-key': (field) => `"${field}" is not allowed as a key`,
  'unknown-field': (field, what, known) => `unknown ${what} field "${field}"${didYouMean(field, known)}`,
  'not-object': (field, got) => `"${field}" must be an object, got ${describe(got)}`,
  'item-not-object': (_, what, got) => `a ${what} must be an object, got ${describe(got)}`,
  'not-one-of': (field, got, allowed) => `"${field}" must be one of ${list(allowed)}${suggest(got, allowed)}`,
  'expected-one-of': (field, got, allowed) => `"${field}" must be ${either(allowed)}, got ${describe(got)}`,
  'segments-not-object': (_, got) => `"segments" must be an object keyed by segment id, got ${describe(got)}`,
  'campaigns-not-list': (_, got) => `"campaigns" must be a list, got ${describe(got)}`,
  'duplicate-campaign-id': (_, id) => `duplicate campaign id "${id}": the first one is used`,
  'invalid-currency': (_, got) => `"currency" must be an ISO 4217 code such as "EUR", got ${describe(got)}`,
  'invalid-page-types': (_, got) => `"pages" must map page types to path patterns, got ${describe(got)}`,
  'unknown-page-type': (field, allowed) => `unknown page type "${field}"; use ${list(allowed)}`,

  'expected-boolean': (_, got) => `expected true or false, got ${describe(got)}`,
  'expected-text': (_, got) => `expected text, got ${describe(got)}`,
  'expected-colour': (_, got) => `expected a colour such as "#0a7d4f", "rgb(10 125 79)" or "hsl(155 85% 27%)", got ${describe(got)}`,
  'expected-font': (_, got) => `expected font family names such as "Inter, sans-serif", got ${describe(got)}`,
  'expected-pixels': (_, got) => `expected a non-negative number of pixels, got ${describe(got)}`,
  'expected-finite-number': (_, got, min) => `expected a ${min === 0 ? 'non-negative ' : ''}finite number, got ${describe(got)}`,
  'expected-percentage': (_, got) => `expected a percentage from 0 to 100, got ${got}`,
  'expected-url': (_, got) => `expected an http(s) or relative URL, got ${describe(got)}`,
  'expected-instant': (_, got) => `expected an ISO instant with a time zone (e.g. "2026-12-01T00:00:00Z"), got ${describe(got)}`,
  'invalid-locale': (field) => `"${field}" is not a valid BCP 47 locale tag (e.g. "de-AT")`,

  'condition-too-deep': (_, max) => `conditions are nested deeper than ${max} levels`,
  'condition-not-object': (_, got) => `a condition must be an object, got ${describe(got)}`,
  'expected-conditions': (field, got) => `"${field}" takes a list of conditions, got ${describe(got)}`,
  'expected-segment-id': (_, got) => `"segment" takes a segment id, got ${describe(got)}`,
  'unknown-segment': (_, id, known) => `unknown segment "${id}"${didYouMean(id, known)}`,
  'segment-cycle': (_, path) => `segments form a cycle: ${path.join(' → ')}`,
  'invalid-segment': (_, id, cause) => `segment "${id}" is invalid: ${formatConfigError(cause)} (at ${cause.pointer})`,
  'unknown-signal': (field, known) => `unknown signal "${field}"${didYouMean(field, known)}`,
  'list-needs-operator': () => 'a list needs an operator: use { "in": [...] } to match any of them',
  'empty-operator-object': () => 'an operator object needs at least one operator',
  'unknown-operator': (field, known) => `unknown operator "${field}"${didYouMean(field, known)}`,
  'between-bounds': () => '"between" takes two bounds: [low, high]',
  'between-reversed': (_, low, high) => `"between" bounds are reversed: ${low} is above ${high}`,
  'exists-boolean': () => '"exists" takes true or false',
  'expected-scalar': (_, got) => `expected a string, number or boolean, got ${describe(got)}`,
  'not-in-vocabulary': (_, got, values) => `"${got}" is not one of ${quoted(values).join(', ')}`,
  'expected-list': (_, got) => `expected a list, got ${describe(got)}`,
  'expected-timestamp': (_, got) => `expected epoch milliseconds or an ISO instant with a time zone, got "${got}"`,
  'expected-number': (_, got) => `expected a number, got ${describe(got)}`,
  'expected-string': (_, got) => `expected a string, got ${describe(got)}`,
  'expected-days': (field, got) => `"${field}" takes a non-negative number of days, got ${describe(got)}`,
  'kind-mismatch': (_, operator, kind) => `${operator ?? 'a numeric comparison'} does not apply to a ${kind} signal`,

  'catalog-not-object': (_, got) => `"catalog" must be an object keyed by product id, got ${describe(got)}`,
  'expected-product-ids': (_, got) => `expected a list of product ids, got ${describe(got)}`,
  'unknown-product': (_, got, known) => `unknown product ${describe(got)}${suggest(got, known)}; products must be in the catalog`,
  'missing-product-name': () => 'a product needs a "name" keyed by locale, e.g. { "en": "Trail Tent" }',
  'invalid-prices': (_, got) => `"price" must map currencies to amounts, e.g. { "EUR": 229 }, got ${describe(got)}`,
  'invalid-currency-code': (field) => `"${field}" is not an ISO 4217 currency code`,
  'expected-amount': (_, got) => `expected a non-negative amount, got ${describe(got)}`,

  'missing-campaign-id': () => 'a campaign needs a non-empty string "id" (and not "__proto__", "constructor" or "prototype")',
  'content-not-object': (_, got) => `"content" must be an object keyed by locale, got ${describe(got)}`,
  'missing-default-content': (_, locale) => `"content" needs the default locale "${locale}"`,
  'expected-texts': (_, got) => `expected an object of texts, got ${describe(got)}`,
  'missing-event-name': () => 'an "event" trigger needs the event name',
  'percent-over-100': (_, got) => `"percent" is a share of the page from 0 to 100, got ${got}`,
  'invalid-pages-filter': (_, got) => `"pages" must be an object with "include" and/or "exclude", got ${describe(got)}`,
  'expected-patterns': (_, got) => `expected a list of path patterns, got ${describe(got)}`,
  'expected-pattern': (_, got) => `expected a path pattern, got ${describe(got)}`,
  'until-before-from': () => '"until" must be after "from"',
  'invalid-hours': () => '"hours" takes [start, end], whole hours from 0 to 24',
  'invalid-weekdays': () => '"weekdays" takes a list of 1 (Monday) to 7 (Sunday)',
  'invalid-link': (_, got) => `a link needs an http(s) or relative URL, got ${describe(got)}`,
  'add-to-cart-needs-products': () => '"add-to-cart" needs an offer with "products" or "from"',
  'copy-coupon-needs-coupon': () => '"copy-coupon" needs an offer with a "coupon"',
  'missing-selector': () => 'a "click" trigger needs a CSS "selector" such as [data-segmint-open=coupon]',
  'invalid-selector': (_, got) => `"selector" is not a valid CSS selector: ${JSON.stringify(got)}`,
  'invalid-slot-name': (_, got) => `an "inline" layout needs a "slot": the name in the host's data-segmint-slot attribute (letters, digits, "-" and "_"), got ${describe(got)}`,
  'inline-position': () => 'an "inline" layout sits where its slot is: "position" does not apply',
  'slot-needs-inline': (_, type) => `"slot" applies only to "type": "inline", not "${type}"`,
  'inline-trigger': (_, on) => `an inline campaign fills its slot on page view; a "${on}" trigger (or a delay) does not apply to it`,
  'variant-placement': (_, slot) => (slot === undefined ? 'a variant of a popup campaign cannot be inline' : `a variant of an inline campaign must stay in its slot "${slot}"`),
  'empty-variants': () => '"variants" must be a non-empty list',
  'invalid-variant-id': () => 'a variant needs a string "id" other than "holdout"',
  'duplicate-variant-id': (_, id) => `duplicate variant id "${id}"`,
  'no-variant-weight': () => 'at least one variant needs a weight above 0',
  'products-and-from': () => 'an offer takes either "products" or "from", not both',
  'invalid-offer-limit': (_, got) => `"limit" must be a whole number from 1, got ${describe(got)}`,
  'invalid-coupon': (_, got) => `"coupon" must be text, got ${describe(got)}`,

  'teaser-needs-text': (_, locale) => `a teaser needs its tab's text: a "teaser" field in the "${locale}" content`,
  'countdown-until-or-minutes': () => '"countdown" takes either "until" (an ISO instant) or "minutes", not both',
  'question-and-kind': (_, isQuestion) => (isQuestion ? 'a "question" campaign needs "question" with a "trait" and "options"' : '"question" needs "kind": "question"'),
  'expected-trait-name': (_, got) => `"trait" must be a trait name of 1 to 100 characters, got ${describe(got)}`,
  'too-few-options': (_, got) => `a question needs a list of at least two options, got ${describe(got)}`,
  'duplicate-option-value': (_, got) => `two options have the value ${describe(got)}`,
};

/** The message for a config error, from its code, pointer and parameters. */
export function formatConfigError({ code, pointer, params }: ConfigError): string {
  const write = MESSAGES[code] as ((field: string, ...params: unknown[]) => string) | undefined;
  return write ? write(lastToken(pointer), ...(params as unknown[])) : `invalid config (${code})`;
}

/** Gives each error its full message, in place, and returns them: for tools that print errors. */
export function writeConfigMessages<E extends ConfigError>(errors: E[]): E[] {
  for (const error of errors) error.message = formatConfigError(error);
  return errors;
}

/** Short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The last reference token of a JSON pointer, unescaped: the field an error is about. */
function lastToken(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}
