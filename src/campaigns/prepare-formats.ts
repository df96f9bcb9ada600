import type { ContentFields, QuestionOption, Teaser, TraitValue } from '../types';
import type { PreparedCountdown, PreparedQuestion } from './formats';
import { ConfigError } from '../rules/config-error';
import { joinPointer } from '../lib/pointer';
import { isPlainObject } from '../lib/is-plain-object';
import { checkKnownKeys, checkNumber, isValidLocale } from '../rules/config-checks';
import { FORBIDDEN_KEYS } from '../lib/forbidden-keys';

const TEASER_POSITIONS = ['bottom-left', 'bottom-right', 'top-left', 'top-right'];

/** Checks `teaser`: a corner and `first`, and a `teaser` text in the default locale's content (the tab's name). */
export function checkTeaser(value: unknown, at: string, content: Record<string, ContentFields>, defaultLocale: string): Teaser | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, ['position', 'first'], at, 'teaser');
  if (value.position !== undefined && !TEASER_POSITIONS.includes(value.position as string)) {
    throw new ConfigError(joinPointer(at, 'position'), 'not-one-of', value.position, TEASER_POSITIONS);
  }
  if (value.first !== undefined && typeof value.first !== 'boolean') throw new ConfigError(joinPointer(at, 'first'), 'expected-boolean', value.first);
  if (!content[defaultLocale]?.teaser) throw new ConfigError(at.replace(/teaser$/, 'content'), 'teaser-needs-text', defaultLocale);
  return value as Teaser;
}

/** Checks `countdown`: exactly one of `until` (an instant with a zone) or `minutes` (above 0). */
export function checkCountdown(value: unknown, at: string, checkInstant: (value: unknown, at: string) => number): PreparedCountdown | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, ['until', 'minutes'], at, 'countdown');
  if ((value.until === undefined) === (value.minutes === undefined)) throw new ConfigError(at, 'countdown-until-or-minutes');
  if (value.until !== undefined) return { until: checkInstant(value.until, joinPointer(at, 'until')) };
  const minutes = checkNumber(value.minutes, joinPointer(at, 'minutes'));
  if (minutes === 0) throw new ConfigError(joinPointer(at, 'minutes'), 'expected-finite-number', minutes, 0);
  return { minutes };
}

/**
 * Checks `question` against `kind`: a question campaign has one and no other kind does; a trait
 * name that `identify()` would store; at least two options with distinct values and a label in
 * the default locale.
 */
export function checkQuestion(value: unknown, at: string, isQuestion: boolean, defaultLocale: string): PreparedQuestion | undefined {
  if ((value !== undefined) !== isQuestion) throw new ConfigError(isQuestion ? at : at.replace(/question$/, 'kind'), 'question-and-kind', isQuestion);
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ConfigError(at, 'not-object', value);
  checkKnownKeys(value, ['trait', 'options'], at, 'question');
  const { trait, options } = value;
  // The bounds `identify()` stores a trait name within (profile/record.ts LIMITS.nameLength).
  if (typeof trait !== 'string' || trait === '' || trait.length > 100 || FORBIDDEN_KEYS.has(trait)) throw new ConfigError(joinPointer(at, 'trait'), 'expected-trait-name', trait);
  const optionsAt = joinPointer(at, 'options');
  if (!Array.isArray(options) || options.length < 2) throw new ConfigError(optionsAt, 'too-few-options', options);
  const seen = new Set<TraitValue>();
  const checked = options.map((option, i): QuestionOption => {
    const optionAt = joinPointer(optionsAt, i);
    if (!isPlainObject(option)) throw new ConfigError(optionAt, 'item-not-object', 'option', option);
    checkKnownKeys(option, ['value', 'label'], optionAt, 'option');
    const answer = option.value as TraitValue;
    if (!(typeof answer === 'string' ? answer !== '' : typeof answer === 'boolean' || (typeof answer === 'number' && Number.isFinite(answer)))) {
      throw new ConfigError(joinPointer(optionAt, 'value'), 'expected-scalar', answer);
    }
    if (seen.has(answer)) throw new ConfigError(joinPointer(optionAt, 'value'), 'duplicate-option-value', answer);
    seen.add(answer);
    return { value: answer, label: checkLabel(option.label, joinPointer(optionAt, 'label'), defaultLocale) };
  });
  return { trait, options: checked };
}

/** An option's label: texts keyed by locale, with the default locale's. */
function checkLabel(value: unknown, at: string, defaultLocale: string): Record<string, string> {
  if (!isPlainObject(value)) throw new ConfigError(at, 'expected-texts', value);
  for (const [locale, text] of Object.entries(value)) {
    if (!isValidLocale(locale)) throw new ConfigError(joinPointer(at, locale), 'invalid-locale');
    if (typeof text !== 'string') throw new ConfigError(joinPointer(at, locale), 'expected-text', text);
  }
  if (value[defaultLocale] === undefined) throw new ConfigError(at, 'missing-default-content', defaultLocale);
  return value as Record<string, string>;
}

