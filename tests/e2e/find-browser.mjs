// Plain JavaScript so that both the Playwright config and the Node screenshot script can use it.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The Chromium to test in: Playwright's own when installed, else the system's. Fails loudly
 * rather than skipping, because a browser test that skips itself hides failures.
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.SEGMINT_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`SEGMINT_CHROMIUM points to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright throws when its browsers were never downloaded; the system one may do.
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    'No Chromium found for the browser tests. Install one with `sudo apt-get install -y chromium` ' +
      '(Debian/Ubuntu) or `npx playwright install chromium`, or set SEGMINT_CHROMIUM to a Chromium binary.',
  );
}

/** Flags for running Chromium as root in a container without network access. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
