/** The attribute that makes a host element a slot: `<div data-segmint-slot="pdp-below-price">`. */
export const SLOT_ATTRIBUTE = 'data-segmint-slot';

/**
 * Calls `onSlots` with the slot elements on the page now, then with those added later (or given
 * the attribute later), each element once. One MutationObserver on the document does the
 * watching, and its callback only notes that an element was added: the page is looked through
 * (one `querySelectorAll`) at most once per task after that, however busy the host's DOM is.
 * Returns the stop function, which disconnects it.
 */
export function watchSlots(doc: Document, onSlots: (elements: Element[]) => void): () => void {
  const seen = new WeakSet<Element>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const scan = () => {
    timer = undefined;
    const found = Array.from(doc.querySelectorAll(`[${SLOT_ATTRIBUTE}]`)).filter((element) => !seen.has(element));
    for (const element of found) seen.add(element);
    if (found.length) onSlots(found);
  };
  const observer = typeof MutationObserver === 'function'
    ? new MutationObserver((records) => {
      if (timer === undefined && records.some(isAddition)) timer = setTimeout(scan, 0);
    })
    : undefined;
  observer?.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [SLOT_ATTRIBUTE] });
  scan();
  return () => {
    observer?.disconnect();
    clearTimeout(timer);
  };
}

function isAddition(record: MutationRecord): boolean {
  if (record.type === 'attributes') return true;
  for (const node of Array.from(record.addedNodes)) if (node.nodeType === 1) return true;
  return false;
}
