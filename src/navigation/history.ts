type HistoryMethod = 'pushState' | 'replaceState';

/**
 * Calls `onPage` with the new URL once per single-page-app navigation (RELIABILITY §39): a
 * History API call or a back/forward that changes the path, or a hash router's route. Returns
 * the function that stops watching. Failures in `onPage` go to `onError`, never to the host.
 */
export function watchNavigation(win: Window, onPage: (url: string) => void, onError?: (error: unknown) => void): () => void {
  const report = (error: unknown) => {
    try {
      onError?.(error);
    } catch {
      // Nothing left to do safely.
    }
  };
  let lastPage = readPageKey(win.location);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const check = () => {
    timer = undefined;
    const page = readPageKey(win.location);
    if (page === lastPage) return;
    lastPage = page;
    try {
      onPage(win.location.href);
    } catch (error) {
      report(error);
    }
  };
  // One navigation is often several changes: routers call pushState then replaceState, and going
  // back across hash entries fires popstate then hashchange. So nothing is counted per call or
  // event: once the current task is over, the page is compared with the last one counted.
  const schedule = () => {
    try {
      if (!stopped && timer === undefined) timer = setTimeout(check, 0);
    } catch (error) {
      report(error);
    }
  };

  const restores: (() => void)[] = [];
  for (const name of ['pushState', 'replaceState'] as const) {
    try {
      restores.push(wrapHistoryMethod(win.history, name, schedule));
    } catch (error) {
      // A frozen `history`: back/forward and hash routes are still seen below.
      report(error);
    }
  }
  // No `unload` listener anywhere: it would keep the page out of the back/forward cache (§40).
  win.addEventListener('popstate', schedule);
  win.addEventListener('hashchange', schedule);

  return () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    win.removeEventListener('popstate', schedule);
    win.removeEventListener('hashchange', schedule);
    restores.forEach((restore) => restore());
  };
}

/**
 * What makes a new page: the path, plus the hash when it is a hash router's route (`#/cart`,
 * `#!/cart`). A query change (filters, sorting) or an in-page anchor (`#reviews`) is the same page.
 */
function readPageKey(location: Location): string {
  return location.pathname + (/^#!|^#\//.test(location.hash) ? location.hash : '');
}

/**
 * Replaces `history[name]` with a function that calls the original exactly as the host did and
 * then `onCall`. Returns the function that puts the original back, unless another script has
 * wrapped ours since: then theirs stays, and ours passes through because `onCall` is inert.
 */
function wrapHistoryMethod(history: History, name: HistoryMethod, onCall: () => void): () => void {
  const original = history[name];
  const hadOwn = Object.prototype.hasOwnProperty.call(history, name);
  const wrapper = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
    // A throwing original (a cross-origin URL) navigated nowhere: its error is the host's.
    const result = original.apply(this, args);
    onCall();
    return result;
  };
  history[name] = wrapper;
  return () => {
    if (history[name] !== wrapper) return;
    if (hadOwn) history[name] = original;
    else Reflect.deleteProperty(history, name);
  };
}
