/** The popup's own words (not the marketer's), per language: the close button's name and the coupon confirmation. */
export interface PopupLabels {
  close: string;
  copied: string;
  /** The dialog's name when the campaign has no title. */
  message: string;
}

const LABELS: Record<string, [close: string, copied: string, message: string]> = {
  en: ['Close', 'Copied', 'Message'], de: ['Schließen', 'Kopiert', 'Nachricht'], fr: ['Fermer', 'Copié', 'Message'],
  es: ['Cerrar', 'Copiado', 'Mensaje'], it: ['Chiudi', 'Copiato', 'Messaggio'], nl: ['Sluiten', 'Gekopieerd', 'Bericht'],
  pt: ['Fechar', 'Copiado', 'Mensagem'], pl: ['Zamknij', 'Skopiowano', 'Wiadomość'], sv: ['Stäng', 'Kopierad', 'Meddelande'],
  da: ['Luk', 'Kopieret', 'Besked'], nb: ['Lukk', 'Kopiert', 'Melding'], no: ['Lukk', 'Kopiert', 'Melding'],
  fi: ['Sulje', 'Kopioitu', 'Viesti'], cs: ['Zavřít', 'Zkopírováno', 'Zpráva'], tr: ['Kapat', 'Kopyalandı', 'Mesaj'],
  ru: ['Закрыть', 'Скопировано', 'Сообщение'], uk: ['Закрити', 'Скопійовано', 'Повідомлення'], ja: ['閉じる', 'コピーしました', 'メッセージ'],
  zh: ['关闭', '已复制', '消息'], ko: ['닫기', '복사됨', '메시지'], ar: ['إغلاق', 'تم النسخ', 'رسالة'], he: ['סגירה', 'הועתק', 'הודעה'],
};

/** The labels in the popup's language, English when unknown. */
export function findLabels(locale: string): PopupLabels {
  const [close, copied, message] = LABELS[locale.split('-')[0].toLowerCase()] ?? LABELS.en;
  return { close, copied, message };
}
