import type { ComponentChildren } from 'preact';
import type { PopupView } from './view';
import { themeStyle } from './Popup';

interface TeaserTabProps {
  view: PopupView;
  onOpen: () => void;
  onClose: () => void;
  text: (text: string) => ComponentChildren;
}

/**
 * The minimised popup: a button with the teaser text that opens it again, and its own close
 * button. Both are real buttons in the page's tab order, named by their text; only a visitor's
 * (trusted) click or key press counts.
 */
export function TeaserTab({ view, onOpen, onClose, text }: TeaserTabProps) {
  const trusted = (act: () => void) => (event: MouseEvent) => {
    if (event.isTrusted) act();
  };
  return (
    <div class={`sm-frame sm-tab sm-at-${view.teaser?.position ?? 'bottom-left'} sm-scheme-${view.theme?.scheme ?? 'auto'}`} style={themeStyle(view)}>
      <div class="sm-teaser" lang={view.locale} dir={view.dir}>
        <button type="button" class="sm-teaser-open" data-segmint-teaser={view.campaign} aria-haspopup="dialog" onClick={trusted(onOpen)}>
          {text(view.fields.teaser ?? view.fields.title ?? view.dialogLabel)}
        </button>
        <button type="button" class="sm-teaser-close" aria-label={view.closeLabel} onClick={trusted(onClose)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>
  );
}
