import type { Page } from '@playwright/test';
import { test, expect, makeConfig, makeCampaign, dialog, takeGuarded } from './fixtures';
import { seedProfile } from './idb';

// Isolated and safe (issue 6; RELIABILITY §32–38, §43, §51–56): the popup on a page segmint does
// not own. Strict CSP and Trusted Types, hostile host CSS in both directions, marketer text, traits
// and URL parameters only ever as text, an error boundary around rendering, and a silent no-op
// where the browser cannot isolate the popup. Every test also fails on any pageerror,
// unhandledrejection or securitypolicyviolation (fixtures.ts); the CSP tests count violations
// themselves as well, from an init script that runs before anything on the page.

type SegmintEvent = { type: string; campaign?: string | null; message?: string; pointer?: string };
type Win = Window & { segmint: any; __events: SegmintEvent[]; __violations: string[]; __xss?: unknown };

/**
 * The stub snippet, plus a recorder of segmint's events from the very start. Served as a same-origin
 * file (`/t/setup.js`) so it runs under `script-src 'self'`, where inline scripts are blocked.
 */
const STUB = `window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)};
window.__events=[];
['ready','decision','exposure','impression','dismiss','click','error'].forEach(function(type){
  segmint('on',type,function(e){e=e||{};__events.push({type:type,campaign:e.campaign,message:e.message,pointer:e.pointer});});
});
`;

const TENT_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#2a6"/></svg>';

/** A VNode-shaped payload (CVE-2026-22028 class): what a renderer must never turn into an element. */
const VNODE = { type: 'img', props: { src: 'x', onerror: 'window.__xss=1' } };

interface PageOptions {
  /** The config, served at /t/config.json. */
  config: object | string;
  /** The page's Content-Security-Policy response header. */
  csp?: string;
  /** Nonce put on every script tag. */
  nonce?: string;
  /** Script run after the stub and before segmint loads (same-origin file, so CSP allows it). */
  setup?: string;
  /** Host stylesheet, served at /t/host.css and linked from the page. */
  css?: string;
  /** HTML of the body. */
  body?: string;
  /** Query string and/or hash appended to the page URL. */
  query?: string;
  /** Include the segmint script tag twice. */
  twice?: boolean;
}

/**
 * Serves a customer page without a single inline script or style (so it runs under the strictest
 * CSP) that loads segmint by script tag, and opens it.
 */
async function openPage(page: Page, options: PageOptions): Promise<void> {
  const path = '/t/page';
  const configText = typeof options.config === 'string' ? options.config : JSON.stringify(options.config);
  const nonce = options.nonce ? ` nonce="${options.nonce}"` : '';
  const tag = `<script async src="/dist/segmint.js" data-config="/t/config.json"${nonce}></script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>segmint isolation page</title>
${options.css !== undefined ? '<link rel="stylesheet" href="/t/host.css">' : ''}
<script src="/t/setup.js"${nonce}></script>
${tag}${options.twice ? tag : ''}
</head><body>${options.body ?? '<main><h1>Test store</h1><button id="outside">Outside</button></main>'}</body></html>`;
  await page.route('**/t/config.json', (route) => route.fulfill({ contentType: 'application/json', body: configText }));
  await page.route('**/t/setup.js', (route) => route.fulfill({ contentType: 'text/javascript', body: STUB + (options.setup ?? '') }));
  await page.route('**/t/host.css', (route) => route.fulfill({ contentType: 'text/css', body: options.css ?? '' }));
  await page.route('**/t/tent.svg', (route) => route.fulfill({ contentType: 'image/svg+xml', body: TENT_SVG }));
  await page.route((url) => url.pathname === path, (route) =>
    route.fulfill({ contentType: 'text/html', headers: options.csp ? { 'Content-Security-Policy': options.csp } : {}, body: html }));
  await page.addInitScript(() => {
    const win = window as unknown as Win;
    win.__violations = [];
    addEventListener('securitypolicyviolation', (event) => win.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
  });
  await page.goto(path + (options.query ?? ''));
}

/** Resolves once segmint has started (the stub is replaced by the real API). */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Win).__events?.some((event) => event.type === 'ready'));
}

async function events(page: Page, type?: string): Promise<SegmintEvent[]> {
  const all = await page.evaluate(() => (window as unknown as Win).__events);
  return type ? all.filter((event) => event.type === type) : all;
}

/** Console warnings from segmint. */
function collectWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('[segmint]')) warnings.push(message.text());
  });
  return warnings;
}

