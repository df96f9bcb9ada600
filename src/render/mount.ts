import { h, render, type ComponentChild } from 'preact';
import { Popup } from './Popup';
import { ErrorBoundary } from './ErrorBoundary';
import type { PopupCallbacks, PopupHandle, PopupView } from './view';
import css from './popup.css?inline';
import { createSheet, supportsAdoptedStyleSheets } from './constructed-sheet';

const HOST_TAG = 'segmint-root';
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** One parsed stylesheet per text: the plain popup's, and the formats' (which the npm build may load beside it). */
const sheets = new Map<string, CSSStyleSheet>();

/** The stylesheet of these rules, parsed once. */
export function findSheet(styles: string): CSSStyleSheet {
  let sheet = sheets.get(styles);
  if (!sheet) sheets.set(styles, (sheet = createSheet(styles)));
  return sheet;
}

/**
 * Mounts a popup in an open shadow root on `<segmint-root>`, styled through a constructable
 * stylesheet (no inline `<style>`, so strict CSP holds). Resolves to null, showing nothing, where
 * the browser cannot isolate it.
 *
 * Paced so that no step is a long task on a slow phone, and nothing forces layout: in a task of
 * its own, after the chunk's evaluation, the stylesheet is parsed and the popup built off the page;
 * at the start of the next animation frame it is only put in, so that frame's own style and layout
 * pass (which takes it in with the scroll lock) is not in one task with rendering; focus moves
 * once that frame is done, when layout is clean again.
 */
export function mountPopup(view: PopupView, callbacks: PopupCallbacks): Promise<PopupHandle | null> {
  return mountDialog(view, callbacks, (dismiss) => h(Popup, { view, onDismiss: dismiss, onCta: callbacks.onCta }), css);
}

/**
 * `mountPopup` with the dialog drawn by `draw` and styled by `styles` (the formats renderer
 * draws the same popup with a countdown or a question in it). Internal to the renderers.
 */
export async function mountDialog(view: PopupView, callbacks: PopupCallbacks, draw: (dismiss: () => void) => ComponentChild, styles: string): Promise<PopupHandle | null> {
  const doc = document;
  if (!doc.body || typeof doc.body.attachShadow !== 'function' || !supportsAdoptedStyleSheets()) return null;
  await nextTask();
  const host = doc.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [findSheet(styles)];
  const isModal = view.layout.type === 'modal' || view.layout.type === 'sheet';
  /** What had focus when the popup went in; undefined until then (closing before gives nothing back). */
  let previousFocus: HTMLElement | null | undefined;
  let open = true;
  let unlockScroll = () => {};
  // A host that re-renders <body> (Turbo, pjax, a replaced React root) takes our node with it:
  // then tear down, so no scroll lock or key listener outlives the popup (RELIABILITY §38).
  const watcher = typeof MutationObserver === 'function' ? new MutationObserver(() => {
    if (!host.isConnected) close();
  }) : null;
  const close = () => {
    if (!open) return;
    open = false;
    watcher?.disconnect();
    unlockScroll();
    doc.removeEventListener('keydown', onKeydown, true);
    render(null, shadow);
    host.remove();
    if (isModal && previousFocus !== undefined) restoreFocus(previousFocus, doc);
  };
  const dismiss = () => callbacks.onDismiss();
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      dismiss();
    } else if (event.key === 'Tab' && isModal) {
      trapFocus(event, shadow);
    }
  };
  const fail = (error: unknown) => {
    close();
    callbacks.onError(error);
  };

  // Rendered while the host is off the page: building it costs the page no style work yet.
  try {
    render(h(ErrorBoundary, { onError: fail }, draw(dismiss)), shadow);
  } catch (error) {
    fail(error);
    return null;
  }
  await nextFrame();
  // The error boundary may already have closed it while rendering: nothing was shown.
  if (!open || !doc.body) return close(), null;
  previousFocus = doc.activeElement as HTMLElement | null;
  // Read before anything on the page changes, while the last frame's layout is still valid.
  if (isModal) unlockScroll = lockScroll(doc);
  doc.body.appendChild(host);
  watcher?.observe(doc.documentElement, { childList: true });
  watcher?.observe(doc.body, { childList: true });
  doc.addEventListener('keydown', onKeydown, true);
  // Only dialogs that block the page take focus; a slide-in or bar must not interrupt typing.
  // Without preventScroll, a tall sheet would scroll to its button and hide its title. After the
  // frame: focusing now would make the browser style and lay out the page in this task.
  if (isModal) {
    setTimeout(() => {
      if (open) (shadow.querySelector<HTMLElement>('.sm-cta') ?? shadow.querySelector<HTMLElement>('.sm-close'))?.focus({ preventScroll: true });
    }, 0);
  }
  return { close, isOpen: () => open && host.isConnected };
}

/**
 * A fresh task: what follows runs apart from the chunk evaluation (or the decision) that led
 * here. `scheduler.yield()` where the browser has it: its continuation keeps its place ahead of
 * the page's own tasks, where a timer's queues behind them (on a page still loading, many).
 */
export function nextTask(): Promise<void> {
  return (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The start of the next animation frame; in a hidden tab, which has no frames, a timer instead,
 * so that a decision never waits for the visitor to come back (the instance's calls queue behind it).
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') return void setTimeout(resolve, 0);
    const timer = setTimeout(() => {
      cancelAnimationFrame(frame);
      resolve();
    }, FRAME_FALLBACK_MS);
    const frame = requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** How long to wait for an animation frame before showing without one. */
const FRAME_FALLBACK_MS = 250;

/**
 * Stops the page behind a modal from scrolling, and puts back exactly what was there on close:
 * the inline values we touch, nothing else. `scrollbar-gutter: stable` keeps the space of a
 * vanished scrollbar, so the page does not shift sideways.
 */
function lockScroll(doc: Document): () => void {
  const root = doc.documentElement;
  const style = root.style;
  const hadStyleAttribute = root.hasAttribute('style');
  const previous = { overflow: style.overflow, gutter: style.getPropertyValue('scrollbar-gutter'), priority: style.getPropertyPriority('overflow') };
  // Overlay scrollbars (phones, macOS, headless) take no space; only a classic one leaves a gap.
  const hadScrollbar = (doc.defaultView?.innerWidth ?? 0) > doc.documentElement.clientWidth;
  style.setProperty('overflow', 'hidden', 'important');
  if (hadScrollbar) style.setProperty('scrollbar-gutter', 'stable');
  return () => {
    style.setProperty('overflow', previous.overflow, previous.priority);
    if (!previous.overflow) style.removeProperty('overflow');
    if (previous.gutter) style.setProperty('scrollbar-gutter', previous.gutter);
    else style.removeProperty('scrollbar-gutter');
    if (!hadStyleAttribute && !style.length) root.removeAttribute('style');
  };
}

/** Keeps Tab and Shift+Tab cycling inside the dialog, across the shadow boundary. */
function trapFocus(event: KeyboardEvent, shadow: ShadowRoot): void {
  const focusable = Array.from(shadow.querySelectorAll<HTMLElement>(FOCUSABLE));
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = shadow.activeElement;
  const inside = active !== null && focusable.includes(active as HTMLElement);
  if (event.shiftKey && (active === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}

function restoreFocus(previous: HTMLElement | null, doc: Document): void {
  if (previous && previous.isConnected && typeof previous.focus === 'function') previous.focus();
  else (doc.activeElement as HTMLElement | null)?.blur?.();
}
