import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

// How a popup enters the page (README "Performance"): no style or layout forced from segmint's
// code, the popup's element put in whole at the start of an animation frame, focus moved after it.
// Read from a Chromium trace: a forced (synchronous) style or layout pass is one that carries the
// JavaScript stack that asked for it; the frame's own passes carry none.

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { data?: Record<string, unknown>; beginData?: { stackTrace?: { url: string; lineNumber?: number; columnNumber?: number }[] } } }

const body = '<main><h1>Store</h1>' + Array.from({ length: 40 }, (_, i) => `<p class="card">Product ${i}</p>`).join('') + '</main>';

for (const type of ['modal', 'slide-in'] as const) {
  test(`a ${type} forces no style or layout pass, and enters the page inside an animation frame`, async ({ page, context }) => {
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline.stack', transferMode: 'ReportEvents' });
    await page.addInitScript(() => {
      // When <segmint-root> is added: whether its dialog was already rendered, and whether we are
      // inside an animation frame callback (the frame's rendering then styles it, nothing forced).
      const w = window as unknown as { __entered?: { rendered: boolean; inFrame: boolean }; __inFrame: boolean };
      w.__inFrame = false;
      const raf = window.requestAnimationFrame.bind(window);
      // Until the next task: the microtasks a callback's promise resolves run inside the frame too.
      window.requestAnimationFrame = (callback) => raf((t) => {
        w.__inFrame = true;
        setTimeout(() => (w.__inFrame = false), 0);
        callback(t);
      });
      const append = Node.prototype.appendChild;
      Node.prototype.appendChild = function <T extends Node>(this: Node, child: T): T {
        if ((child as unknown as Element).localName === 'segmint-root' && !w.__entered) {
          w.__entered = { rendered: !!(child as unknown as Element).shadowRoot?.querySelector('[role="dialog"]'), inFrame: w.__inFrame };
        }
        return append.call(this, child) as T;
      };
    });
    await openTestPage(page, { config: makeConfig([makeCampaign('p', { layout: { type } })]), body });
    await expect(dialog(page)).toBeVisible();
    if (type === 'modal') await expect(page.locator('segmint-root .sm-cta')).toBeFocused();
    else await expect(page.locator('segmint-root .sm-cta')).not.toBeFocused();
    await page.waitForTimeout(300);
    await cdp.send('Tracing.end');
    await done;

    expect(await page.evaluate(() => (window as unknown as { __entered?: unknown }).__entered)).toEqual({ rendered: true, inFrame: true });
    const fromSegmint = (e: TraceEvent) => (e.args?.beginData?.stackTrace ?? []).some((frame) => /\/dist\/segmint[\w-]*\.js/.test(frame.url));
    const describe = (e: TraceEvent) => `${e.name} of ${(e.args as { elementCount?: number })?.elementCount ?? '?'} elements from ${e.args?.beginData?.stackTrace?.map((f) => `${f.url}:${f.lineNumber}:${f.columnNumber}`).join(' < ')}`;
    expect(events.filter((e) => e.name === 'Layout' && fromSegmint(e)).map(describe)).toEqual([]);
    // focus() brings the focused button's own style up to date (one element, after the frame,
    // when nothing else is dirty); before, it restyled the whole popup and laid out the page.
    const restyled = events.filter((e) => e.name === 'UpdateLayoutTree' && fromSegmint(e)).reduce((sum, e) => sum + Number((e.args as { elementCount?: number })?.elementCount ?? 99), 0);
    expect(restyled).toBeLessThanOrEqual(type === 'modal' ? 2 : 0);
  });
}