/** Computed styles of the open popup, read through its shadow root. */
async function popupStyles(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('segmint-root')!.shadowRoot!;
    const css = (selector: string) => {
      const element = root.querySelector(selector);
      return element ? getComputedStyle(element) : null;
    };
    const dialogStyle = css('[role="dialog"]')!;
    const frame = css('.sm-frame')!;
    const cta = css('.sm-cta')!;
    const image = root.querySelector('.sm-image');
    return {
      adoptedSheets: root.adoptedStyleSheets.length,
      styleElements: root.querySelectorAll('style, link').length,
      frame: { position: frame.position, zIndex: frame.zIndex },
      dialog: {
        background: dialogStyle.backgroundColor,
        color: dialogStyle.color,
        radius: dialogStyle.borderTopLeftRadius,
        position: dialogStyle.position,
        padding: dialogStyle.paddingTop,
        shadow: dialogStyle.boxShadow,
        fontSize: dialogStyle.fontSize,
      },
      cta: { background: cta.backgroundColor, radius: cta.borderTopLeftRadius, minHeight: cta.minHeight, display: cta.display },
      image: image ? { width: image.getBoundingClientRect().width, height: image.getBoundingClientRect().height } : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Strict CSP and Trusted Types (RELIABILITY §34, §35)
// ---------------------------------------------------------------------------------------------

const THEME = { accent: '#c0392b', radius: 20, background: '#fffdf5', text: '#222222' };

const CSP_CONFIG = makeConfig(
  [
    makeCampaign('coupon', {
      content: { en: { title: 'A gift for you', body: 'Use {coupon} on {product}', cta: 'Copy code', dismiss: 'No thanks' } },
      offer: { products: ['tent'], coupon: 'SAVE10' },
      cta: { action: 'copy-coupon' },
    }),
    makeCampaign('second', { trigger: { on: 'event', event: 'again' }, layout: { type: 'slide-in', position: 'bottom-left' } }),
  ],
  {
    theme: THEME,
    catalog: { tent: { name: { en: 'Trail Tent' }, price: { USD: 229 }, image: '/t/tent.svg', url: '/t/tent' } },
  },
);

/** The popup is styled by segmint's sheet and the theme, not by browser defaults. */
async function expectFullyStyled(page: Page, withImage: boolean): Promise<void> {
  const styles = await popupStyles(page);
  expect(styles.adoptedSheets, 'styled through a constructable stylesheet').toBeGreaterThanOrEqual(1);
  expect(styles.styleElements, 'no <style> or <link> in the shadow root').toBe(0);
  expect(styles.frame).toEqual({ position: 'fixed', zIndex: '2147483647' });
  expect(styles.dialog.background, 'theme background').toBe('rgb(255, 253, 245)');
  expect(styles.dialog.color, 'theme text colour').toBe('rgb(34, 34, 34)');
  expect(styles.dialog.radius, 'theme radius').toBe('20px');
  expect(['absolute', 'fixed']).toContain(styles.dialog.position);
  expect(styles.dialog.padding).not.toBe('0px');
  expect(styles.dialog.shadow).not.toBe('none');
  expect(styles.cta.background, 'CTA in the accent colour').toBe('rgb(192, 57, 43)');
  expect(parseFloat(styles.cta.radius)).toBeGreaterThan(0);
  expect(styles.cta.minHeight).toBe('44px');
  if (withImage) expect(styles.image).toEqual({ width: 64, height: 64 });
}

/** Open, re-render (copy the coupon), close, and a second popup, with zero CSP violations. */
async function runCspScenario(page: Page, csp: string, nonce?: string): Promise<void> {
  await openPage(page, { config: CSP_CONFIG, csp, nonce });
  const popup = dialog(page);
  await expect(popup).toHaveAttribute('data-campaign', 'coupon');
  await expect(popup).toBeVisible();
  await expect(popup.locator('.sm-product')).toContainText('Trail Tent');
  await expect(popup.locator('.sm-image')).toHaveJSProperty('complete', true);
  await expectFullyStyled(page, true);

  // Re-render: copying the coupon changes the popup's state.
  await popup.getByRole('button', { name: 'Copy code' }).click();
  await expect(popup.locator('.sm-copied')).toHaveText('Copied');
  await expectFullyStyled(page, true);

  // Close.
  await popup.getByRole('button', { name: 'No thanks' }).click();
  await expect(page.locator('segmint-root')).toHaveCount(0);

  // A second popup, in another layout.
  await page.evaluate(() => (window as unknown as Win).segmint.track('again'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
  await expectFullyStyled(page, false);
  await page.keyboard.press('Escape');
  await expect(page.locator('segmint-root')).toHaveCount(0);

  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as Win).__violations), 'securitypolicyviolation events').toEqual([]);
  expect(await events(page, 'error')).toEqual([]);
}

test('strict CSP with Trusted Types: the inspector (?segmint=debug) is styled, previews, and raises zero violations', async ({ page }) => {
  await openPage(page, { config: CSP_CONFIG, csp: "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'", query: '?segmint=debug' });
  const panel = page.locator('segmint-inspector [role="region"]');
  await expect(panel.locator('li[data-campaign="second"]')).toContainText('eligible');
  const look = await panel.evaluate((element) => ({ position: getComputedStyle(element).position, sheets: (element.getRootNode() as ShadowRoot).adoptedStyleSheets.length }));
  expect(look).toEqual({ position: 'fixed', sheets: 1 });
  await page.keyboard.press('Escape');
  await panel.locator('li[data-campaign="second"]').getByRole('button', { name: 'Preview' }).click();
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'second');
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as Win).__violations), 'securitypolicyviolation events').toEqual([]);
});

