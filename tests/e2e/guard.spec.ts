import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, takeGuarded } from './fixtures';

// The shared fixture's guard (tests/e2e/fixtures.ts) is what makes every other browser test fail
// on a page error, an unhandled rejection, a CSP violation or a request off 127.0.0.1. These
// tests provoke each on purpose — in the default context and in contexts the test makes itself —
// and check the guard saw it (then take it back, so this test itself passes).

async function openPlainPage(page: Page, csp?: string): Promise<void> {
  await page.route('**/t/plain', (route) => route.fulfill({
    contentType: 'text/html',
    headers: csp ? { 'content-security-policy': csp } : {},
    body: '<!doctype html><title>plain</title><p>plain</p>',
  }));
  await page.goto('/t/plain');
}

/**
 * Waits until the guard of `context` has recorded something matching `expected`, lets any
 * companion report arrive (Chromium reports an unhandled rejection both as a page error and to
 * the page's own listener), and takes it all.
 */
async function taken(context: BrowserContext, kind: 'errors' | 'foreign', expected: RegExp): Promise<string[]> {
  const seen: string[] = [];
  await expect.poll(() => {
    seen.push(...takeGuarded(context)[kind]);
    return seen.some((entry) => expected.test(entry));
  }).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 200));
  seen.push(...takeGuarded(context)[kind]);
  return seen;
}

const PROVOCATIONS: [name: string, provoke: (page: Page) => Promise<void>, expected: RegExp][] = [
  ['an uncaught page error', (page) => page.evaluate(() => void setTimeout(() => {
    throw new Error('provoked');
  })), /^pageerror: provoked$/],
  ['an unhandled rejection', (page) => page.evaluate(() => void Promise.reject(new Error('provoked'))), /^\[unhandledrejection\] Error: provoked$/],
  ['an unhandled rejection after the host replaced console.error', (page) => page.evaluate(() => {
    console.error = () => {};
    void Promise.reject(new Error('provoked'));
  }), /^\[unhandledrejection\] Error: provoked$/],
];

for (const [name, provoke, expected] of PROVOCATIONS) {
  test(`the guard catches ${name}`, async ({ page }) => {
    await openPlainPage(page);
    await provoke(page);
    expect(await taken(page.context(), 'errors', expected)).toContainEqual(expect.stringMatching(expected));
  });

  test(`the guard catches ${name} in a context the test makes itself`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await openPlainPage(page);
      await provoke(page);
      expect(await taken(context, 'errors', expected)).toContainEqual(expect.stringMatching(expected));
    } finally {
      await context.close();
    }
  });
}

test('the guard catches a securitypolicyviolation', async ({ page }) => {
  await openPlainPage(page, "style-src 'self'");
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'p { color: red }';
    document.head.append(style);
  });
  expect(await taken(page.context(), 'errors', /^\[securitypolicyviolation\] style-src/)).toHaveLength(1);
});

test('the guard aborts and counts a request to another host, in a second page of the context too', async ({ page }) => {
  await openPlainPage(page);
  const second = await page.context().newPage();
  await openPlainPage(second);
  const outcomes = await Promise.all([page, second].map((p, index) => p.evaluate((url) => fetch(url).then(() => 'loaded', () => 'aborted'), `https://elsewhere.example/${index}`)));
  expect(outcomes).toEqual(['aborted', 'aborted']);
  const foreign = await taken(page.context(), 'foreign', /elsewhere/);
  await expect.poll(() => foreign.push(...takeGuarded(page.context()).foreign)).toBe(2);
  expect(foreign.sort()).toEqual(['GET https://elsewhere.example/0', 'GET https://elsewhere.example/1']);
});

test('the guard aborts and counts a request to another host from browser.newPage()', async ({ browser, baseURL }) => {
  const page = await browser.newPage({ baseURL });
  try {
    await openPlainPage(page);
    const image = await page.evaluate(() => new Promise<string>((resolve) => {
      const img = new Image();
      img.onload = () => resolve('loaded');
      img.onerror = () => resolve('aborted');
      img.src = 'http://localhost:1/x.png';
    }));
    expect(image).toBe('aborted');
    expect(await taken(page.context(), 'foreign', /localhost/)).toEqual(['GET http://localhost:1/x.png']);
  } finally {
    await page.close();
  }
});

test('a test that leaves a page error or a foreign request behind fails (this one is expected to fail)', async ({ page }) => {
  test.fail(true, 'the fixture must fail a test whose page raised an error or asked another host');
  await openPlainPage(page);
  await page.evaluate(() => {
    void Promise.reject(new Error('left behind'));
    void fetch('https://elsewhere.example/left-behind').catch(() => {});
  });
  await page.waitForTimeout(200);
});
