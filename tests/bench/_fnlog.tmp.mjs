import { chromium } from 'playwright-core';
const root = process.cwd();
const { findChromium, CHROMIUM_ARGS } = await import(`${root}/tests/e2e/find-browser.mjs`);
const { startServer } = await import(`${root}/demo/serve.mjs`);
const { openBenchPage } = await import(`${root}/tests/bench/large-config-page.mjs`);
const baseDist = process.argv[2] || undefined;
const { url, server } = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--no-sandbox', '--js-flags=--log-function-events --logfile=/tmp/ch-v8log/v8-%p.log --no-logfile-per-isolate'] });
const { context, page } = await openBenchPage(browser, 5000, { rate: 4, baseDist });
for (const visit of ['first', 'repeat']) {
  await page.goto(`${url}t/page`);
  await page.waitForFunction(() => window.__ready !== undefined || window.__errors, null, { timeout: 120_000 });
  await page.waitForTimeout(3000);
  console.log(visit, await page.evaluate(() => window.__long));
}
await context.close(); await browser.close(); server.close();
