import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Window as HappyWindow } from 'happy-dom';
import { watchNavigation } from './history';

let happy: HappyWindow;
let win: Window;
let pages: string[];
let errors: unknown[];

beforeEach(() => {
  vi.useFakeTimers();
  // A fresh window per test: the watcher patches `history`, which must not leak between tests.
  happy = new HappyWindow({ url: 'https://shop.example/products/tent' });
  win = happy as unknown as Window;
  pages = [];
  errors = [];
});

afterEach(async () => {
  vi.useRealTimers();
  await happy.happyDOM.close();
});

const watch = () => watchNavigation(win, (url) => void pages.push(url), (error) => void errors.push(error));

/** Moves the URL the way the browser does on back/forward, without our History wrappers. */
function traverseTo(url: string, events: ('popstate' | 'hashchange')[]) {
  Object.getPrototypeOf(win.history).replaceState.call(win.history, null, '', url);
  for (const type of events) happy.dispatchEvent(type === 'popstate' ? new happy.PopStateEvent(type) : new happy.HashChangeEvent(type));
}

describe('watchNavigation', () => {
  it('counts a pushState to a new path once the task is over, with the new URL', () => {
    watch();
    win.history.pushState({}, '', '/products/mat?color=red');
    expect(pages).toEqual([]);
    vi.runAllTimers();
    expect(pages).toEqual(['https://shop.example/products/mat?color=red']);
  });

  it('calls the original pushState and replaceState with the same arguments and this, returning their value', () => {
    const push = vi.fn(() => 'pushed');
    const replace = vi.fn(() => 'replaced');
    Object.assign(win.history, { pushState: push, replaceState: replace });
    watch();
    const state = { step: 1 };
    expect(win.history.pushState(state, '', '/a')).toBe('pushed');
    expect(win.history.replaceState(state, 'title')).toBe('replaced');
    expect(push.mock.calls[0]).toEqual([state, '', '/a']);
    expect(push.mock.contexts[0]).toBe(win.history);
    expect(replace.mock.calls[0]).toEqual([state, 'title']);
    expect(replace.mock.contexts[0]).toBe(win.history);
  });

  it('keeps the browser\'s own argument checks and errors, and counts nothing then', () => {
    watch();
    expect(() => (win.history.pushState as (state: unknown) => void)({})).toThrow(/2 arguments required/);
    expect(() => win.history.pushState({}, '', 'https://evil.example/x')).toThrow(/pushState/);
    vi.runAllTimers();
    expect(pages).toEqual([]);
  });

  it('does not count a replaceState or pushState that keeps the path (query, anchor)', () => {
    watch();
    win.history.replaceState({}, '', '/products/tent?variant=2');
    win.history.replaceState({ scroll: 100 }, '');
    win.history.pushState({}, '', '/products/tent?page=2');
    win.history.pushState({}, '', '#reviews');
    vi.runAllTimers();
    expect(pages).toEqual([]);
  });

  it('counts a replaceState that changes the path', () => {
    watch();
    win.history.replaceState({}, '', '/cart');
    vi.runAllTimers();
    expect(pages).toEqual(['https://shop.example/cart']);
  });

  it('coalesces the changes of one task into one page, the last one', () => {
    watch();
    win.history.pushState({}, '', '/cart');
    win.history.replaceState({}, '', '/checkout');
    win.history.pushState({}, '', '/checkout?step=1');
    vi.runAllTimers();
    expect(pages).toEqual(['https://shop.example/checkout?step=1']);
  });

  it('counts nothing when the changes of one task end on the path it started from', () => {
    watch();
    win.history.pushState({}, '', '/redirecting');
    win.history.replaceState({}, '', '/products/tent');
    vi.runAllTimers();
    expect(pages).toEqual([]);
  });

  it('counts back and forward (popstate) to another path', () => {
    watch();
    win.history.pushState({}, '', '/cart');
    vi.runAllTimers();
    win.history.back();
    vi.runAllTimers();
    expect(pages).toEqual(['https://shop.example/cart', 'https://shop.example/products/tent']);
  });

  it('counts one page when popstate and hashchange fire for the same navigation, even in separate tasks', () => {
    watch();
    traverseTo('/#/cart', ['popstate', 'hashchange']);
    vi.runAllTimers();
    traverseTo('/#/checkout', ['popstate']);
    vi.runAllTimers();
    happy.dispatchEvent(new happy.HashChangeEvent('hashchange'));
    vi.runAllTimers();
    expect(pages).toEqual(['https://shop.example/#/cart', 'https://shop.example/#/checkout']);
  });

  it('counts hash-router routes but not in-page anchors', () => {
    traverseTo('/', []);
    watch();
    traverseTo('/#reviews', ['hashchange']);
    vi.runAllTimers();
    traverseTo('/#/cart', ['hashchange']);
    vi.runAllTimers();
    traverseTo('/#!/account', ['hashchange']);
    vi.runAllTimers();
    expect(pages).toEqual(['https://shop.example/#/cart', 'https://shop.example/#!/account']);
  });

  it('reports a throwing onPage and keeps the host\'s navigation and later pages working', () => {
    const seen: string[] = [];
    watchNavigation(win, (url) => {
      seen.push(url);
      throw new Error('page failed');
    }, (error) => void errors.push(error));
    win.history.pushState({}, '', '/cart');
    vi.runAllTimers();
    win.history.pushState({}, '', '/checkout');
    vi.runAllTimers();
    expect(win.location.pathname).toBe('/checkout');
    expect(seen).toHaveLength(2);
    expect(errors).toHaveLength(2);
  });

  it('never listens to unload or beforeunload (they disable the back/forward cache)', () => {
    const listen = vi.spyOn(win, 'addEventListener');
    watch();
    expect(listen.mock.calls.map(([type]) => type).sort()).toEqual(['hashchange', 'popstate']);
  });
});

describe('watchNavigation: stop', () => {
  it('restores the History functions, stops listening and drops a pending page', () => {
    const prototype = Object.getPrototypeOf(win.history);
    const stop = watch();
    win.history.pushState({}, '', '/cart');
    stop();
    expect(Object.prototype.hasOwnProperty.call(win.history, 'pushState')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(win.history, 'replaceState')).toBe(false);
    expect(win.history.pushState).toBe(prototype.pushState);
    traverseTo('/checkout', ['popstate', 'hashchange']);
    win.history.pushState({}, '', '/account');
    vi.runAllTimers();
    expect(pages).toEqual([]);
  });

  it('puts back a wrapper that another script installed before us', () => {
    const theirs = vi.fn();
    win.history.pushState = theirs;
    watch()();
    expect(win.history.pushState).toBe(theirs);
  });

  it('leaves a wrapper installed after us in place, and ours passes through silently', () => {
    const stop = watch();
    const ours = win.history.pushState;
    const calls: unknown[][] = [];
    win.history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      calls.push(args);
      return ours.apply(this, args);
    };
    const theirs = win.history.pushState;
    stop();
    expect(win.history.pushState).toBe(theirs);
    win.history.pushState({}, '', '/cart');
    vi.runAllTimers();
    expect(calls).toHaveLength(1);
    expect(win.location.pathname).toBe('/cart');
    expect(pages).toEqual([]);
  });
});
