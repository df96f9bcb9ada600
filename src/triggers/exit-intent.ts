import type { ArmTrigger } from './trigger';
import { listen } from './listen';
import { createFrameTask } from './frame-task';

/**
 * The exit-intent heuristic's numbers, in one place (the README quotes them).
 *
 * - Desktop (a `desktop` device with a fine pointer): the pointer leaves the document through the
 *   top edge, towards the tabs, the address bar or the close button — a `mouseout` with no
 *   `relatedTarget` at `clientY <= topEdgePx`. Leaving through the sides or the bottom is not
 *   an exit.
 * - Touch (`mobile` or `tablet`, or no fine pointer), where there is no pointer to follow: after
 *   the visitor has scrolled down at least `minDepthViewports` of a viewport height, a fast
 *   upward scroll — at least `upwardPx` CSS pixels up within `upwardMs` milliseconds, sampled
 *   once per animation frame — the flick a visitor makes to bring back the address bar or go
 *   back. The tab becoming hidden is not used: by then it is too late to show anything.
 * - Neither counts during the first `armDelayMs` after arming (each page view, SPA navigations
 *   included), so that loading a page, or a scroll position restored on load, is not an exit.
 */
export const EXIT_INTENT = {
  armDelayMs: 3000,
  topEdgePx: 0,
  minDepthViewports: 0.5,
  upwardPx: 250,
  upwardMs: 250,
} as const;

/** Fires once when the visitor seems about to leave; see `EXIT_INTENT` for the heuristic. */
export const armExitIntentTrigger: ArmTrigger<{ on: 'exit-intent' }> = (_trigger, context, fire) => {
  const armedAt = Date.now();
  const isArmed = () => Date.now() - armedAt >= EXIT_INTENT.armDelayMs;
  const finish = () => {
    if (!isArmed()) return;
    stop();
    fire();
  };
  const hasFinePointer = window.matchMedia?.('(pointer: fine)')?.matches ?? true;
  const stop = context.device() === 'desktop' && hasFinePointer
    ? listen(document, ['mouseout'], (event) => {
      const { relatedTarget, clientY } = event as MouseEvent;
      if (!relatedTarget && clientY <= EXIT_INTENT.topEdgePx) finish();
    })
    : watchFastScrollUp(finish);
  return stop;
};

/** Calls `onFlick` on each frame that ends a fast upward scroll after a scroll down. */
function watchFastScrollUp(onFlick: () => void): () => void {
  let deepest = scrollY;
  // Positions of the last `upwardMs`, oldest first: a few frames.
  let samples: { y: number; at: number }[] = [];
  const sample = createFrameTask((at) => {
    const y = scrollY;
    deepest = Math.max(deepest, y);
    samples.push({ y, at });
    // The window keeps one sample from before it: where the visitor rested until this scroll began.
    const start = samples.findIndex((s) => at - s.at <= EXIT_INTENT.upwardMs);
    samples = samples.slice(Math.max(0, start - 1));
    const highest = Math.max(...samples.map((s) => s.y));
    if (deepest >= EXIT_INTENT.minDepthViewports * innerHeight && highest - y >= EXIT_INTENT.upwardPx) onFlick();
  });
  const removeListener = listen(window, ['scroll'], sample.request);
  sample.request();
  return () => {
    removeListener();
    sample.cancel();
  };
}
