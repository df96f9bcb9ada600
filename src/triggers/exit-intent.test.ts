import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armExitIntentTrigger, EXIT_INTENT } from './exit-intent';
import type { TriggerContext } from './trigger';
import { setPageTimer } from './page-timers';

const FRAME = 16;
const contextFor = (device: 'mobile' | 'tablet' | 'desktop'): TriggerContext => ({ onTrack: () => () => {}, sessionStartedAt: () => Date.now(), device: () => device, after: setPageTimer });
const arm = (device: 'mobile' | 'tablet' | 'desktop' = 'desktop') => {
  const fire = vi.fn();
  const stop = armExitIntentTrigger({ on: 'exit-intent' }, contextFor(device), fire);
  return { fire, stop };
};

/** The pointer leaving the element under it for `relatedTarget` (null: out of the document). */
function pointerOut(clientX: number, clientY: number, relatedTarget: EventTarget | null = null): void {
  document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientX, clientY, relatedTarget }));
}

/** Scrolls to each position in turn, one animation frame apart. */
function scrollFrames(positions: number[]): void {
  for (const y of positions) {
    window.scrollTo(0, y);
    window.dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(FRAME);
  }
}

/** Positions of a steady scroll from `from` to `to` at `pxPerFrame`. */
function steadyScroll(from: number, to: number, pxPerFrame: number): number[] {
  const step = Math.sign(to - from) * pxPerFrame;
  const positions: number[] = [];
  for (let y = from + step; step > 0 ? y < to : y > to; y += step) positions.push(y);
  return [...positions, to];
}

describe('exit-intent trigger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    window.scrollTo(0, 0);
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  describe('on desktop', () => {
    it('fires when the pointer leaves through the top edge after the arming delay', () => {
      const { fire } = arm();
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      pointerOut(400, -1);
      expect(fire).toHaveBeenCalledTimes(1);
    });

    it('ignores an exit during the arming delay: loading a page is not leaving it', () => {
      const { fire } = arm();
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs - 100);
      pointerOut(400, -1);
      expect(fire).not.toHaveBeenCalled();
      vi.advanceTimersByTime(100);
      pointerOut(400, 0);
      expect(fire).toHaveBeenCalledTimes(1);
    });

    it('ignores leaving through the sides or the bottom, and moving between elements at the top', () => {
      const { fire } = arm();
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      pointerOut(-1, 300); // left edge
      pointerOut(innerWidth + 1, 300); // right edge
      pointerOut(400, innerHeight + 1); // bottom edge
      pointerOut(400, 0, document.documentElement); // still inside the page
      expect(fire).not.toHaveBeenCalled();
    });

    it('fires at most once per arming', () => {
      const { fire } = arm();
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      pointerOut(400, -1);
      pointerOut(400, -5);
      expect(fire).toHaveBeenCalledTimes(1);
    });

    it('never fires after stop, which removes its listener', () => {
      const removed = vi.spyOn(document, 'removeEventListener');
      const { fire, stop } = arm();
      stop();
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      pointerOut(400, -1);
      expect(fire).not.toHaveBeenCalled();
      expect(removed).toHaveBeenCalledWith('mouseout', expect.any(Function), false);
    });

    it('does not treat a fast scroll up as an exit', () => {
      const { fire } = arm();
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      scrollFrames([1000, 2000, 1500, 1000, 500]);
      expect(fire).not.toHaveBeenCalled();
    });
  });

  describe('on touch devices', () => {
    it('fires on a fast upward scroll after the visitor scrolled down', () => {
      const { fire } = arm('mobile');
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      scrollFrames(steadyScroll(0, 1200, 20));
      expect(fire).not.toHaveBeenCalled();
      scrollFrames([1120, 1030, 940]); // 260 px up in three frames
      expect(fire).toHaveBeenCalledTimes(1);
      scrollFrames([700, 400, 100]);
      expect(fire).toHaveBeenCalledTimes(1);
    });

    it('counts from where the visitor rested before the flick began', () => {
      const { fire } = arm('tablet');
      scrollFrames([800, 1600]);
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      scrollFrames([1470, 1340]); // 260 px up in two frames, from a position held for seconds
      expect(fire).toHaveBeenCalledTimes(1);
    });

    it('ignores a slow upward scroll, however far', () => {
      const { fire } = arm('mobile');
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      scrollFrames([3000]);
      scrollFrames(steadyScroll(3000, 0, 15)); // 15 px per frame: about 235 px per 250 ms
      expect(fire).not.toHaveBeenCalled();
    });

    it('ignores a fast upward scroll that does not go far enough', () => {
      const { fire } = arm('mobile');
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      scrollFrames([2000]);
      vi.advanceTimersByTime(1000);
      scrollFrames([1900, 1800]); // fast, but 200 px, then a stop
      vi.advanceTimersByTime(1000);
      scrollFrames([1700]);
      expect(fire).not.toHaveBeenCalled();
    });

    it('needs the visitor to have scrolled down half a viewport first', () => {
      const depth = EXIT_INTENT.minDepthViewports * innerHeight;
      // The page kept a position just short of that depth (e.g. an SPA navigation): the flick
      // from there goes far and fast enough, but the visitor never scrolled down this far.
      window.scrollTo(0, depth - 1);
      const { fire } = arm('mobile');
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      expect(depth - 1).toBeGreaterThanOrEqual(EXIT_INTENT.upwardPx);
      scrollFrames([depth - 150, 0]);
      expect(fire).not.toHaveBeenCalled();
    });

    it('ignores a flick during the arming delay', () => {
      const { fire } = arm('mobile');
      scrollFrames([1500, 1000, 500]);
      expect(fire).not.toHaveBeenCalled();
    });

    it('ignores the pointer leaving through the top: there is no pointer to follow', () => {
      const { fire } = arm('mobile');
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      pointerOut(100, -1);
      expect(fire).not.toHaveBeenCalled();
    });

    it('uses the touch heuristic on a desktop-class device without a fine pointer', () => {
      vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === '(pointer: coarse)' }));
      const { fire } = arm('desktop');
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      pointerOut(400, -1);
      expect(fire).not.toHaveBeenCalled();
      scrollFrames([2000, 1700]);
      expect(fire).toHaveBeenCalledTimes(1);
    });

    it('never fires after stop, which removes its listener and pending frame', () => {
      const removed = vi.spyOn(window, 'removeEventListener');
      const { fire, stop } = arm('mobile');
      vi.advanceTimersByTime(EXIT_INTENT.armDelayMs);
      scrollFrames([2000]);
      window.scrollTo(0, 1000);
      window.dispatchEvent(new Event('scroll')); // a frame is pending when the trigger stops
      stop();
      scrollFrames([2000, 500]);
      expect(fire).not.toHaveBeenCalled();
      expect(removed).toHaveBeenCalledWith('scroll', expect.any(Function), false);
    });
  });
});
