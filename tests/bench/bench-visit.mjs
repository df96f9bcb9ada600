// What the benches on page-impact's storefront share: the page from its own server, one load of
// a variant in a fresh browser context as page-impact loads it, and a browser that keeps every
// request on the machine without slowing any.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../e2e/find-browser.mjs';

/** A repeat visit is the second tab of a context whose first tab loaded the page. */
const REPEAT_VISITS = new Set(['segmint-no-popup-repeat', 'segmint-no-popup-repeat@base']);

/** Starts `page-impact.bench.mjs --serve` (with `extra` arguments, e.g. `--base-dist=DIR`); resolves to its origin and a `stop()`. */
export async function serveBenchPage(extra = []) {
  const bench = spawn(process.execPath, [fileURLToPath(new URL('./page-impact.bench.mjs', import.meta.url)), '--serve', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise((resolve, reject) => {
    bench.stdout.setEncoding('utf8');
    bench.stdout.once('data', (line) => resolve(line.trim()));
    bench.once('exit', (code) => reject(new Error(`page-impact.bench.mjs --serve exited with ${code}`)));
  });
  return { origin, stop: () => bench.kill() };
}

/**
 * One visit of `variant` in a fresh context at `rate`× CPU: `measure(page, cdp)` navigates and
 * measures (a profiler must start before the navigation); the context is closed after it.
 * `prepare(context)`, when given, runs first (routes, init scripts). The tab is opened, then the
 * browser left to go idle (`waitForBrowserIdle`) before `measure` runs.
 */
export async function inFreshVisit(browser, origin, variant, rate, measure, prepare) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await prepare?.(context);
    await context.setExtraHTTPHeaders({ 'x-bench-variant': variant });
    if (REPEAT_VISITS.has(variant)) {
      const first = await context.newPage();
      await first.goto(`${origin}/`, { waitUntil: 'networkidle' });
      await first.waitForTimeout(1000);
      await first.close();
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await waitForBrowserIdle(browser);
    return await measure(page, cdp);
  } finally {
    await context.close();
  }
}

/**
 * Launches the benches' Chromium so that nothing leaves the machine, without slowing what stays
 * on it: every request for anything but loopback goes to a proxy on 127.0.0.1 that refuses it
 * (Chromium sends loopback, where the bench's server is, direct: its implicit proxy bypass), and
 * the proxy notes the first line of each (`refused`: the browser's own background requests
 * land there too). No request goes through Playwright (`route` costs 10–190 ms a request and
 * turns the HTTP cache off); a page's requests elsewhere are counted by watching them
 * (`context.on('request')`). `close()` stops both.
 */
export async function launchBenchBrowser() {
  const refused = [];
  const proxy = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (data) => {
      refused.push(String(data).split('\r\n')[0]);
      socket.destroy();
    });
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, `--proxy-server=http://127.0.0.1:${proxy.address().port}`] });
  return { browser, refused, close: async () => {
    await browser.close();
    proxy.close();
  } };
}

/**
 * What the browser's processes may spend in `IDLE_SAMPLE_MS` and still count as idle: under the
 * 10 ms tick Linux counts CPU time in, twice in a row.
 */
const IDLE_CPU_MS = 5;
const IDLE_SAMPLE_MS = 100;
const IDLE_SAMPLES = 2;

/**
 * Resolves once the whole browser (every process: CDP `SystemInfo.getProcessInfo`) has spent
 * under `IDLE_CPU_MS` of CPU in each of `IDLE_SAMPLES` periods of `IDLE_SAMPLE_MS`, or after
 * `maxMs`. A fresh context is a new window, and a new window starts its own top-chrome WebUI
 * renderer (the omnibox popup, chrome://omnibox-popup.top-chrome): measured here, most of a core
 * for about a second after the tab opens, beside the page's load on a two-core machine. A
 * visitor's browser has its window up already, so a measured load starts once that is done.
 */
export async function waitForBrowserIdle(browser, maxMs = 3000) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    // Per process, cumulative seconds: one that ended between two samples counts for nothing, one
    // that started counts all it spent.
    const sample = async () => new Map((await cdp.send('SystemInfo.getProcessInfo')).processInfo.map((p) => [p.id, p.cpuTime * 1000]));
    const until = Date.now() + maxMs;
    let last = await sample();
    for (let quiet = 0; quiet < IDLE_SAMPLES && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
      const now = await sample();
      let spent = 0;
      for (const [id, ms] of now) spent += ms - (last.get(id) ?? 0);
      quiet = spent < IDLE_CPU_MS ? quiet + 1 : 0;
      last = now;
    }
  } finally {
    await cdp.detach();
  }
}
