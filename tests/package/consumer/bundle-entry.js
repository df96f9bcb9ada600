// A storefront's own bundle: the npm entry, as esbuild and Vite bundle it.
import { createSegmint } from 'segmint';
import { compileCondition } from 'segmint/rules';

window.sm = createSegmint({ config: '/segmint.json' });
window.isDach = compileCondition({ country: { in: ['DE', 'AT', 'CH'] } });
