import { describe as group, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { formatConfigError, writeConfigMessages } from './config-messages';
import { prepareConfig } from './prepare-config';

group('formatConfigError', () => {
  it('names the field from the last token of the pointer, unescaped', () => {
    expect(formatConfigError(new ConfigError('/campaigns/0/a~1b~0c', 'forbidden-key'))).toBe('"a/b~c" is not allowed as a key');
    expect(formatConfigError(new ConfigError('/limits', 'not-object', 3))).toBe('"limits" must be an object, got 3');
  });

  it('lists the allowed values, suggesting the nearest for a typo', () => {
    expect(formatConfigError(new ConfigError('/campaigns/0/layout/type', 'not-one-of', 'modall', ['modal', 'bar']))).toBe('"type" must be one of modal, bar (did you mean "modal"?)');
    expect(formatConfigError(new ConfigError('/consent', 'expected-one-of', 'yes', ['granted', 'required']))).toBe('"consent" must be "granted" or "required", got "yes"');
    expect(formatConfigError(new ConfigError('/theme/scheme', 'expected-one-of', 1, ['light', 'dark', 'auto']))).toBe('"scheme" must be "light", "dark" or "auto", got 1');
  });

  it('words an invalid segment with the message and place of its own error', () => {
    const cause = new ConfigError('/segments/a/country/inn', 'unknown-operator', ['in', 'nin']);
    expect(formatConfigError(new ConfigError('/campaigns/0/audience/segment', 'invalid-segment', 'a', cause)))
      .toBe('segment "a" is invalid: unknown operator "inn" (did you mean "in"?) (at /segments/a/country/inn)');
  });

  it('describes the value found briefly: long text cut, objects and lists by kind', () => {
    expect(formatConfigError(new ConfigError('', 'config-not-object', []))).toBe('the config must be a JSON object, got a list');
    expect(formatConfigError(new ConfigError('/x', 'expected-text', { a: 1 }))).toBe('expected text, got an object');
    expect(formatConfigError(new ConfigError('/x', 'expected-text', 'x'.repeat(50)))).toBe(`expected text, got "${'x'.repeat(40)}…"`);
  });

  it('gives every error the checks find a message other than its code', () => {
    const { errors } = prepareConfig({
      version: 1, defaultLocale: 'en', consent: 'maybe', limits: [], theme: { scheme: 'pink' }, analytics: { beacon: 'javascript:x' },
      segments: { a: { country: { inn: ['AT'] } }, b: { segment: 'b' } },
      campaigns: [{ id: 'x', trigger: { on: 'scrol' }, content: { en: { title: 'Hi' } } }, { id: 'y', audience: { segment: 'a' }, content: { en: {} } }, 3],
    });
    expect(errors.length).toBeGreaterThan(6);
    for (const error of writeConfigMessages(errors)) {
      expect(error.message).not.toBe(error.code);
      expect(error.message).not.toMatch(/^invalid config/);
    }
  });
});
