/** True where shadow roots can adopt constructed stylesheets: the only styling strict CSP allows us. */
export function supportsAdoptedStyleSheets(): boolean {
  try {
    return 'adoptedStyleSheets' in ShadowRoot.prototype && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
  } catch {
    return false;
  }
}

/** A constructed stylesheet with the given rules: no `<style>` element, so no `style-src` needed. */
export function createSheet(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}
