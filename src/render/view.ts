import type { ContentFields, Cta, Layout, Theme } from '../types';

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
}

/** What the popup reports back. */
export interface PopupCallbacks {
  onDismiss(): void;
  /** The call to action, from a real (trusted) click or key press. */
  onCta(): void;
  onError(error: unknown): void;
}

/** An open popup. */
export interface PopupHandle {
  /** Removes the popup and restores focus; safe to call twice. */
  close(): void;
  /** True while the popup's element is still in the page. */
  isOpen(): boolean;
}

/** Draws a popup; resolves to null when this browser cannot isolate it (no shadow DOM). */
export type RenderPopup = (view: PopupView, callbacks: PopupCallbacks) => Promise<PopupHandle | null>;
