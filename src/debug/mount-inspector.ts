import { h, render } from 'preact';
import { Inspector } from './Inspector';
import type { InspectorSource } from './inspector-source';
import { createSheet, supportsAdoptedStyleSheets } from '../render/constructed-sheet';
import css from './inspector.css?inline';

/**
 * Mounts the inspector panel in an open shadow root on `<segmint-inspector>`, styled through a
 * constructed stylesheet like the popup. Returns the function that removes it; where the browser
 * cannot isolate it, shows nothing.
 */
export function mountInspector(source: InspectorSource): () => void {
  const doc = document;
  if (!doc.body || typeof doc.body.attachShadow !== 'function' || !supportsAdoptedStyleSheets()) return () => {};
  doc.querySelector('segmint-inspector')?.remove();
  const host = doc.createElement('segmint-inspector');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [createSheet(css)];
  let mounted = true;
  const unmount = () => {
    if (!mounted) return;
    mounted = false;
    render(null, shadow);
    host.remove();
  };
  doc.body.appendChild(host);
  render(h(Inspector, { source, onClose: unmount }), shadow);
  return unmount;
}
