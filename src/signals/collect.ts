import type { Signals } from '../rules/signals';
import type { Profile } from '../profile/profile';
import { readBehaviourSignals } from '../profile/signals';
import { collectLocaleSignals } from './locale';
import { collectDeviceSignals } from './device';
import { collectPageSignals } from './page';

/** What the host told us (`data-*` attributes or npm options) and what the config says. */
export interface SignalHints {
  locale?: string;
  country?: string;
  currency?: string;
  defaultLocale: string;
  defaultCurrency?: string;
  pageTypes: [string, ((path: string) => boolean)[]][];
  /** The URL `page(url)` was given, for SPAs that record a page before the location changes. */
  url?: string;
}

/** All signals of SPEC §3 for this page and visitor, in the shape conditions read. */
export function collectSignals(win: Window, hints: SignalHints, profile: Profile, now: number): Signals {
  const locale = collectLocaleSignals(hints, win.navigator.languages ?? [win.navigator.language], hints.defaultLocale);
  return {
    ...locale,
    currency: normalizeCurrency(hints.currency) ?? hints.defaultCurrency ?? 'USD',
    ...collectDeviceSignals(win),
    ...collectPageSignals(win.document, hints.pageTypes, new Date(now), hints.url),
    ...readBehaviourSignals(profile, now),
  };
}

/** The locales to try for content, best first: the chosen locale, then every preferred language. */
export function listPreferredLocales(signals: Signals): string[] {
  const languages = Array.isArray(signals.languages) ? (signals.languages as string[]) : [];
  return [...new Set([String(signals.locale), ...languages])];
}

function normalizeCurrency(currency: string | undefined): string | undefined {
  return currency && /^[a-z]{3}$/i.test(currency.trim()) ? currency.trim().toUpperCase() : undefined;
}
