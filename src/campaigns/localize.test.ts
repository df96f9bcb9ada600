import { describe, expect, it } from 'vitest';
import { chooseContentLocale, localizeContent } from './localize';
import { prepareConfig } from '../rules/prepare-config';
import type { ContentFields } from '../types';

const en = { title: 'Complete your setup', body: 'Campers also pack these.', cta: 'See the gear', dismiss: 'No thanks' };
const de = { title: 'Komplettiere deine Ausrüstung', body: 'Dazu passt auch:', cta: 'Zur Ausrüstung' };
const deCH = { title: 'Vervollständige deine Ausrüstung' };

describe('localizeContent', () => {
  it('gives a visitor their exact locale when there is copy for it', () => {
    expect(localizeContent({ en, de, 'de-CH': deCH }, ['de-CH'], 'en').locale).toBe('de-CH');
  });

  it('falls back from a regional tag to its language: de-AT gets de', () => {
    expect(localizeContent({ en, de }, ['de-AT'], 'en')).toEqual({ locale: 'de', fields: { ...de, dismiss: en.dismiss } });
  });

  it('takes each missing field from the language, then from the default locale', () => {
    const { locale, fields } = localizeContent({ en, de, 'de-CH': deCH }, ['de-CH'], 'en');
    expect(locale).toBe('de-CH');
    expect(fields).toEqual({
      title: deCH.title, // de-CH
      body: de.body, // de
      cta: de.cta, // de
      dismiss: en.dismiss, // en
    });
  });

  it('gives the default locale to a visitor with no matching copy', () => {
    expect(localizeContent({ en, de }, ['fr-FR', 'fr'], 'en')).toEqual({ locale: 'en', fields: en });
  });

  it('tries the preferred languages in order, each as exact tag then language', () => {
    expect(localizeContent({ en, de }, ['fr-FR', 'de-DE'], 'en').locale).toBe('de');
    expect(localizeContent({ en, de, fr: { title: 'Complétez' } }, ['fr-FR', 'de-DE'], 'en').locale).toBe('fr');
  });

  it('prefers the first preferred language even when a later one has an exact match', () => {
    expect(localizeContent({ en, de, 'fr-FR': { title: 'x' } }, ['de-AT', 'fr-FR'], 'en').locale).toBe('de');
  });

  it('does not mix a later preferred language into the fields of the chosen one', () => {
    const { fields } = localizeContent({ en, de: { title: 'Hallo' }, fr: { body: 'Bonjour' } }, ['de-AT', 'fr'], 'en');
    expect(fields).toEqual({ ...en, title: 'Hallo' });
  });

  it('matches locale tags case-insensitively and reports the key as written in the config', () => {
    expect(localizeContent({ en, 'de-CH': deCH, de }, ['DE-ch'], 'en')).toMatchObject({ locale: 'de-CH', fields: { title: deCH.title, body: de.body } });
    expect(localizeContent({ EN: en, de }, ['de-at'], 'en').fields.dismiss).toBe(en.dismiss);
    expect(localizeContent({ en, de }, ['DE'], 'EN').locale).toBe('de');
  });

  it.each([
    ['an underscore tag', ['en_US']],
    ['an unknown language', ['zz-ZZ']],
    ['an empty tag', ['']],
    ['no preferred languages', []],
    ['a lone hyphen', ['-']],
  ])('falls back to the default locale silently for %s', (_name, preferred) => {
    expect(localizeContent({ en, de }, preferred, 'en')).toEqual({ locale: 'en', fields: en });
  });

  it('falls back for a right-to-left language with no copy', () => {
    expect(localizeContent({ en, de }, ['ar-EG', 'ar'], 'en')).toEqual({ locale: 'en', fields: en });
  });

  it('uses a regional default locale for every field a visitor language lacks', () => {
    expect(localizeContent({ 'en-US': en, de: { title: 'Hallo' } }, ['de-DE'], 'en-US')).toEqual({ locale: 'de', fields: { ...en, title: 'Hallo' } });
  });

  it('keeps only text fields', () => {
    const content = { en: { ...en, body: { type: 'img', props: {} } } } as unknown as Record<string, ContentFields>;
    expect(localizeContent(content, ['en'], 'en').fields.body).toBeUndefined();
  });

  it('does not modify the content it reads', () => {
    const content = { en: { ...en }, de: { ...de }, 'de-CH': { ...deCH } };
    const copy = structuredClone(content);
    localizeContent(content, ['de-CH'], 'en');
    expect(content).toEqual(copy);
  });

  it('localizes a variant whose content overrides single fields of its campaign', () => {
    const { prepared } = prepareConfig({
      version: 1,
      defaultLocale: 'en',
      campaigns: [
        {
          id: 'tent-cross-sell',
          content: { en, de },
          variants: [{ id: 'a' }, { id: 'b', content: { en: { title: "Don't forget these" }, de: { title: 'Vergiss die nicht' } } }],
        },
      ],
    });
    const [a, b] = prepared!.campaigns[0].variants;
    expect(localizeContent(a.content, ['de-AT'], 'en').fields).toEqual({ ...de, dismiss: en.dismiss });
    expect(localizeContent(b.content, ['de-AT'], 'en').fields).toEqual({ ...de, title: 'Vergiss die nicht', dismiss: en.dismiss });
    expect(localizeContent(b.content, ['fr'], 'en').fields).toEqual({ ...en, title: "Don't forget these" });
  });
});

describe('chooseContentLocale', () => {
  it('names the locale localizeContent would use', () => {
    for (const preferred of [['de-CH'], ['de-AT'], ['fr-FR', 'de'], ['fr'], []]) {
      expect(chooseContentLocale({ en, de, 'de-CH': deCH }, preferred, 'en')).toBe(localizeContent({ en, de, 'de-CH': deCH }, preferred, 'en').locale);
    }
    expect(chooseContentLocale({ en, de }, ['de-AT'], 'en')).toBe('de');
    expect(chooseContentLocale({ en }, ['ja'], 'en')).toBe('en');
  });
});
