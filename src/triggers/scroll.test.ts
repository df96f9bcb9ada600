import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armScrollTrigger } from './scroll';
import type { TriggerContext } from './trigger';
import { setPageTimer } from './page-timers';

const context: TriggerContext = { onTrack: () => () => {}, sessionStartedAt: () => Date.now(), device: () => 'desktop', after: setPageTimer };
const FRAME = 16;
let height = 0;
let heightReads = 0;

function scrollToY(y: number): void {
  window.scrollTo(0, y);
  window.dispatchEvent(new Event('scroll'));
}

describe('scroll trigger', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    height = 768 * 4;
    heightReads = 0;
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => (heightReads++, height) });
  });
  afterEach(() => {
    delete (document.documentElement as { scrollHeight?: number }).scrollHeight;
    window.scrollTo(0, 0);
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('fires once the bottom of the viewport passes the percent of the page, not before', () => {
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 50 }, context, fire);
    vi.advanceTimersByTime(FRAME);
    scrollToY(700); // (700 + 768) / 3072 = 47.8 %
    vi.advanceTimersByTime(FRAME);
    expect(fire).not.toHaveBeenCalled();
    scrollToY(768); // exactly 50 %
    vi.advanceTimersByTime(FRAME);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('fires at most once per arming', () => {
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 30 }, context, fire);
    for (const y of [1000, 0, 2000, 2300]) {
      scrollToY(y);
      vi.advanceTimersByTime(FRAME);
    }
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('reads the page at most once per animation frame, however many scroll events arrive', () => {
    armScrollTrigger({ on: 'scroll', percent: 90 }, context, vi.fn());
    vi.advanceTimersByTime(FRAME);
    heightReads = 0;
    for (let y = 1; y <= 50; y++) scrollToY(y * 10);
    expect(heightReads).toBe(0);
    vi.advanceTimersByTime(FRAME);
    expect(heightReads).toBe(1);
  });

  it('measures against the current height, so the point moves down as the page grows', () => {
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 50 }, context, fire);
    height = 768 * 8; // infinite scroll appended content before the visitor got halfway
    scrollToY(768); // 50 % of the old page, 25 % of the new one
    vi.advanceTimersByTime(FRAME);
    expect(fire).not.toHaveBeenCalled();
    scrollToY(768 * 3);
    vi.advanceTimersByTime(FRAME);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('checks again when the document changes size without a scroll', () => {
    const observers: { callback: () => void; targets: Element[]; isConnected: boolean }[] = [];
    vi.stubGlobal('ResizeObserver', class {
      record: (typeof observers)[number];
      constructor(callback: () => void) {
        this.record = { callback, targets: [], isConnected: true };
        observers.push(this.record);
      }
      observe(target: Element) { this.record.targets.push(target); }
      disconnect() { this.record.isConnected = false; }
    });
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 50 }, context, fire);
    expect(observers[0].targets).toContain(document.documentElement);
    scrollToY(700);
    vi.advanceTimersByTime(FRAME);
    expect(fire).not.toHaveBeenCalled();
    height = 2000; // lazy content collapsed: (700 + 768) / 2000 = 73 %
    observers[0].callback();
    vi.advanceTimersByTime(FRAME);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(observers[0].isConnected).toBe(false);
  });

  it('checks again when the viewport is resized', () => {
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 50 }, context, fire);
    scrollToY(700);
    vi.advanceTimersByTime(FRAME);
    height = 2000;
    window.dispatchEvent(new Event('resize'));
    vi.advanceTimersByTime(FRAME);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('does not count a page view as scrolling: a page shorter than the viewport never fires above 0 %', () => {
    height = 500;
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 10 }, context, fire);
    window.dispatchEvent(new Event('resize'));
    vi.advanceTimersByTime(10_000);
    expect(fire).not.toHaveBeenCalled();
  });

  it('fires a trigger whose first screen already passes the percent on the first scroll, not on load', () => {
    height = 1200; // the first screen shows 64 %
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 50 }, context, fire);
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
    scrollToY(1);
    vi.advanceTimersByTime(FRAME);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('fires percent 0 on the first frame after arming, not inside it, even on a short page', () => {
    height = 500;
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 0 }, context, fire);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(FRAME);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('counts a position the page already has when armed (restored on reload, kept by an SPA)', () => {
    window.scrollTo(0, 2000);
    const fire = vi.fn();
    armScrollTrigger({ on: 'scroll', percent: 50 }, context, fire);
    vi.advanceTimersByTime(FRAME);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('never fires after stop, and stop removes its listeners and observer', () => {
    const disconnect = vi.fn();
    vi.stubGlobal('ResizeObserver', class { observe() {} disconnect = disconnect; });
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const fire = vi.fn();
    const stop = armScrollTrigger({ on: 'scroll', percent: 50 }, context, fire);
    scrollToY(2000); // a frame is pending when the trigger stops
    stop();
    vi.advanceTimersByTime(1000);
    scrollToY(3000);
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
    expect(disconnect).toHaveBeenCalled();
    expect(added).toHaveBeenCalled();
    for (const [type, handler] of added.mock.calls) expect(removed).toHaveBeenCalledWith(type, handler, false);
  });

  it('adds passive listeners only', () => {
    const added = vi.spyOn(window, 'addEventListener');
    armScrollTrigger({ on: 'scroll', percent: 50 }, context, vi.fn())();
    expect(added.mock.calls.length).toBeGreaterThan(0);
    for (const [, , options] of added.mock.calls) expect(options).toMatchObject({ passive: true });
  });
});
