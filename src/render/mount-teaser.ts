import { h, render } from 'preact';
import type { ComponentChildren } from 'preact';
import type { PopupHandle, PopupView, TeaserCallbacks } from './view';
import { TeaserTab } from './TeaserTab';
import { ErrorBoundary } from './ErrorBoundary';
import { supportsAdoptedStyleSheets } from './constructed-sheet';
import { findSheet, nextFrame, nextTask } from './mount';

/**
 * Mounts a teaser tab in its own shadow root on `<segmint-teaser>`: fixed in a corner, so it
 * shifts nothing; no backdrop, no focus trap, no scroll lock (the page stays usable). Paced like
 * the popup. `focus` moves focus to the tab once it is in (after a minimise from the keyboard).
 */
export async function mountTeaser(view: PopupView, callbacks: TeaserCallbacks, focus: boolean, styles: string, text: (text: string) => ComponentChildren): Promise<PopupHandle | null> {
  const doc = document;
  if (!doc.body || typeof doc.body.attachShadow !== 'function' || !supportsAdoptedStyleSheets()) return null;
  await nextTask();
  const sheet = findSheet(styles);
  await nextFrame();
  if (!doc.body) return null;
  const host = doc.createElement('segmint-teaser');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [sheet];
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    render(null, shadow);
    host.remove();
  };
  const fail = (error: unknown) => {
    close();
    callbacks.onError(error);
  };
  try {
    render(h(ErrorBoundary, { onError: fail }, h(TeaserTab, { view, onOpen: callbacks.onOpen, onClose: callbacks.onClose, text })), shadow);
  } catch (error) {
    fail(error);
    return null;
  }
  if (!open) return null;
  doc.body.appendChild(host);
  if (focus) {
    setTimeout(() => {
      if (open) shadow.querySelector<HTMLElement>('.sm-teaser-open')?.focus({ preventScroll: true });
    }, 0);
  }
  return { close, isOpen: () => open && host.isConnected };
}
