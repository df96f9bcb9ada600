import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, CHROMIUM_ARGS } from './tests/e2e/find-browser.mjs';

const PORT = Number(process.env.SEGMINT_E2E_PORT ?? 4174);
// The demo's beacons (POST /collect) go to a `segmint collect` writing here, out of the repo;
// tests/e2e/demo-results.spec.ts reads them (its workers get this variable too).
process.env.SEGMINT_E2E_EVENTS ??= join(tmpdir(), `segmint-e2e-events-${PORT}`);
const EVENTS = process.env.SEGMINT_E2E_EVENTS;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    command: `node demo/serve.mjs --port ${PORT} --collect ${EVENTS}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 20_000,
  },
});