test('strict CSP with Trusted Types: fully styled popup, zero violations across open, re-render, close and a second popup', async ({ page }) => {
  await runCspScenario(page, "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'");
});

test("nonce-based CSP with 'strict-dynamic' (RELIABILITY §34): fully styled popup, zero violations", async ({ page }) => {
  await runCspScenario(page, "script-src 'self' 'strict-dynamic' 'nonce-r'; style-src 'self'; object-src 'none'", 'r');
});

test('the CSP test page itself is strict: an inline style on it is blocked and reported', async ({ page }) => {
  // Guards the two tests above: the header really is enforced on the served page, and the
  // fixture's guard sees the violation (this test provokes it on purpose and takes it back).
  await openPage(page, { config: makeConfig([]), csp: "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'" });
  await ready(page);
  const result = await page.evaluate(() => new Promise<{ violations: string[]; color: string }>((resolve) => {
    const style = document.createElement('style');
    style.textContent = 'body { color: rgb(255, 0, 0) }';
    document.head.appendChild(style);
    setTimeout(() => resolve({ violations: (window as unknown as Win).__violations, color: getComputedStyle(document.body).color }), 100);
  }));
  expect(result.violations.some((violation) => violation.startsWith('style-src'))).toBe(true);
  expect(result.color).not.toBe('rgb(255, 0, 0)');
  const taken: string[] = [];
  await expect.poll(() => taken.push(...takeGuarded(page.context()).errors)).toBeGreaterThan(0);
  expect(taken.every((error) => error.startsWith('[securitypolicyviolation] style-src')), taken.join('\n')).toBe(true);
});

// ---------------------------------------------------------------------------------------------
// Hostile host CSS (RELIABILITY §37), and the popup's CSS does not leak out
// ---------------------------------------------------------------------------------------------

const HOSTILE_CSS = `
* { all: unset !important; }
div { display: none !important; }
button { display: none !important; }
h2, p, span, a { font-size: 4px !important; color: transparent !important; }
html { font-size: 8px !important; }
div#overlay { display: block !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgba(200, 0, 0, 0.4) !important; }
`;

test('hostile host CSS cannot reach in: the popup is visible, legible and clickable over a max z-index overlay', async ({ page }) => {
  const config = makeConfig([
    makeCampaign('welcome'),
    makeCampaign('again', { trigger: { on: 'event', event: 'again' } }),
  ]);
  await openPage(page, {
    config,
    css: HOSTILE_CSS,
    body: '<div id="overlay">overlay</div><main><h2>Host heading</h2><button id="outside">Outside</button></main>',
  });
  const popup = dialog(page);
  await expect(popup).toHaveAttribute('data-campaign', 'welcome');
  await expect(popup).toBeVisible();
  for (const name of ['Shop now', 'No thanks', 'Close']) await expect(popup.getByRole('button', { name })).toBeVisible();

  const seen = await page.evaluate(() => {
    const root = document.querySelector('segmint-root')!.shadowRoot!;
    const box = root.querySelector('[role="dialog"]')!.getBoundingClientRect();
    const sizes: Record<string, number> = {};
    for (const selector of ['.sm-title', '.sm-body', '.sm-cta', '.sm-secondary']) sizes[selector] = parseFloat(getComputedStyle(root.querySelector(selector)!).fontSize);
    const dialogStyle = getComputedStyle(root.querySelector('[role="dialog"]')!);
    // What the visitor's pointer would hit at the dialog's centre: the popup, not the overlay.
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      box: { width: box.width, height: box.height, inViewport: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight },
      sizes,
      background: dialogStyle.backgroundColor,
      textColor: dialogStyle.color,
      hit: hit?.tagName,
      overlayShown: getComputedStyle(document.getElementById('overlay')!).display,
    };
  });
  expect(seen.overlayShown, 'the hostile overlay is really there').toBe('block');
  expect(seen.hit).toBe('SEGMINT-ROOT');
  expect(seen.box.width).toBeGreaterThan(200);
  expect(seen.box.height).toBeGreaterThan(100);
  expect(seen.box.inViewport).toBe(true);
  for (const [selector, size] of Object.entries(seen.sizes)) expect(size, `font-size of ${selector}`).toBeGreaterThanOrEqual(14);
  expect(seen.background).not.toBe('rgba(0, 0, 0, 0)');
  expect(seen.textColor).not.toBe('rgba(0, 0, 0, 0)');

  // Real (trusted) clicks land: the CTA, then on a second popup the close button.
  await popup.getByRole('button', { name: 'Shop now' }).click();
  await expect(page.locator('segmint-root')).toHaveCount(0);
  expect((await events(page, 'click')).map((event) => event.campaign)).toEqual(['welcome']);
  await page.evaluate(() => (window as unknown as Win).segmint.track('again'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'again');
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('segmint-root')).toHaveCount(0);
  expect((await events(page, 'dismiss')).map((event) => event.campaign)).toEqual(['again']);
});

