import type { ConfigError } from './config-error';

/**
 * Every config mistake the checks can find, by code, with the few values its message needs.
 * Types only: the checks (in every bundle) name a code, and the messages are written from it by
 * `rules/config-messages.ts`, which the script tag and the npm entry load only when a config has
 * errors, and which `segmint/rules` and the CLI bundle. The field a message names is the last
 * token of the error's pointer, so it is not repeated here.
 */
export interface ConfigErrorParams {
  // The config as a whole.
  'config-not-object': [got: unknown];
  'unsupported-version': [got: unknown, supported: number];
  'invalid-default-locale': [got: unknown];
  'too-deep': [max: number];
  'forbidden-key': [];
  'unknown-field': [what: string, known: readonly string[]];
  'not-object': [got: unknown];
  'item-not-object': [what: string, got: unknown];
  'not-one-of': [got: unknown, allowed: readonly string[]];
  'expected-one-of': [got: unknown, allowed: readonly string[]];
  'segments-not-object': [got: unknown];
  'campaigns-not-list': [got: unknown];
  'duplicate-campaign-id': [id: string];
  'invalid-currency': [got: unknown];
  'invalid-page-types': [got: unknown];
  'unknown-page-type': [allowed: readonly string[]];
  // Values of every kind.
  'expected-boolean': [got: unknown];
  'expected-text': [got: unknown];
  'expected-colour': [got: unknown];
  'expected-font': [got: unknown];
  'expected-pixels': [got: unknown];
  'expected-finite-number': [got: unknown, min: number];
  'expected-percentage': [got: number];
  'expected-url': [got: unknown];
  'expected-instant': [got: unknown];
  'invalid-locale': [];
  // Conditions.
  'condition-too-deep': [max: number];
  'condition-not-object': [got: unknown];
  'expected-conditions': [got: unknown];
  'expected-segment-id': [got: unknown];
  'unknown-segment': [id: string, known: readonly string[]];
  'segment-cycle': [path: readonly string[]];
  'invalid-segment': [id: string, cause: ConfigError];
  'unknown-signal': [known: readonly string[]];
  'list-needs-operator': [];
  'empty-operator-object': [];
  'unknown-operator': [known: readonly string[]];
  'between-bounds': [];
  'between-reversed': [low: unknown, high: unknown];
  'exists-boolean': [];
  'expected-scalar': [got: unknown];
  'not-in-vocabulary': [got: string, values: readonly string[]];
  'expected-list': [got: unknown];
  'expected-timestamp': [got: string];
  'expected-number': [got: unknown];
  'expected-string': [got: unknown];
  'expected-days': [got: unknown];
  /** `operator` undefined: a numeric comparison. */
  'kind-mismatch': [operator: string | undefined, kind: string];
  // The catalog.
  'catalog-not-object': [got: unknown];
  'expected-product-ids': [got: unknown];
  'unknown-product': [got: unknown, known: readonly string[]];
  'missing-product-name': [];
  'invalid-prices': [got: unknown];
  'invalid-currency-code': [];
  'expected-amount': [got: unknown];
  // Campaigns and variants.
  'missing-campaign-id': [];
  'content-not-object': [got: unknown];
  'missing-default-content': [locale: string];
  'expected-texts': [got: unknown];
  'missing-event-name': [];
  'percent-over-100': [got: number];
  'invalid-pages-filter': [got: unknown];
  'expected-patterns': [got: unknown];
  'expected-pattern': [got: unknown];
  'until-before-from': [];
  'invalid-hours': [];
  'invalid-weekdays': [];
  'invalid-link': [got: unknown];
  'add-to-cart-needs-products': [];
  'copy-coupon-needs-coupon': [];
  'empty-variants': [];
  'invalid-variant-id': [];
  'duplicate-variant-id': [id: string];
  'no-variant-weight': [];
  'products-and-from': [];
  'invalid-offer-limit': [got: unknown];
  'invalid-coupon': [got: unknown];
  'missing-selector': [];
  'invalid-selector': [got: string];
  'invalid-slot-name': [got: unknown];
  'inline-position': [];
  'slot-needs-inline': [type: string];
  'inline-trigger': [on: string];
  /** `slot` undefined: the campaign is a popup and the variant made it inline. */
  'variant-placement': [slot: string | undefined];
  // Teasers, countdowns, questions.
  'teaser-needs-text': [locale: string];
  'countdown-until-or-minutes': [];
  /** `isQuestion`: the campaign is a question without `question`; else `question` on another kind. */
  'question-and-kind': [isQuestion: boolean];
  'expected-trait-name': [got: unknown];
  'too-few-options': [got: unknown];
  'duplicate-option-value': [got: unknown];
}

/** The code of a config mistake: what `ConfigError.code` holds. */
export type ConfigErrorCode = keyof ConfigErrorParams;
