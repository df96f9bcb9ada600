import type { ContentFields, Cta, Layout, Teaser, Theme, TraitValue } from '../types';

/** A product card: everything already localized and formatted. */
export interface ProductCard {
  id: string;
  name: string;
  /** Formatted in the visitor's locale and currency, e.g. `€ 36,00`. */
  price?: string;
  /** http(s) or relative URL (checked at load). */
  image?: string;
  url?: string;
}

/** Everything the renderer needs to draw one popup: plain, already-localized data. */
export interface PopupView {
  campaign: string;
  variant: string;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** Copy with placeholders filled. */
  fields: ContentFields;
  /** Accessible name of the close button, already localized. */
  closeLabel: string;
  /** Confirmation shown after the coupon was copied, already localized. */
  copiedLabel: string;
  /** The dialog's accessible name when there is no title, already localized. */
  dialogLabel: string;
  layout: Layout;
  cta: Cta;
  products: ProductCard[];
  coupon?: string;
  theme?: Theme;
  /**
   * With a countdown: when it reaches zero (epoch ms), the visitor's locale its digits are
   * formatted in, and that end as a time of day (for screen readers, which do not hear the
   * ticking). `{countdown}` in the fields is then `COUNTDOWN_MARK`, where the ticking time goes.
   */
  countdown?: { end: number; locale: string; endLabel: string };
  /** For a question: its options, already localized. `fields.thanks` follows an answer. */
  options?: { value: TraitValue; label: string }[];
  /** With a teaser: where its tab sits and whether it starts as the tab. `fields.teaser` is its text. */
  teaser?: Teaser;
}

/** Where `{countdown}` stands in a field's text: a private-use character no copy contains. */
export const COUNTDOWN_MARK = '\uE000';

/** What the popup reports back. */
export interface PopupCallbacks {
  onDismiss(): void;
  /** The call to action, from a real (trusted) click or key press. */
  onCta(): void;
  onError(error: unknown): void;
  /** A question's option was chosen (by a trusted click or key press). */
  onAnswer?(value: TraitValue): void;
  /** The countdown reached zero. */
  onExpire?(): void;
}

/** What the teaser tab reports back. */
export interface TeaserCallbacks {
  /** The tab was clicked: open the popup. */
  onOpen(): void;
  /** The tab's own close button: the campaign is dismissed. */
  onClose(): void;
  onError(error: unknown): void;
  onExpire?(): void;
}

/** Draws a teaser tab; `focus` moves focus to it (when the visitor minimised from the keyboard). */
export type RenderTeaser = (view: PopupView, callbacks: TeaserCallbacks, focus: boolean) => Promise<PopupHandle | null>;

/** An open popup. */
export interface PopupHandle {
  /** Removes the popup and restores focus; safe to call twice. */
  close(): void;
  /** True while the popup's element is still in the page. */
  isOpen(): boolean;
}

/** Draws a popup; resolves to null when this browser cannot isolate it (no shadow DOM). */
export type RenderPopup = (view: PopupView, callbacks: PopupCallbacks) => Promise<PopupHandle | null>;
