const CLOSE: Record<string, string> = {
  en: 'Close', de: 'Schließen', fr: 'Fermer', es: 'Cerrar', it: 'Chiudi', nl: 'Sluiten', pt: 'Fechar',
  pl: 'Zamknij', sv: 'Stäng', da: 'Luk', nb: 'Lukk', no: 'Lukk', fi: 'Sulje', cs: 'Zavřít', tr: 'Kapat',
  ru: 'Закрыть', uk: 'Закрити', ja: '閉じる', zh: '关闭', ko: '닫기', ar: 'إغلاق', he: 'סגירה',
};

/** The accessible name of the close button in the popup's language, English when unknown. */
export function findCloseLabel(locale: string): string {
  return CLOSE[locale.split('-')[0].toLowerCase()] ?? CLOSE.en;
}
