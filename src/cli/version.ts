import { readFileSync } from 'node:fs';

/**
 * The installed package's version, from the nearest package.json named "segmint" above this
 * file: `dist/cli.js` and `src/cli/version.ts` sit at different depths.
 */
export function readVersion(): string {
  for (let url = new URL('./package.json', import.meta.url); ; url = new URL('../package.json', url)) {
    try {
      const manifest = JSON.parse(readFileSync(url, 'utf8'));
      if (manifest.name === 'segmint') return String(manifest.version);
    } catch {
      // No package.json at this level: go on up.
    }
    if (url.pathname === '/package.json') return 'unknown';
  }
}
