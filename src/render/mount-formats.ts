import { h } from 'preact';
import type { PopupCallbacks, PopupHandle, PopupView, TeaserCallbacks } from './view';
import { Popup } from './Popup';
import { Question } from './Question';
import { drawCountdownText } from './Countdown';
import { mountDialog } from './mount';
import { mountTeaser as mountTab } from './mount-teaser';
import css from './popup.css?inline';
import formatsCss from './formats.css?inline';

/*
 * The formats chunk, loaded instead of the plain popup's for a campaign with a teaser, a
 * countdown or a question: the same popup with those in it, and the teaser tab. A campaign
 * without them never downloads this.
 */

const STYLES = css + formatsCss;

/** Mounts the popup with its countdown ticking in the copy and its question's options after the body. */
export function mountPopup(view: PopupView, callbacks: PopupCallbacks): Promise<PopupHandle | null> {
  const expire = () => callbacks.onExpire?.();
  return mountDialog(view, callbacks, (dismiss) => h(Popup, {
    view,
    onDismiss: dismiss,
    onCta: callbacks.onCta,
    text: drawCountdownText(view, expire),
    extra: view.options && h(Question, { view, onAnswer: (value) => callbacks.onAnswer?.(value) }),
  }), STYLES);
}

/** Mounts the teaser tab the popup minimises to. */
export function mountTeaser(view: PopupView, callbacks: TeaserCallbacks, focus: boolean): Promise<PopupHandle | null> {
  return mountTab(view, callbacks, focus, STYLES, drawCountdownText(view, () => callbacks.onExpire?.()));
}