test('the trace reading above sees a layout that segmint code forces (control for the test)', async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline.stack', transferMode: 'ReportEvents' });
  await openTestPage(page, { config: makeConfig([makeCampaign('p', { layout: { type: 'slide-in' } })]), body });
  await expect(dialog(page)).toBeVisible();
  // An `on('impression')` handler runs inside segmint's event emitter, called from segmint.js:
  // its forced layout carries segmint's frames on the stack.
  await page.evaluate(() => new Promise<void>((resolve) => {
    (window as unknown as { segmint: (...args: unknown[]) => void }).segmint('on', 'decision', () => {
      document.body.style.paddingTop = '1px';
      void document.body.offsetHeight;
      resolve();
    });
    (window as unknown as { segmint: (...args: unknown[]) => void }).segmint('page');
  }));
  await cdp.send('Tracing.end');
  await done;
  const forced = events.filter((e) => e.name === 'Layout' && (e.args?.beginData?.stackTrace ?? []).some((frame) => /\/dist\/segmint[\w-]*\.js/.test(frame.url)));
  expect(forced.length).toBeGreaterThan(0);
});

test('a popup is built in a task before the animation frame that puts it in, so rendering and that frame\'s layout are not one task', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __shadows: ShadowRoot[]; __builtAtFrameStart: boolean; __entered?: { builtBeforeFrame: boolean } };
    w.__shadows = [];
    w.__builtAtFrameStart = false;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      if (this.localName === 'segmint-root') w.__shadows.push(root);
      return root;
    };
    // Registered in every frame before anything a task between frames asks for: it runs first in
    // each frame and says whether the popup's dialog already existed (off the page) at its start.
    const raf = window.requestAnimationFrame.bind(window);
    const loop = () => {
      w.__builtAtFrameStart = !!w.__shadows[w.__shadows.length - 1]?.querySelector('[role="dialog"]');
      raf(loop);
    };
    raf(loop);
    const append = Node.prototype.appendChild;
    Node.prototype.appendChild = function <T extends Node>(this: Node, child: T): T {
      if ((child as unknown as Element).localName === 'segmint-root' && !w.__entered) w.__entered = { builtBeforeFrame: w.__builtAtFrameStart };
      return append.call(this, child) as T;
    };
  });
  await openTestPage(page, { config: makeConfig([makeCampaign('p', { layout: { type: 'modal' } })]), body });
  await expect(dialog(page)).toBeVisible();
  await expect(page.locator('segmint-root .sm-cta')).toBeFocused();
  expect(await page.evaluate(() => (window as unknown as { __entered?: unknown }).__entered)).toEqual({ builtBeforeFrame: true });
});

test('a popup closed before it went in gives no focus back: the page keeps what the visitor was typing in', async ({ page }) => {
  // The error boundary closes a popup whose render failed, before it went in: it had not taken
  // focus, so closing it must not move focus (nor blur the field the visitor is in).
  await openTestPage(page, { config: makeConfig([makeCampaign('p', { layout: { type: 'modal' }, trigger: { on: 'event', event: 'go' } })]), body: '<main><input id="q"></main>' });
  await page.locator('#q').focus();
  await page.evaluate(() => new Promise<void>((resolve) => {
    const original = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
      if (name === 'data-campaign') throw new Error('injected fault: setAttribute');
      return original.call(this, name, value);
    };
    const segmint = (window as unknown as { segmint: (...args: unknown[]) => void }).segmint;
    segmint('on', 'error', () => resolve());
    segmint('track', 'go');
  }));
  await page.waitForTimeout(300);
  await expect(page.locator('segmint-root')).toHaveCount(0);
  await expect(page.locator('#q')).toBeFocused();
});

test('a coupon code is set in the popup\'s own font: no font the page has not used is looked up in the frame that shows it', async ({ page }) => {
  const campaign = makeCampaign('c', { layout: { type: 'modal' }, offer: { coupon: 'WELCOME10' }, cta: { action: 'copy-coupon' }, content: { en: { title: 'Welcome', body: 'Take 10% off with {coupon}.', cta: 'Copy code', dismiss: 'No thanks' } } });
  await openTestPage(page, { config: makeConfig([campaign]), body });
  const code = page.locator('segmint-root .sm-coupon code');
  await expect(code).toHaveText('WELCOME10');
  const [codeFont, dialogFont] = await Promise.all([code, dialog(page)].map((locator) => locator.evaluate((element) => getComputedStyle(element).fontFamily)));
  expect(codeFont).toBe(dialogFont);
  expect(codeFont).not.toMatch(/mono/i);
});
