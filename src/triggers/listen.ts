/**
 * Adds one passive listener per event type; returns the function that removes them all. Passive,
 * so that the browser never waits for segmint before scrolling.
 */
export function listen(target: EventTarget, types: string[], handler: (event: Event) => void, capture = false): () => void {
  for (const type of types) target.addEventListener(type, handler, { passive: true, capture });
  return () => types.forEach((type) => target.removeEventListener(type, handler, capture));
}
