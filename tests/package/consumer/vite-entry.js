// The script-tag build served from a Vite app: the core's URL, and every chunk emitted beside it.
import core from 'segmint/dist/segmint.js?url';
import 'segmint/dist/segmint-check.js?url';
import 'segmint/dist/segmint-tables.js?url';
import 'segmint/dist/segmint-replay.js?url';
import 'segmint/dist/segmint-engage.js?url';
import 'segmint/dist/segmint-popup.js?url';
import 'segmint/dist/segmint-formats.js?url';
import 'segmint/dist/segmint-inline.js?url';
import 'segmint/dist/segmint-diagnose.js?url';
import 'segmint/dist/segmint-inspect.js?url';
import 'segmint/dist/segmint-explain.js?url';
import 'segmint/dist/segmint-parse.js?url';
import 'segmint/dist/segmint-fingerprint.js?url';
import './bundle-entry.js';

const script = document.createElement('script');
script.src = core;
script.dataset.config = '/segmint.json';
document.head.append(script);