test("the popup's CSS does not leak out: host elements, even with segmint's class names, keep their computed styles", async ({ page }) => {
  const config = makeConfig([makeCampaign('later', { trigger: { on: 'event', event: 'open' } })]);
  await openPage(page, {
    config,
    body: '<main><h2 id="host-title" class="sm-title">Host heading</h2><p class="sm-body">Host text</p>'
      + '<div class="sm-dialog sm-frame"><button id="host-button" class="sm-cta sm-close">Host button</button><a class="sm-cta" href="#">Host link</a></div></main>',
  });
  await ready(page);
  const snapshot = () => page.evaluate(() => {
    // Geometry follows the viewport (a modal may lock scrolling and hide the scrollbar); the rest must not move.
    const skip = new Set(['width', 'height', 'inline-size', 'block-size', 'transform-origin', 'perspective-origin']);
    const read = (selector: string) => {
      const style = getComputedStyle(document.querySelector(selector)!);
      const out: Record<string, string> = {};
      for (let i = 0; i < style.length; i++) if (!skip.has(style[i])) out[style[i]] = style.getPropertyValue(style[i]);
      return out;
    };
    return {
      button: read('#host-button'),
      h2: read('#host-title'),
      p: read('p.sm-body'),
      div: read('div.sm-dialog'),
      link: read('a.sm-cta'),
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
    };
  });
  const before = await snapshot();
  await page.evaluate(() => (window as unknown as Win).segmint.track('open'));
  await expect(dialog(page)).toBeVisible();
  const after = await snapshot();
  expect(after.sheets, 'no stylesheet added to the document').toBe(before.sheets);
  expect(after.adopted, 'no sheet adopted by the document').toBe(before.adopted);
  expect(after.button).toEqual(before.button);
  expect(after.h2).toEqual(before.h2);
  expect(after.p).toEqual(before.p);
  expect(after.div).toEqual(before.div);
  expect(after.link).toEqual(before.link);
});

// ---------------------------------------------------------------------------------------------
// Marketer text, traits and URL parameters are only ever text (RELIABILITY §51–55)
// ---------------------------------------------------------------------------------------------

const XSS_CORPUS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<svg onload="window.__xss=1">',
  '"><img src=x onerror=window.__xss=1>',
  'javascript:window.__xss=1',
  "{{constructor.constructor('window.__xss=1')()}}",
];

/** What the renderer itself may create; anything else came from content. */
const OWN_TAGS = ['DIV', 'BUTTON', 'SPAN', 'H2', 'P', 'UL', 'LI', 'A', 'CODE', 'IMG'];

