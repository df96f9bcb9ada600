import type { Signals } from '../rules/signals';

/** The locales to try for content, best first: the chosen locale, then every preferred language. */
export function listPreferredLocales(signals: Signals): string[] {
  const languages = Array.isArray(signals.languages) ? (signals.languages as string[]) : [];
  return [...new Set([String(signals.locale), ...languages])];
}
