// The segmint files keep their names: segmint.js fetches its chunks by name from beside itself.
export default {
  logLevel: 'warn',
  build: {
    rollupOptions: {
      output: {
        assetFileNames: (asset) => (/^segmint(-\w+)?\.js$/.test(asset.names?.[0] ?? asset.name ?? '') ? 'assets/[name][extname]' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
};
