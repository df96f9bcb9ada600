import { h, render } from 'preact';
import { InlineRegion } from './InlineRegion';
import { ErrorBoundary } from './ErrorBoundary';
import type { PopupCallbacks, PopupView } from './view';
import css from './inline.css?inline';
import { createSheet, supportsAdoptedStyleSheets } from './constructed-sheet';
import { nextFrame, nextTask } from './mount';

/** What an inline placement reports back: the popup's callbacks, and when it has been seen. */
export interface InlineCallbacks extends PopupCallbacks {
  /** At least half of the placement has been in the viewport (once). */
  onSeen(): void;
}

/** A filled slot. */
export interface InlineHandle {
  /** Starts watching for the impression (half in view). */
  watch(): void;
  /** Stops watching, leaving the DOM to whatever replaced this placement. */
  release(): void;
  /** Shows the slot's own children again, exactly as the host wrote them; safe to call twice. */
  restore(): void;
}

/** Slot elements this module attached a shadow root to: filled again in place, never attached twice. */
const shadows = new WeakMap<Element, ShadowRoot>();
let sheet: CSSStyleSheet | undefined;

/**
 * Renders a campaign into the host's slot element, inside an open shadow root on that element,
 * so host CSS cannot break it and its CSS cannot leak. The slot's children stay in the light DOM,
 * untouched: hidden while the shadow root shows the placement, shown again by `restore()`, which
 * renders a `<slot>` for them (a shadow root cannot be taken off again). The host reserves the
 * space (`min-height`), and the swap happens at the start of one animation frame, so nothing on
 * the page moves. Null, showing nothing, where the browser cannot isolate it, when the element
 * already has a shadow root of the host's, or when `isCurrent` says the page moved on meanwhile.
 */
export async function mountInline(element: Element, view: PopupView, callbacks: InlineCallbacks, isCurrent: () => boolean): Promise<InlineHandle | null> {
  if (typeof element.attachShadow !== 'function' || !supportsAdoptedStyleSheets()) return null;
  await nextTask();
  sheet ??= createSheet(css);
  await nextFrame();
  if (!isCurrent() || !element.isConnected) return null;
  const shadow = openShadow(element);
  if (!shadow) return null;
  let observer: IntersectionObserver | undefined;
  let isShown = true;
  const release = () => {
    isShown = false;
    observer?.disconnect();
  };
  const restore = () => {
    if (!isShown) return;
    release();
    render(h('slot', null), shadow);
    shadow.adoptedStyleSheets = [];
  };
  const fail = (error: unknown) => {
    restore();
    callbacks.onError(error);
  };
  shadow.adoptedStyleSheets = [sheet];
  try {
    render(h(ErrorBoundary, { onError: fail }, h(InlineRegion, { view, onDismiss: callbacks.onDismiss, onCta: callbacks.onCta })), shadow);
  } catch (error) {
    fail(error);
    return null;
  }
  if (!isShown) return null;
  const watch = () => {
    const region = shadow.querySelector('[role="region"]');
    if (!isShown || !region) return;
    if (typeof IntersectionObserver !== 'function') return void callbacks.onSeen();
    // "Seen" is half of it in the viewport at once (the IAB's viewable display impression).
    observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting && entry.intersectionRatio >= SEEN_RATIO)) return;
      observer?.disconnect();
      if (isShown) callbacks.onSeen();
    }, { threshold: SEEN_RATIO });
    observer.observe(region);
  };
  return { watch, release, restore };
}

/** The share of a placement that must be in view for its impression. */
const SEEN_RATIO = 0.5;

function openShadow(element: Element): ShadowRoot | null {
  const existing = shadows.get(element);
  if (existing) return existing;
  // The host's own web component: its shadow root is not ours to fill.
  if (element.shadowRoot) return null;
  try {
    const shadow = element.attachShadow({ mode: 'open' });
    shadows.set(element, shadow);
    return shadow;
  } catch {
    // Elements that cannot host a shadow root (`<img>`, `<a>`, a custom element that refuses).
    return null;
  }
}
