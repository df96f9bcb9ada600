import type { ArmTrigger } from './trigger';
import { listen } from './listen';
import { waitUntil } from './wait-until';

const INPUTS = ['pointermove', 'pointerdown', 'keydown', 'scroll', 'touchstart', 'wheel'];

/**
 * Fires once after `seconds` without input: pointer moves and presses, keys, scrolling (of any
 * element), touches and the wheel all start the count again. Input only records its time; one
 * timer checks it when due, so a moving mouse costs no timer churn. A hidden tab is not an idle
 * visitor but an absent one: the count does not run out while the page is hidden, and coming
 * back starts it again.
 */
export const armIdleTrigger: ArmTrigger<{ on: 'idle'; seconds: number }> = ({ seconds }, _context, fire) => {
  let lastInput = Date.now();
  const markInput = () => (lastInput = Date.now());
  // Capture phase: a page that stops propagation of its own events still counts as input.
  const removeInputs = listen(window, INPUTS, markInput, true);
  const removeVisibility = listen(document, ['visibilitychange'], markInput);
  const cancelWait = waitUntil(() => (document.hidden ? Date.now() : lastInput) + seconds * 1000, () => {
    stop();
    fire();
  });
  function stop() {
    removeInputs();
    removeVisibility();
    cancelWait();
  }
  return stop;
};
