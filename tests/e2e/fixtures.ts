import { test as base, expect, type Browser, type BrowserContext, type Frame, type Page } from '@playwright/test';

/** What the guard saw in one browser context. */
interface Guard {
  /** Uncaught page errors, unhandled rejections and CSP violations, in the order they came. */
  errors: string[];
  /** Requests to any host other than 127.0.0.1 (each was aborted). */
  foreign: string[];
}

const guards = new WeakMap<BrowserContext, Guard>();

/**
 * Every browser test fails on any uncaught page error, unhandled rejection, CSP violation or
 * request to a host other than 127.0.0.1 — in every page of every context it uses: the default
 * one and any it makes with `browser.newContext()` / `browser.newPage()`.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ context, browser }, use) => {
      const watched: Guard[] = [await guardContext(context)];
      const restore = guardNewContexts(browser, watched);
      try {
        await use(watched[0].errors);
      } finally {
        restore();
      }
      for (const guard of watched) {
        expect(guard.errors, 'errors raised in the page').toEqual([]);
        expect(guard.foreign, 'requests to hosts other than 127.0.0.1').toEqual([]);
      }
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Takes (and clears) what the guard has recorded in a context so far, for a test that provokes
 * an error, a violation or a foreign request on purpose and asserts on it.
 */
export function takeGuarded(context: BrowserContext): { errors: string[]; foreign: string[] } {
  const guard = guards.get(context);
  return { errors: guard ? guard.errors.splice(0) : [], foreign: guard ? guard.foreign.splice(0) : [] };
}

/** Starts watching a context (once): errors via events, foreign hosts aborted at the route. */
async function guardContext(context: BrowserContext): Promise<Guard> {
  const existing = guards.get(context);
  if (existing) return existing;
  const guard: Guard = { errors: [], foreign: [] };
  guards.set(context, guard);
  context.on('weberror', (error) => guard.errors.push(`pageerror: ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error' && /^\[(securitypolicyviolation|unhandledrejection)\]/.test(message.text())) guard.errors.push(message.text());
  });
  context.on('request', (request) => {
    if (isForeign(request.url())) guard.foreign.push(`${request.method()} ${request.url()}`);
  });
  await context.route((url) => isForeign(url.href), (route) => route.abort('blockedbyclient'));
  await context.addInitScript(() => {
    // Captured before any page script runs, so a host that replaces console.error cannot hide a report.
    const report = console.error.bind(console);
    addEventListener('securitypolicyviolation', (event) => report('[securitypolicyviolation]', event.violatedDirective, event.blockedURI));
    addEventListener('unhandledrejection', (event) => report('[unhandledrejection]', String(event.reason)));
  });
  return guard;
}

/** A request that would leave the machine: http(s) or ws(s) to any host but 127.0.0.1. */
function isForeign(href: string): boolean {
  const url = new URL(href);
  return /^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1';
}

/** Guards every context the test makes itself, until `restore()`. */
function guardNewContexts(browser: Browser, watched: Guard[]): () => void {
  const original = browser.newContext;
  browser.newContext = async function (this: Browser, ...args: Parameters<Browser['newContext']>) {
    const context = await original.apply(this, args);
    const guard = await guardContext(context);
    if (!watched.includes(guard)) watched.push(guard);
    return context;
  };
  return () => {
    browser.newContext = original;
  };
}

/** A minimal valid config with the given campaigns (and anything else to merge in). */
export function makeConfig(campaigns: object[], extra: object = {}): object {
  return { version: 1, defaultLocale: 'en', currency: 'USD', ...extra, campaigns };
}

/** A campaign shown on page view, in English and German unless `content` says otherwise. */
export function makeCampaign(id: string, extra: object = {}): Record<string, unknown> {
  return {
    id,
    content: {
      en: { title: `Hello from ${id}`, body: 'English body', cta: 'Shop now', dismiss: 'No thanks' },
      de: { title: `Hallo von ${id}`, body: 'Deutscher Text', cta: 'Jetzt kaufen', dismiss: 'Nein danke' },
    },
    ...extra,
  };
}

export interface TestPageOptions {
  /** The config, served at /t/config.json (or inline with `inline: true`). */
  config: object | string;
  inline?: boolean;
  /** Extra attributes on the segmint script tag, e.g. `data-locale="de-AT"`. */
  attributes?: string;
  /** Script run before segmint loads, e.g. stub calls `segmint('track', 'x')`. */
  before?: string;
  /** HTML of the body. */
  body?: string;
  /** Path of the page (under /t/). */
  path?: string;
  /** Query string to open the page with, e.g. `?segmint=debug`. */
  query?: string;
  /** Include the script tag twice. */
  twice?: boolean;
}

/** Serves a page that loads dist/segmint.js by script tag, as a customer's page would, and opens it. */
export async function openTestPage(page: Page, options: TestPageOptions): Promise<void> {
  const path = options.path ?? '/t/page';
  const configText = typeof options.config === 'string' ? options.config : JSON.stringify(options.config);
  await page.route('**/t/config.json', (route) => route.fulfill({ contentType: 'application/json', body: configText }));
  await page.route((url) => url.pathname === path, (route) => route.fulfill({ contentType: 'text/html', body: buildTestPage(options, configText) }));
  await page.goto(path + (options.query ?? ''));
}

function buildTestPage(options: TestPageOptions, configText: string): string {
  const source = options.inline || options.attributes?.includes('data-config') ? '' : ' data-config="/t/config.json"';
  const tag = `<script async src="/dist/segmint.js"${source} ${options.attributes ?? ''}></script>`;
  const inline = options.inline ? `<script type="application/json" id="segmint-config">${configText.replace(/</g, '\\u003c')}</script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>segmint test page</title>
<script>window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)}</script>
<script>${options.before ?? ''}</script>
${tag}${options.twice ? tag : ''}
</head><body>${options.body ?? '<main><h1>Test store</h1><button id="outside">Outside</button></main>'}${inline}</body></html>`;
}

/** The open popup's dialog (Playwright's CSS engine pierces the open shadow root). */
export function dialog(page: Page | Frame) {
  return page.locator('segmint-root [role="dialog"]');
}

/** Records which of segmint's files (the core and its chunks) the page downloads, in request order. */
export function watchDownloads(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const match = /\/dist\/(segmint[\w-]*\.js)$/.exec(new URL(request.url()).pathname);
    if (match) files.push(match[1]);
  });
  return files;
}
