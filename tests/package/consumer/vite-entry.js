// The script-tag build served from a Vite app: the core's URL, and its four chunks emitted beside it.
import core from 'segmint/dist/segmint.js?url';
import 'segmint/dist/segmint-engage.js?url';
import 'segmint/dist/segmint-popup.js?url';
import 'segmint/dist/segmint-diagnose.js?url';
import 'segmint/dist/segmint-inspect.js?url';
import './bundle-entry.js';

const script = document.createElement('script');
script.src = core;
script.dataset.config = '/segmint.json';
document.head.append(script);
