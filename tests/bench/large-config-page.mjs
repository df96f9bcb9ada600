// The page the long-tasks benches load (long-tasks.bench.mjs, long-tasks-trace.mjs): a config of
// `n` campaigns, fetched (data-config) or inline in the page (`<script type="application/json"
// id="segmint-config">`), and a `longtask` observer installed before any page script.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A config of `n` campaigns, half on page view and half waiting on scroll, none of which the
 * visitor qualifies for; small enough that 5,000 fit the 1 MB config limit.
 */
export function makeConfig(n) {
  const campaigns = Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    audience: { productViews: { gte: 5 + (i % 7) }, country: { in: ['DE', 'AT'] } },
    pages: { include: ['/t/*'] },
    trigger: i % 2 ? { on: 'scroll', percent: 50 } : { on: 'pageview' },
    content: { en: { title: `C${i}` } },
  }));
  return { version: 1, defaultLocale: 'en', currency: 'USD', campaigns };
}

/** Installed by addInitScript, so it runs before any page script: every long task of the page. */
export const LONG_TASK_OBSERVER = `window.__long = []; try { new PerformanceObserver((list) => { for (const e of list.getEntries()) __long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true }); } catch {}`;

/**
 * Routes `/t/page` (and `/t/config.json` unless `inline`) in `context`: `n` campaigns, or for
 * `n < 0` the same page without segmint (the baseline). The page sets `window.__ready` (ms from
 * its first script) when segmint is ready, and `window.__errors` when it reports one. With
 * `baseDist` (a directory holding another build's dist/), the page's segmint.js and the chunks
 * fetched from beside it are that build's, served as `/base-dist/`.
 */
export async function routeBenchPage(context, n, { inline = false, baseDist } = {}) {
  const src = baseDist ? '/base-dist/segmint.js' : '/dist/segmint.js';
  if (baseDist) {
    // `no-store`, as demo/serve.mjs serves /dist/: both builds fetched the same way on a repeat visit.
    await context.route((u) => u.pathname.startsWith('/base-dist/'), (route) => route.fulfill({
      contentType: 'text/javascript', headers: { 'cache-control': 'no-store' },
      body: readFileSync(join(baseDist, new URL(route.request().url()).pathname.slice('/base-dist/'.length).replace(/[^\w.-]/g, ''))),
    }));
  }
  const config = JSON.stringify(makeConfig(n));
  if (!inline) await context.route('**/t/config.json', (route) => route.fulfill({ contentType: 'application/json', body: config }));
  // `<` escaped, as a server writing JSON into a page must (no `</script>` inside).
  const script = n < 0
    ? '<script>segmint.__baseline = true; setTimeout(function () { window.__ready = 0; }, 500);</script>'
    : inline
      ? `<script type="application/json" id="segmint-config">${config.replace(/</g, '\\u003c')}</script><script async src="${src}"></script>`
      : `<script async src="${src}" data-config="/t/config.json"></script>`;
  await context.route((u) => u.pathname === '/t/page', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>
<script>window.segmint=window.segmint||function(){(segmint.q=segmint.q||[]).push(arguments)}; window.__t0 = performance.now();
segmint('on', 'ready', function () { window.__ready = performance.now() - __t0; });
segmint('on', 'error', function (e) { (window.__errors = window.__errors || []).push(e.message); });</script>
${script}</head><body><main style="height:3000px">page</main></body></html>`,
  }));
}

/**
 * A fresh context with the long-task observer installed before any script and the bench page
 * routed (see `routeBenchPage`), and a tab in it at `rate`× CPU: its first load is a first
 * visit, the next one in the same tab a repeat visit; `baseDist` as for `routeBenchPage`. The caller closes `context`.
 */
export async function openBenchPage(browser, n, { inline = false, rate, baseDist }) {
  const context = await browser.newContext();
  await context.addInitScript(LONG_TASK_OBSERVER);
  await routeBenchPage(context, n, { inline, baseDist });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, cdp };
}

/** The value of `expression` in the page, by a bare CDP evaluation (nothing of Playwright's installed in the page). */
export async function evaluateInPage(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/**
 * Waits until the page says segmint is ready (or reported an error), polling with bare CDP
 * evaluations: Playwright's `waitForFunction` and `evaluate` would first install their injected
 * scripts in the page, whose compiling is a long task of its own at 4× CPU (about 50–65 ms in a
 * trace), counted by the page's observer as if it were segmint's.
 */
export async function waitForReady(cdp, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (!(await evaluateInPage(cdp, 'window.__ready !== undefined || !!window.__errors'))) {
    if (Date.now() > until) throw new Error(`segmint not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
