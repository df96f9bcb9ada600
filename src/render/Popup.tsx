import { Component, type ComponentChildren } from 'preact';
import type { PopupView, ProductCard } from './view';
import { isThemeValue } from '../lib/theme-value';

interface PopupProps {
  view: PopupView;
  onDismiss: () => void;
  onCta: () => void;
  /** Draws a text of the copy; the formats renderer puts a ticking countdown in it. Default: as it is. */
  text?: (text: string) => ComponentChildren;
  /** Drawn after the body: a question's options. */
  extra?: ComponentChildren;
}

/**
 * The popup itself. Every text is a string child, so Preact renders it as text, never as HTML.
 * A class rather than hooks: the one bit of state does not justify shipping preact/hooks.
 */
export class Popup extends Component<PopupProps, { copied: boolean }> {
  state = { copied: false };

  render() {
    return renderPopup(this.props, this.state.copied, () => this.setState({ copied: true }));
  }
}

function renderPopup({ view, onDismiss, onCta, text = (t) => t, extra }: PopupProps, copied: boolean, setCopied: () => void) {
  const { fields, layout, cta } = view;
  const isModal = layout.type === 'modal' || layout.type === 'sheet';
  // Only corner and edge layouts are placed by position; a modal is centered, a sheet at the bottom.
  const position = layout.type === 'bar' ? layout.position ?? 'bottom' : layout.type === 'slide-in' ? layout.position ?? 'bottom-right' : 'center';
  const hasTitle = !!fields.title;
  // A script's synthetic click is not a visitor's: it records no click and no conversion.
  const act = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    if (cta.action === 'copy-coupon' && view.coupon) {
      copyText(view.coupon);
      setCopied();
    }
    onCta();
  };
  return (
    <div class={`sm-frame sm-${layout.type} sm-at-${position} sm-scheme-${view.theme?.scheme ?? 'auto'}`} style={themeStyle(view)}>
      {isModal && <div class="sm-backdrop" onClick={onDismiss} />}
      <div
        class="sm-dialog"
        role="dialog"
        aria-modal={isModal ? 'true' : undefined}
        aria-labelledby={hasTitle ? 'sm-title' : undefined}
        aria-label={hasTitle ? undefined : view.dialogLabel}
        aria-describedby={fields.body ? 'sm-body' : undefined}
        data-campaign={view.campaign}
        data-variant={view.variant}
        lang={view.locale}
        dir={view.dir}
      >
        <button type="button" class="sm-close" aria-label={view.closeLabel} onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
        {hasTitle && <h2 id="sm-title" class="sm-title">{text(fields.title!)}</h2>}
        {fields.body && <p id="sm-body" class="sm-body">{text(fields.body)}</p>}
        {extra}
        {view.products.length > 0 && <ul class="sm-products">{view.products.map((product) => <Product key={product.id} product={product} />)}</ul>}
        {view.coupon && (
          <p class="sm-coupon">
            <code>{view.coupon}</code>
            <span class="sm-copied" role="status">{copied ? view.copiedLabel : ''}</span>
          </p>
        )}
        {(fields.cta || fields.dismiss) && (
          <div class="sm-actions">
            {fields.cta && (cta.action === 'link'
              ? <a class="sm-cta" href={cta.url} onClick={act}>{text(fields.cta)}</a>
              : <button type="button" class="sm-cta" onClick={act}>{text(fields.cta)}</button>)}
            {fields.dismiss && <button type="button" class="sm-secondary" onClick={onDismiss}>{fields.dismiss}</button>}
          </div>
        )}
      </div>
    </div>
  );
}

/** A product card; the image's box is sized before it loads, so nothing moves when it arrives. */
export function Product({ product }: { product: ProductCard }) {
  const content = (
    <>
      {product.image && <img class="sm-image" src={product.image} alt="" width={64} height={64} loading="lazy" decoding="async" />}
      <span class="sm-name">{product.name}</span>
      {product.price && <span class="sm-price">{product.price}</span>}
    </>
  );
  return <li class="sm-product">{product.url ? <a class="sm-product-row" href={product.url}>{content}</a> : <span class="sm-product-row">{content}</span>}</li>;
}

export function copyText(text: string): void {
  navigator.clipboard?.writeText(text).catch(() => {
    // Clipboard refused (permissions, insecure context): the code stays on screen to copy by hand.
  });
}

/** Theme values become custom properties, set through the CSSOM (allowed under `style-src 'self'`). */
export function themeStyle({ theme }: PopupView): Record<string, string> {
  const style: Record<string, string> = {};
  if (!theme) return style;
  // Checked again here, not only at load: a theme value must never be able to fetch anything.
  if (isThemeValue('colour', theme.accent)) style['--sm-accent'] = theme.accent;
  if (typeof theme.radius === 'number' && Number.isFinite(theme.radius)) style['--sm-radius'] = `${theme.radius}px`;
  if (isThemeValue('font', theme.font)) style['--sm-font'] = theme.font;
  if (isThemeValue('colour', theme.text)) style['--sm-text'] = theme.text;
  if (isThemeValue('colour', theme.background)) style['--sm-bg'] = theme.background;
  return style;
}