/** Every element in the popup's shadow root and any element in the light DOM that is not the page's own. */
async function inventory(page: Page) {
  return page.evaluate((ownTags) => {
    const root = document.querySelector('segmint-root')?.shadowRoot;
    const shadow = root ? Array.from(root.querySelectorAll('*')) : [];
    return {
      foreignTags: shadow.filter((element) => !ownTags.includes(element.tagName)).map((element) => element.tagName),
      foreignImages: shadow.filter((element) => element.tagName === 'IMG' && !(element.classList.contains('sm-image') && element.getAttribute('src') === '/t/tent.svg')).length,
      handlerAttributes: shadow.flatMap((element) => element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'))),
      unsafeHrefs: shadow.filter((element) => element.hasAttribute('href') && !element.getAttribute('href')!.startsWith('/t/')).map((element) => element.getAttribute('href')),
      lightForeign: Array.from(document.querySelectorAll('img, svg, iframe, object, embed, style, template')).map((element) => element.tagName),
      lightScripts: Array.from(document.scripts).map((script) => script.getAttribute('src')),
      segmintRoots: document.querySelectorAll('segmint-root').length,
      xss: (window as unknown as Win).__xss,
    };
  }, OWN_TAGS);
}

/** A URL parameter value that must never be echoed into the page. */
const UTM_PAYLOAD = '"><svg/onload=window.__xss=2>utm-echo-marker';

for (const [i, payload] of XSS_CORPUS.entries()) {
  test(`XSS corpus #${i + 1} ${JSON.stringify(payload)}: marketer text, a trait and a product name render as literal text`, async ({ page }) => {
    const campaign = makeCampaign('xss', {
      content: { en: { title: payload, body: `Hi {traits.name} ${payload}`, cta: payload, dismiss: payload, close: payload } },
      offer: { products: ['p1'] },
      cta: { action: 'link', url: '/t/landing' },
    });
    const config = makeConfig([campaign], { catalog: { p1: { name: { en: payload }, price: { USD: 10 }, image: '/t/tent.svg', url: '/t/p1' } } });
    await openPage(page, {
      config,
      setup: `segmint('identify', { name: ${JSON.stringify(payload)} });`,
      query: `?utm_source=${encodeURIComponent(UTM_PAYLOAD)}&utm_content=${encodeURIComponent(UTM_PAYLOAD)}#${encodeURIComponent(UTM_PAYLOAD)}`,
    });
    const popup = dialog(page);
    await expect(popup).toHaveAttribute('data-campaign', 'xss');
    await expect(popup.locator('.sm-title')).toHaveText(payload);
    await expect(popup.locator('.sm-body')).toHaveText(`Hi ${payload} ${payload}`);
    await expect(popup.locator('.sm-cta')).toHaveText(payload);
    await expect(popup.locator('.sm-cta')).toHaveAttribute('href', '/t/landing');
    await expect(popup.locator('.sm-secondary')).toHaveText(payload);
    await expect(popup.locator('.sm-close')).toHaveAttribute('aria-label', payload);
    await expect(popup.locator('.sm-name')).toHaveText(payload);
    expect(await popup.evaluate((element) => element.textContent)).toContain(payload);
    await page.waitForTimeout(300); // let any injected onerror/onload fire

    const found = await inventory(page);
    expect(found.foreignTags).toEqual([]);
    expect(found.foreignImages).toBe(0);
    expect(found.handlerAttributes).toEqual([]);
    expect(found.unsafeHrefs).toEqual([]);
    expect(found.lightForeign).toEqual([]);
    expect(found.lightScripts).toEqual(['/t/setup.js', '/dist/segmint.js']);
    expect(found.segmintRoots).toBe(1);
    expect(found.xss).toBeUndefined();

    // The URL parameter is echoed nowhere: not in the light DOM, not in the popup.
    const echoed = await page.evaluate(() => {
      const root = document.querySelector('segmint-root')!.shadowRoot!;
      return document.documentElement.outerHTML.includes('utm-echo-marker') || root.innerHTML.includes('utm-echo-marker');
    });
    expect(echoed).toBe(false);
  });
}

test('VNode-shaped objects in content are rejected with a pointer and never become elements', async ({ page }) => {
  const config = makeConfig([
    makeCampaign('body-vnode', { content: { en: { title: 'Body', body: VNODE } } }),
    makeCampaign('title-vnode', { content: { en: { title: VNODE } } }),
    makeCampaign('variant-vnode', { variants: [{ id: 'a', content: { en: { cta: VNODE } } }] }),
    makeCampaign('children-vnode', { content: { en: { title: { type: 'span', props: { children: VNODE, dangerouslySetInnerHTML: { __html: '<img src=x onerror=window.__xss=1>' } } } } } }),
    makeCampaign('fine'),
  ]);
  await openPage(page, { config });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'fine');
  // Errors are described by a chunk of their own, off the start path: they may come after the popup.
  await expect.poll(async () => (await events(page, 'error')).map((event) => event.pointer)).toEqual([
    '/campaigns/0/content/en/body',
    '/campaigns/1/content/en/title',
    '/campaigns/2/variants/0/content/en/cta',
    '/campaigns/3/content/en/title',
  ]);
  const found = await inventory(page);
  expect(found.foreignTags).toEqual([]);
  expect(found.foreignImages).toBe(0);
  expect(found.lightForeign).toEqual([]);
  expect(found.xss).toBeUndefined();
  const explained = await page.evaluate(() => (window as unknown as Win).segmint.explain());
  expect(explained.campaigns.filter((c: { reason?: string }) => c.reason === 'invalid').map((c: { id: string }) => c.id))
    .toEqual(['body-vnode', 'title-vnode', 'variant-vnode', 'children-vnode']);
});

