import { test as base, expect, type Page, type BrowserContext } from '@playwright/test';

/**
 * Every browser test fails on any uncaught page error, unhandled rejection or CSP violation,
 * in every page of its context.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      watchForErrors(context, errors);
      await use(errors);
      expect(errors, 'errors raised in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

function watchForErrors(context: BrowserContext, errors: string[]): void {
  const attach = (page: Page) => {
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /^\[(securitypolicyviolation|unhandledrejection)\]/.test(message.text())) errors.push(message.text());
    });
  };
  void context.addInitScript(() => {
    addEventListener('securitypolicyviolation', (event) => console.error('[securitypolicyviolation]', event.violatedDirective, event.blockedURI));
    addEventListener('unhandledrejection', (event) => console.error('[unhandledrejection]', String(event.reason)));
  });
  context.on('page', attach);
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
export function dialog(page: Page) {
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
