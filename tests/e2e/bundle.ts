import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import type { Page } from '@playwright/test';

// A shop that installs segmint from npm and bundles it: the entry is written here, `segmint` is
// resolved through the package's own `exports` (dist/index.js, so `npm run build` first), Preact
// and idb-keyval from node_modules, as any bundler would. Served from memory under /t/npm/.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The file `import … from 'segmint'` resolves to, read from package.json the way a bundler does. */
function packageEntry(): string {
  const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { exports: { '.': { import?: string; default?: string } } };
  // ESM-only entries are written with `default` (any condition), older ones with `import`.
  const target = manifest.exports['.'].import ?? manifest.exports['.'].default;
  if (!target) throw new Error('package.json exports["."] names no import or default file');
  return fileURLToPath(new URL(target, `file://${ROOT}`));
}

/** Bundles `entry` (module source) into ES chunks; resolves to file name → code. */
export async function bundle(entry: string): Promise<Record<string, string>> {
  const build = await rollup({
    input: 'shop-entry',
    plugins: [
      {
        name: 'shop-entry',
        resolveId: (source) => (source === 'shop-entry' ? source : source === 'segmint' ? packageEntry() : null),
        load: (id) => (id === 'shop-entry' ? entry : null),
      },
      nodeResolve({ browser: true, rootDir: ROOT }),
    ],
    onwarn: (warning) => {
      throw new Error(`bundling the shop page: ${warning.message}`);
    },
  });
  const { output } = await build.generate({ format: 'es', entryFileNames: 'shop.js', chunkFileNames: '[name]-[hash].js' });
  await build.close();
  return Object.fromEntries(output.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk.code]));
}

/** Serves bundled files under /t/npm/; returns the entry's URL. */
export async function serveBundle(page: Page, files: Record<string, string>): Promise<string> {
  await page.route('**/t/npm/*', (route) => {
    const name = new URL(route.request().url()).pathname.slice('/t/npm/'.length);
    return name in files ? route.fulfill({ contentType: 'text/javascript', body: files[name] }) : route.fulfill({ status: 404, body: 'not found' });
  });
  return '/t/npm/shop.js';
}