test('a VNode-shaped trait from identify() is ignored and never rendered through {traits.x}', async ({ page }) => {
  const config = makeConfig([makeCampaign('hello', { content: { en: { title: 'Hi {traits.x}{traits.name}', body: 'Body {traits.x}' } } })]);
  await openPage(page, { config, setup: `segmint('identify', { x: ${JSON.stringify(VNODE)}, name: 'Ann' });` });
  const popup = dialog(page);
  await expect(popup.locator('.sm-title')).toHaveText('Hi Ann');
  await expect(popup.locator('.sm-body')).toHaveText('Body');
  await page.waitForTimeout(300);
  const profile = await page.evaluate(() => (window as unknown as Win).segmint.profile());
  expect(profile.traits).toEqual({ name: 'Ann' });
  const found = await inventory(page);
  expect(found.foreignTags).toEqual([]);
  expect(found.foreignImages).toBe(0);
  expect(found.xss).toBeUndefined();
});

test('a VNode-shaped trait already in storage is dropped and never rendered through {traits.x}', async ({ page }) => {
  const now = Date.now();
  await seedProfile(page, {
    v: 2, id: 'visitor-vnode', firstSeen: now - 86_400_000, lastSeen: null, lastActive: now - 60_000, sessionStart: now - 60_000,
    sessions: 1, pageViews: 1, sessionPageViews: 1, productViews: 0, cartAdds: 0, purchases: 0, totalSpent: 0, lastPurchaseAt: null,
    viewedProducts: [], viewedCategories: [], categoryViews: {}, sessionUtm: null, cartItems: [], cartValue: 0, events: {},
    traits: { x: VNODE, name: 'Ann' }, campaigns: {}, sessionShown: 0, lastShownAt: null,
  });
  const config = makeConfig([makeCampaign('hello', { content: { en: { title: 'Hi {traits.x}{traits.name}' } } })]);
  await openPage(page, { config });
  await expect(dialog(page).locator('.sm-title')).toHaveText('Hi Ann');
  await page.waitForTimeout(300);
  expect((await page.evaluate(() => (window as unknown as Win).segmint.profile())).traits).toEqual({ name: 'Ann' });
  const found = await inventory(page);
  expect(found.foreignTags).toEqual([]);
  expect(found.foreignImages).toBe(0);
  expect(found.xss).toBeUndefined();
});

const EVIL_URLS = [
  'javascript:window.__xss=1',
  'JaVaScRiPt:window.__xss=1',
  '\tjavascript:window.__xss=1',
  ' javascript:window.__xss=1',
  '\u0000javascript:window.__xss=1',
  'java\nscript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>',
  'vbscript:msgbox(1)',
];

test('CTA URLs with javascript:, data: or vbscript: in any case and with leading whitespace are rejected at /campaigns/N/cta/url', async ({ page }) => {
  const evil = EVIL_URLS.map((url, i) => makeCampaign(`evil-${i}`, { cta: { action: 'link', url } }));
  const inVariant = makeCampaign('evil-variant', { variants: [{ id: 'a', cta: { action: 'link', url: 'javascript:window.__xss=1' } }] });
  const config = makeConfig([...evil, inVariant, makeCampaign('good', { cta: { action: 'link', url: 'https://shop.example/sale' } })]);
  await openPage(page, { config });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'good');
  await expect(dialog(page).locator('.sm-cta')).toHaveAttribute('href', 'https://shop.example/sale');
  const expected = [...EVIL_URLS.map((_, i) => `/campaigns/${i}/cta/url`), `/campaigns/${EVIL_URLS.length}/variants/0/cta/url`];
  await expect.poll(async () => (await events(page, 'error')).map((event) => event.pointer)).toEqual(expected);
  const errors = await events(page, 'error');
  for (const error of errors) expect(error.message).toMatch(/URL/);
  expect(await page.evaluate(() => (window as unknown as Win).__xss)).toBeUndefined();
});

