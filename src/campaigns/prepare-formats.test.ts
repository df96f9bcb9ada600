import { describe, expect, it } from 'vitest';
import { validateConfig } from '../rules/validate';
import { prepareConfig } from '../rules/prepare-config';
import { readJsonFixture } from '../../tests/unit/fixtures';
import { createSchemaValidator } from '../../tests/unit/schema-validator';

const question = { trait: 'brewMethod', options: [{ value: 'espresso', label: { en: 'Espresso', de: 'Espresso' } }, { value: 'filter', label: { en: 'Filter' } }] };

function validate(campaign: Record<string, unknown>) {
  return validateConfig({ version: 1, defaultLocale: 'en', campaigns: [{ id: 'c', content: { en: { title: 'Hi', teaser: 'Tab' } }, ...campaign }] });
}

/** The single error a campaign gets, as `{ pointer, message }`. */
function errorOf(campaign: Record<string, unknown>) {
  const { errors } = validate(campaign);
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe('teaser, countdown and question fields', () => {
  it('accepts each format as SPEC §7 writes it', () => {
    expect(validate({ teaser: { position: 'bottom-left' } }).errors).toEqual([]);
    expect(validate({ teaser: { first: true } }).errors).toEqual([]);
    expect(validate({ countdown: { until: '2026-12-24T23:59:59Z' } }).errors).toEqual([]);
    expect(validate({ countdown: { minutes: 30 } }).errors).toEqual([]);
    expect(validate({ kind: 'question', question, content: { en: { title: 'How do you brew?', thanks: 'Thanks!' } } }).errors).toEqual([]);
  });

  it('accepts the example config of all three, by validateConfig and the JSON Schema alike', () => {
    const config = readJsonFixture<unknown>('formats-config.json');
    expect(validateConfig(config).errors).toEqual([]);
    const schema = createSchemaValidator();
    expect(schema(config), JSON.stringify(schema.errors)).toBe(true);
  });

  it('compiles them for decisions: the instant as epoch ms, the options as written', () => {
    const { prepared } = prepareConfig({ version: 1, defaultLocale: 'en', campaigns: [
      { id: 'a', countdown: { until: '2026-12-24T23:59:59Z' }, content: { en: { title: 'A' } } },
      { id: 'q', kind: 'question', question, content: { en: { title: 'Q' } } },
    ] });
    expect(prepared!.campaigns[0].countdown).toEqual({ until: Date.parse('2026-12-24T23:59:59Z') });
    expect(prepared!.campaigns[1].question).toEqual(question);
  });

  it('names a misspelt field with its pointer and the nearest right name', () => {
    expect(errorOf({ teaser: { positon: 'top-left' } })).toEqual({ pointer: '/campaigns/0/teaser/positon', message: expect.stringContaining('did you mean "position"?') });
    expect(errorOf({ teaser: { position: 'bottom-lef' } })).toEqual({ pointer: '/campaigns/0/teaser/position', message: expect.stringContaining('did you mean "bottom-left"?') });
    expect(errorOf({ countdown: { minute: 30 } })).toEqual({ pointer: '/campaigns/0/countdown/minute', message: expect.stringContaining('did you mean "minutes"?') });
    expect(errorOf({ kind: 'question', question: { ...question, trate: 'x' } }).pointer).toBe('/campaigns/0/question/trate');
    expect(errorOf({ kind: 'questoin', question }).message).toContain('did you mean "question"?');
    expect(errorOf({ tesaer: {} }).message).toContain('did you mean "teaser"?');
    expect(errorOf({ content: { en: { title: 'Hi', thank: 'x' } } }).message).toContain('did you mean "thanks"?');
  });

  it('rejects a teaser without its tab text, a countdown of neither or both kinds, and bad values', () => {
    expect(errorOf({ teaser: {}, content: { en: { title: 'Hi' } } })).toEqual({ pointer: '/campaigns/0/content', message: expect.stringContaining('"teaser" field in the "en" content') });
    expect(errorOf({ teaser: { first: 'yes' } }).pointer).toBe('/campaigns/0/teaser/first');
    expect(errorOf({ countdown: {} }).pointer).toBe('/campaigns/0/countdown');
    expect(errorOf({ countdown: { until: '2026-12-24T23:59:59Z', minutes: 5 } }).message).toContain('not both');
    expect(errorOf({ countdown: { until: '2026-12-24' } }).pointer).toBe('/campaigns/0/countdown/until');
    for (const minutes of [0, -1, '30']) expect(errorOf({ countdown: { minutes } }).pointer).toBe('/campaigns/0/countdown/minutes');
  });

  it('ties `question` to `kind: "question"` both ways', () => {
    expect(errorOf({ kind: 'question' })).toEqual({ pointer: '/campaigns/0/question', message: expect.stringContaining('needs "question"') });
    expect(errorOf({ question })).toEqual({ pointer: '/campaigns/0/kind', message: expect.stringContaining('"kind": "question"') });
  });

  it('rejects a question whose trait, options or labels identify() could not store or a visitor could not read', () => {
    const q = (change: Record<string, unknown>) => errorOf({ kind: 'question', question: { ...question, ...change } }).pointer;
    expect(q({ trait: '' })).toBe('/campaigns/0/question/trait');
    expect(q({ trait: '__proto__' })).toBe('/campaigns/0/question/trait');
    expect(q({ trait: 'x'.repeat(101) })).toBe('/campaigns/0/question/trait');
    expect(q({ options: [question.options[0]] })).toBe('/campaigns/0/question/options');
    expect(q({ options: [question.options[0], { value: 'espresso', label: { en: 'Again' } }] })).toBe('/campaigns/0/question/options/1/value');
    expect(q({ options: [question.options[0], { value: { nested: true }, label: { en: 'x' } }] })).toBe('/campaigns/0/question/options/1/value');
    expect(q({ options: [question.options[0], { value: 'b', label: { de: 'Nur Deutsch' } }] })).toBe('/campaigns/0/question/options/1/label');
    expect(q({ options: [question.options[0], { value: 'b', label: { en: { type: 'img' } } }] })).toBe('/campaigns/0/question/options/1/label/en');
    expect(q({ options: [question.options[0], { value: 'b', label: { en: 'B', en_US: 'B' } }] })).toBe('/campaigns/0/question/options/1/label/en_US');
  });

  it('accepts number and boolean answers, as identify() stores them', () => {
    expect(validate({ kind: 'question', question: { trait: 'household', options: [{ value: 1, label: { en: 'Just me' } }, { value: 4, label: { en: 'Family' } }] } }).errors).toEqual([]);
    expect(validate({ kind: 'question', question: { trait: 'gift', options: [{ value: true, label: { en: 'A gift' } }, { value: false, label: { en: 'For me' } }] } }).errors).toEqual([]);
  });
});
