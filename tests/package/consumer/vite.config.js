// The segmint files keep their names: segmint.js fetches its chunks by name from beside itself.
export default {
  logLevel: 'warn',
  build: {
    // Vite inlines files under 4 KB as data: URLs; the core must find each chunk as a file beside it.
    assetsInlineLimit: (file) => (/segmint(-\w+)?\.js$/.test(file) ? false : undefined),
    rollupOptions: {
      output: {
        assetFileNames: (asset) => (/^segmint(-\w+)?\.js$/.test(asset.names?.[0] ?? asset.name ?? '') ? 'assets/[name][extname]' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
};