for (const [field, value] of [
  ['image', 'javascript:window.__xss=1'],
  ['url', 'javascript:window.__xss=1'],
  ['url', '  JaVaScRiPt:window.__xss=1'],
  ['image', 'data:image/svg+xml,<svg onload="window.__xss=1"/>'],
] as const) {
  test(`a catalog ${field} ${JSON.stringify(value)} is rejected at /catalog/ID/${field}; no product card from it`, async ({ page }) => {
    const catalog = { evil: { name: { en: 'Evil' }, price: { USD: 1 }, [field]: value } };
    const config = makeConfig([makeCampaign('offer', { offer: { products: ['evil'] } }), makeCampaign('plain')], { catalog });
    await openPage(page, { config });
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'plain');
    await expect.poll(async () => (await events(page, 'error')).map((event) => event.pointer)[0]).toBe(`/catalog/evil/${field}`);
    expect(await page.locator('segmint-root a[href*="script:" i], segmint-root img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as Win).__xss)).toBeUndefined();
  });
}

for (const query of [
  '?segmint=config:https://evil.example/x.json',
  '?config=https://evil.example/x.json',
  '?segmint_config=https://evil.example/x.json&data-config=https://evil.example/x.json',
  '?segmint=preview:evil',
  '#segmint=config:https://evil.example/x.json',
]) {
  test(`a query parameter never chooses the config (RELIABILITY §55): ${query}`, async ({ page }) => {
    const evilRequests: string[] = [];
    await page.route('https://evil.example/**', (route) => {
      evilRequests.push(route.request().url());
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(makeConfig([makeCampaign('evil')])) });
    });
    await openPage(page, { config: makeConfig([makeCampaign('own')]), query });
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'own');
    await page.waitForTimeout(300);
    const explained = await page.evaluate(() => (window as unknown as Win).segmint.explain());
    expect(explained.campaigns.map((c: { id: string }) => c.id)).toEqual(['own']);
    expect(evilRequests).toEqual([]);
    expect(await page.locator('segmint-root').count()).toBe(1);
  });
}

// ---------------------------------------------------------------------------------------------
// Error boundary: a rendering error removes the popup and emits `error`; the page is untouched
// ---------------------------------------------------------------------------------------------

/** Faults injected into DOM APIs the renderer uses only while mounting or rendering; each fires once. */
const RENDER_FAULTS: [name: string, install: () => void][] = [
  ['CSSStyleSheet.prototype.replaceSync throws', () => {
    const original = CSSStyleSheet.prototype.replaceSync;
    let armed = true;
    CSSStyleSheet.prototype.replaceSync = function (this: CSSStyleSheet, text: string) {
      if (armed) {
        armed = false;
        throw new Error('injected fault: replaceSync');
      }
      return original.call(this, text);
    };
  }],
  ['setting ShadowRoot.adoptedStyleSheets throws', () => {
    const descriptor = Object.getOwnPropertyDescriptor(ShadowRoot.prototype, 'adoptedStyleSheets')!;
    let armed = true;
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', {
      ...descriptor,
      set(this: ShadowRoot, value: CSSStyleSheet[]) {
        if (armed) {
          armed = false;
          throw new Error('injected fault: adoptedStyleSheets');
        }
        descriptor.set!.call(this, value);
      },
    });
  }],
  ['setAttribute throws while Preact renders the dialog', () => {
    const original = Element.prototype.setAttribute;
    let armed = true;
    Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
      if (armed && name === 'data-campaign') {
        armed = false;
        throw new Error('injected fault: setAttribute');
      }
      return original.call(this, name, value);
    };
  }],
];

for (const [name, install] of RENDER_FAULTS) {
  test(`error boundary, ${name}: popup removed, one error event, no impression, the page keeps working`, async ({ page }) => {
    await page.addInitScript(install);
    const config = makeConfig([makeCampaign('broken'), makeCampaign('next', { trigger: { on: 'event', event: 'again' } })]);
    await openPage(page, { config });
    await page.waitForFunction(() => (window as unknown as Win).__events.some((event) => event.type === 'error'));
    await page.waitForTimeout(300);
    await expect(page.locator('segmint-root')).toHaveCount(0);
    const errors = await events(page, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('injected fault');
    // Soft, so the recovery below is still checked when this fails.
    expect.soft(await events(page, 'impression'), 'a popup that failed to render is not an impression').toEqual([]);
    const campaigns = (await page.evaluate(() => (window as unknown as Win).segmint.profile())).campaigns ?? {};
    expect.soft(campaigns.broken?.impressions ?? 0, 'no impression counted toward the caps of a popup never shown').toBe(0);
    // The host page is untouched and segmint keeps working: a later track shows the next popup.
    await expect(page.locator('#outside')).toBeVisible();
    await page.locator('#outside').click();
    await page.evaluate(() => (window as unknown as Win).segmint.track('again'));
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'next');
    expect((await page.evaluate(() => (window as unknown as Win).segmint.profile())).events).toEqual({ again: 1 });
    expect((await events(page, 'impression')).map((event) => event.campaign)).toContain('next');
  });
}

