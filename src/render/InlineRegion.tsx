import { Component } from 'preact';
import type { PopupView } from './view';
import { Product, copyText, themeStyle } from './Popup';

interface InlineRegionProps {
  view: PopupView;
  onDismiss: () => void;
  onCta: () => void;
}

/**
 * An inline placement: a region of the page named by its title, in the page flow, with no focus
 * trap, backdrop or Escape (it interrupts nothing). Every text is a string child, rendered as text.
 */
export class InlineRegion extends Component<InlineRegionProps, { copied: boolean }> {
  state = { copied: false };

  render() {
    const { view, onDismiss, onCta } = this.props;
    const { fields, cta } = view;
    const hasTitle = !!fields.title;
    // A script's synthetic click is not a visitor's: it records no click and no conversion.
    const act = (event: MouseEvent) => {
      if (!event.isTrusted) return;
      if (cta.action === 'copy-coupon' && view.coupon) {
        copyText(view.coupon);
        this.setState({ copied: true });
      }
      onCta();
    };
    return (
      <section
        class={`sm-region sm-scheme-${view.theme?.scheme ?? 'auto'}`}
        style={themeStyle(view)}
        role="region"
        aria-labelledby={hasTitle ? 'sm-title' : undefined}
        aria-label={hasTitle ? undefined : view.dialogLabel}
        data-campaign={view.campaign}
        data-variant={view.variant}
        lang={view.locale}
        dir={view.dir}
      >
        {hasTitle && <h2 id="sm-title" class="sm-title">{fields.title}</h2>}
        {fields.body && <p class="sm-body">{fields.body}</p>}
        {view.products.length > 0 && <ul class="sm-products">{view.products.map((product) => <Product key={product.id} product={product} />)}</ul>}
        {view.coupon && (
          <p class="sm-coupon">
            <code>{view.coupon}</code>
            <span class="sm-copied" role="status">{this.state.copied ? view.copiedLabel : ''}</span>
          </p>
        )}
        {(fields.cta || fields.dismiss) && (
          <div class="sm-actions">
            {fields.cta && (cta.action === 'link'
              ? <a class="sm-cta" href={cta.url} onClick={act}>{fields.cta}</a>
              : <button type="button" class="sm-cta" onClick={act}>{fields.cta}</button>)}
            {fields.dismiss && <button type="button" class="sm-secondary" onClick={onDismiss}>{fields.dismiss}</button>}
          </div>
        )}
      </section>
    );
  }
}
