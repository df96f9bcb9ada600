import type { ArmTrigger } from './trigger';
import { listen } from './listen';
import { createFrameTask } from './frame-task';

/**
 * Fires once the visitor has scrolled to `percent` of the page: the bottom of the viewport is at
 * or below `percent` of the document's current height, `(scrollY + innerHeight) / scrollHeight`.
 * The height is read again at every check, so on a page that grows (infinite scroll, lazy
 * images) the point moves down with it; a resize or a change of the document's size checks again.
 *
 * Loading a page is not scrolling it: above 0 % the trigger needs the page scrolled away from
 * the top. A page whose first screen already shows half of it fires a 50 % trigger on the first
 * scroll, not on load, and a page too short to scroll never fires it — a marketer's "scrolled
 * halfway" means a visitor who kept reading, not every view of a short page. `percent: 0` fires
 * on the first frame after arming. Scroll positions are read at most once per animation frame.
 */
export const armScrollTrigger: ArmTrigger<{ on: 'scroll'; percent: number }> = ({ percent }, _context, fire) => {
  const root = document.documentElement;
  const check = createFrameTask(() => {
    const height = (document.scrollingElement ?? root).scrollHeight;
    const isReached = percent <= 0 || (scrollY > 0 && ((scrollY + innerHeight) / height) * 100 >= percent);
    if (isReached) {
      stop();
      fire();
    }
  });
  const removeListeners = listen(window, ['scroll', 'resize'], check.request);
  // The document growing or shrinking without a scroll: content appended, images loaded.
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(check.request) : undefined;
  observer?.observe(root);
  if (document.body) observer?.observe(document.body);
  // A position restored on reload, or kept across an SPA navigation, counts without a new scroll.
  check.request();
  function stop() {
    removeListeners();
    observer?.disconnect();
    check.cancel();
  }
  return stop;
};