test('error boundary on re-render: a fault while copying the coupon removes the popup and emits error', async ({ page }) => {
  await page.addInitScript(() => {
    // Preact updates the "Copied" status text node on the state change; make that one update throw.
    const descriptor = Object.getOwnPropertyDescriptor(CharacterData.prototype, 'data')!;
    let armed = true;
    Object.defineProperty(CharacterData.prototype, 'data', {
      ...descriptor,
      set(this: CharacterData, value: string) {
        if (armed && value === 'Copied') {
          armed = false;
          throw new Error('injected fault: re-render');
        }
        descriptor.set!.call(this, value);
      },
    });
  });
  const config = makeConfig([
    makeCampaign('coupon', { offer: { coupon: 'SAVE10' }, cta: { action: 'copy-coupon' } }),
    makeCampaign('next', { trigger: { on: 'event', event: 'again' } }),
  ]);
  await openPage(page, { config });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'coupon');
  await dialog(page).getByRole('button', { name: 'Shop now' }).click();
  await page.waitForFunction(() => (window as unknown as Win).__events.some((event) => event.type === 'error'));
  await page.waitForTimeout(300);
  await expect(page.locator('segmint-root')).toHaveCount(0);
  const errors = await events(page, 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0].message).toContain('injected fault');
  await page.evaluate(() => (window as unknown as Win).segmint.track('again'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'next');
});

// ---------------------------------------------------------------------------------------------
// Two instances (RELIABILITY §32): what loader.spec.ts does not already check
// ---------------------------------------------------------------------------------------------

test('the script tag twice, and once more after start: one instance, config fetched once, one page view, one popup', async ({ page }) => {
  const warnings = collectWarnings(page);
  const configRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/t/config.json') configRequests.push(request.url());
  });
  await openPage(page, { config: makeConfig([makeCampaign('welcome')]), twice: true });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
  await page.waitForTimeout(300);
  expect(warnings.filter((text) => text.includes('more than once'))).toHaveLength(1);
  expect(configRequests).toHaveLength(1);
  expect((await page.evaluate(() => (window as unknown as Win).segmint.profile())).pageViews).toBe(1);
  expect((await events(page, 'ready'))).toHaveLength(1);

  // A tag manager adds the tag again later: still the same instance and the same popup.
  await page.evaluate(() => new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = '/dist/segmint.js';
    script.dataset.config = '/t/config.json';
    script.onload = resolve;
    document.head.appendChild(script);
  }));
  await page.waitForTimeout(300);
  await expect(page.locator('segmint-root')).toHaveCount(1);
  expect(await page.locator('segmint-root [role="dialog"]').count()).toBe(1);
  expect(warnings.filter((text) => text.includes('more than once'))).toHaveLength(2);
  expect(configRequests).toHaveLength(1);
  expect((await page.evaluate(() => (window as unknown as Win).segmint.profile())).pageViews).toBe(1);
  expect(await events(page, 'impression')).toHaveLength(1);
});

// ---------------------------------------------------------------------------------------------
// No shadow DOM or no constructable stylesheets (RELIABILITY §43): no popup, nothing thrown
// ---------------------------------------------------------------------------------------------

const MISSING_FEATURES: [name: string, remove: () => void][] = [
  ['Element.prototype.attachShadow', () => void delete (Element.prototype as Partial<Element>).attachShadow],
  ['ShadowRoot.prototype.adoptedStyleSheets', () => void delete (ShadowRoot.prototype as Partial<ShadowRoot>).adoptedStyleSheets],
  ['CSSStyleSheet.prototype.replaceSync', () => void delete (CSSStyleSheet.prototype as Partial<CSSStyleSheet>).replaceSync],
];

for (const [name, remove] of MISSING_FEATURES) {
  test(`without ${name}: no popup, nothing thrown, decisions and the profile still work`, async ({ page }) => {
    await page.addInitScript(remove);
    const config = makeConfig([makeCampaign('welcome'), makeCampaign('later', { trigger: { on: 'event', event: 'again' } })]);
    await openPage(page, { config });
    await page.waitForFunction(() => (window as unknown as Win).__events.some((event) => event.type === 'decision' && event.campaign === 'welcome'));
    await page.waitForTimeout(500);
    await expect(page.locator('segmint-root')).toHaveCount(0);
    expect(await events(page, 'impression'), 'nothing shown, nothing counted as shown').toEqual([]);

    const explained = await page.evaluate(() => (window as unknown as Win).segmint.explain());
    expect(explained.campaigns.find((c: { id: string }) => c.id === 'welcome')).toEqual({ id: 'welcome', eligible: true });
    await page.evaluate(() => (window as unknown as Win).segmint.track('again'));
    await page.waitForFunction(() => (window as unknown as Win).__events.some((event) => event.type === 'decision' && event.campaign === 'later'));
    await page.waitForTimeout(300);
    await expect(page.locator('segmint-root')).toHaveCount(0);
    const profile = await page.evaluate(() => (window as unknown as Win).segmint.profile());
    expect(profile.pageViews).toBe(1);
    expect(profile.events).toEqual({ again: 1 });
    expect(await page.locator('#outside').isVisible()).toBe(true);
  });
}
