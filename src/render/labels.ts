/** The popup's own words (not the marketer's), per language: the close button's name and the coupon confirmation. */
export interface PopupLabels {
  close: string;
  copied: string;
}

const LABELS: Record<string, [close: string, copied: string]> = {
  en: ['Close', 'Copied'], de: ['Schließen', 'Kopiert'], fr: ['Fermer', 'Copié'], es: ['Cerrar', 'Copiado'],
  it: ['Chiudi', 'Copiato'], nl: ['Sluiten', 'Gekopieerd'], pt: ['Fechar', 'Copiado'], pl: ['Zamknij', 'Skopiowano'],
  sv: ['Stäng', 'Kopierad'], da: ['Luk', 'Kopieret'], nb: ['Lukk', 'Kopiert'], no: ['Lukk', 'Kopiert'], fi: ['Sulje', 'Kopioitu'],
  cs: ['Zavřít', 'Zkopírováno'], tr: ['Kapat', 'Kopyalandı'], ru: ['Закрыть', 'Скопировано'], uk: ['Закрити', 'Скопійовано'],
  ja: ['閉じる', 'コピーしました'], zh: ['关闭', '已复制'], ko: ['닫기', '복사됨'], ar: ['إغلاق', 'تم النسخ'], he: ['סגירה', 'הועתק'],
};

/** The labels in the popup's language, English when unknown. */
export function findLabels(locale: string): PopupLabels {
  const [close, copied] = LABELS[locale.split('-')[0].toLowerCase()] ?? LABELS.en;
  return { close, copied };
}
