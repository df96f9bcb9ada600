/*
 * The contract between the core and its chunks, types only: the core names a chunk and gets its
 * exports, never importing a chunk's module as a value (tests/unit/layers.test.ts fails on one).
 * Each chunk is one entry module; `segmint-<name>.js` in the script-tag build.
 */
import type { Engagement } from '../engagement';
import type { RenderPopup, RenderTeaser } from '../render/view';
import type { formatConfigError } from '../rules/config-messages';
import type { checkLoadedConfig } from '../config/check-loaded-config';
import type { mountInspector } from '../debug/mount-inspector';
import type { createInlinePlacements } from '../inline-placements';
import type { SignalTables } from '../signals/signal-tables';
import type { explainVisit, showPreview } from '../runtime/explain';
import type { openDebugTools } from '../runtime/debug-tools';
import type { readJournalEntries } from '../profile/journal-replay';
import type { followPurchases } from '../runtime/replay-purchases';
import type { parseJsonSteps } from '../lib/parse-json-steps';
import type { fingerprintSteps } from '../config/fingerprint-steps';

/** What each chunk exports, by name. */
export interface Chunks {
  /** Once the visitor qualifies for a campaign: waiting triggers, the popup lifecycle, analytics sinks. */
  engage: { engagement: Engagement };
  /** Once a popup is about to show: Preact, the components, the CSS. */
  popup: { mountPopup: RenderPopup };
  /** Once a config text not checked before on this browser arrives: the config checks. */
  check: { checkLoadedConfig: typeof checkLoadedConfig };
  /** Once the config needs `country`, `currency` or `referrerType`: the signals' lookup tables, and the code that reads the page's currency and classifies the referrer. */
  tables: { tables: SignalTables; withoutTables: SignalTables };
  /** Instead of `popup`, for a campaign with a teaser, a countdown or a question: the same popup with those, and the teaser tab. */
  formats: { mountPopup: RenderPopup; mountTeaser: RenderTeaser };
  /** Once a config has errors: the message of each error code. */
  diagnose: { formatConfigError: typeof formatConfigError };
  /** Once the page asks for it (`?segmint=debug`, `data-debug`): the inspector. */
  inspect: { mountInspector: typeof mountInspector };
  /** Once a page has a slot an inline campaign fills: the inline renderer (Preact, the region, its CSS) and its lifecycle. */
  inline: { createInlinePlacements: typeof createInlinePlacements };
  /** Once the page calls `explain()` or `show()` (the inspector and `?segmint=preview:` do; also what opens them): why each campaign would or would not show, and a preview of one. */
  explain: { explainVisit: typeof explainVisit; showPreview: typeof showPreview; openDebugTools: typeof openDebugTools };
  /** Once an earlier page left entries in its journal (gone before its IndexedDB writes): reading them, their purchases' conversions. */
  replay: { readJournalEntries: typeof readJournalEntries; followPurchases: typeof followPurchases };
  /** Once a config text of 64 KB or more arrives (thousands of campaigns): parsing it in slices. */
  parse: { parseJsonSteps: typeof parseJsonSteps };
  /** Where the browser cannot hash a config text natively (an http page, an npm config object): its fingerprint. */
  fingerprint: { fingerprintSteps: typeof fingerprintSteps };
}

/** A chunk's name: `segmint-<name>.js`. */
export type ChunkName = keyof Chunks;

/**
 * Loads one chunk, once: every caller of the same chunk awaits the same load. A failed load is
 * not kept, so the next need tries again. Injected by the entry (script tag or npm).
 */
export type ChunkLoader = <K extends ChunkName>(name: K) => Promise<Chunks[K]>;
