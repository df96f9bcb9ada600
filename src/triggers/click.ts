import type { ArmTrigger } from './trigger';

/** Armed click triggers: one selector and one `fire` each, all served by a single listener. */
const armed = new Set<{ selector: string; fire: () => void }>();

/**
 * Fires when the visitor clicks an element matching `selector`, or inside one: one delegated,
 * passive, capturing listener on `document` serves every click campaign, so elements added
 * later match and a host's `stopPropagation()` cannot hide the click. Only trusted clicks count
 * (a script's `element.click()` is not a visitor's), and the click's default action (following
 * the link, submitting the form) is left alone: passive, nothing is prevented.
 */
export const armClickTrigger: ArmTrigger<{ on: 'click'; selector: string }> = ({ selector }, _context, fire) => {
  const entry = { selector, fire };
  if (!armed.size) document.addEventListener('click', onClick, { capture: true, passive: true });
  armed.add(entry);
  return () => {
    if (armed.delete(entry) && !armed.size) document.removeEventListener('click', onClick, true);
  };
};

function onClick(event: Event): void {
  if (!event.isTrusted) return;
  const target = event.target as Node | null;
  const element = target && (target.nodeType === 1 ? (target as Element) : target.parentElement);
  if (!element) return;
  for (const { selector, fire } of [...armed]) {
    if (matches(element, selector)) fire();
  }
}

/** Selectors are checked at load (lib/css-selector.ts); one this browser still refuses matches nothing. */
function matches(element: Element, selector: string): boolean {
  try {
    return element.closest(selector) !== null;
  } catch {
    return false;
  }
}
