// What heap-diff.mjs and script-profile.mjs share: page-impact's storefront page from its own
// server, and one load of a variant in a fresh browser context, as page-impact does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
 * `prepare(context)`, when given, runs first (routes, init scripts).
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
    return await measure(page, cdp);
  } finally {
    await context.close();
  }
}
