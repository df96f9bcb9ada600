import type { ContentFields, Cta, Layout, Theme } from '../types';

/** Everything the renderer needs to draw one popup: plain, already-localized data. */
export interface PopupView {
  campaign: string;
  variant: string;
  locale: string;
  dir: 'ltr' | 'rtl';
  fields: ContentFields;
  /** Accessible name of the close button, already localized. */
  closeLabel: string;
  layout: Layout;
  cta: Cta;
  theme?: Theme;
}

/** What the popup reports back. */
export interface PopupCallbacks {
  onDismiss(): void;
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
export type RenderPopup = (view: PopupView, callbacks: PopupCallbacks) => PopupHandle | null;
