// Size budgets, enforced by `npm test` (STYLE: budgets are tests). Measured gzip -9, like a CDN.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGETS = [
  // The core every visitor downloads: signals, profile, rules, decisions, the
  // dataLayer bridge. A ratchet, not the goal: the goal is 14 KB (see README, "Size").
  // 20,100: main's 19,188 with +912 B measured for the beacon per SPEC §10 (issue 10: records with id, visitor, time, path; beacon-only purchases and
  // exposure times; the pagehide send of what the sink has not taken; a purchase announced once across the journal's replay).
  // 19,932: explain() (−109 B) and the journal's replay (−59 B) became chunks.
  // 20,108: main's 19,932 with +176 B measured for what each page view costs less (issue 11): the config's fingerprint hashed by
  // the browser (SHA-256 in crypto.subtle) and device, page type and referrer type computed only when read.
  // 20,367: main's 20,108 with +259 B measured for large configs (issue 11 item 7): the triggers armed in slices, with the page-view timers
  // started together once all are (triggers/page-timers.ts), and the inline config parsed in slices.
  // 20,424: main's 20,367 with +57 B measured for loading the signal tables once the config's needs are known, before compiling (issue 11 item 5).
  // 20,106: parsing a config of 64 KB or more in slices became a chunk (−318 B).
  // 20,346: main's 20,106 with +240 B measured for starting the popup's requests as soon as each is knowable (issue 11, popup latency): the checks
  // with the config on a first visit, the signal tables once the config text may need them, a popup's chunks before deciding.
  // 20,006: the config's fingerprint where the browser cannot hash natively (http) became a chunk (−340 B).
  // 20,013: main's 20,006 with +7 B measured for storing the page view while the tables are still loading (issue 11, popup latency).
  // 20,234: main's 20,013 with +221 B measured for reading a config stamped by `segmint validate --checked` (config/checked-stamp.ts):
  // it compiles without running the checks, and with `data-config-checked` a first visit loads none (issue 11, heap).
  // 20,370: main's 20,234 with +136 B measured for starting in tasks (issue 11, long tasks): the pipeline after a yield, the journal's
  // first touch of localStorage in a task of its own (or at pagehide / hidden), what an earlier page remembered said from there.
  // 20,241: show() (previews) joined explain() in its chunk (−129 B measured on main).
  // 20,239: the kept-config key hashes through lib/sha256 instead of its own copy of the digest (−2 B).
  // 20,150: compiled for ES2021 instead of ES2020 (`??=` and `||=` kept, not downlevelled; README "Browser support": Chrome 85+) (−46 B),
  // explain's reader of a leaf's value made from the leaf's own lookup instead of a second copy of it (−40 B), the two kept configs read
  // and written through database.ts (−3 B).
  // 20,308: main's 20,150 with +158 B measured for asking for a popup's requests earlier (issue 11, popup latency): the config in the
  // script's own task, the first-visit guess at the pipeline's start, a popup's chunks from the config text, the database opened beside the checks.
  // 20,318: +10 B measured for keeping what that moved in tasks of their own (the journal's first touch; what the config text starts).
  // 20,018: main's 20,318 with this session's cuts: idb-keyval's get/set/del/update (which carry its own default database) replaced by three lines over its createStore (−45 B),
  // a chunk that fails to load named by its name instead of a table of descriptions (−145 B), the GA4 bridge's props as its items with
  // the fields an event lacks left out and its currency read with signals/currency.ts (−34 B), a few copies of one function made one
  // (−12 B), terser's inline: 1 and passes: 3 (−60 B).
  // 20,046: main's 20,018 with +28 B measured for loading no lookup tables for a catalog priced in the config's currency alone
  // (issue 11, heap: −17 KB a page view on the bench's shop).
  // 20,172: main's 20,046 with +126 B measured for encoding a long config text for its SHA-256 in steps of 256 K characters (issue 11,
  // large configs): 5,000 campaigns (0.9 M characters) encoded at once took 26–38 ms at 4× CPU in one of the start's tasks.
  // 20,174: +2 B measured for asking for the config in the continuation after the script's task, not in it (30 ms of script time at 4×).
  // 20,219: +45 B measured for checking at the call site that the dataLayer bridge, analytics forwarding, the debug tools,
  // slots and the teaser's restore have anything to do, so a page that uses none never compiles them (−4.5 KB heap, README Page impact).
  // 20,220: +1 B measured for profile() waiting for the popup's writes made outside the queue (the impression is no longer awaited before it is reported).
  // 19,837: reading the page's currency and classifying the referrer (signals/currency.ts, referrer.ts) joined the lookup tables in
  // their chunk: no condition and no price depends on them without it (−383 B).
  // 19,787: opening the debug tools (preview, inspector) moved to the explain chunk, which both load anyway (−50 B measured).
  // 19,790: +3 B measured for explain() waiting, like profile(), for the popup's writes made outside the queue (in ask(), which both answer through).
  // 19,832: +42 B measured for a purchase's beacon records saying the page it was tracked on (SPEC §10), also when a page gone at once
  // leaves it to the next page's replay: each journal entry keeps its page's path (+16 B), and a purchase's record and its conversions'
  // take their time and path from it, beside the payloads (analytics/forward-analytics.ts `origins`, +26 B).
  // 19,915: +83 B measured for a site that requires consent not taking every page view for a first visit: a second journal mark,
  // set once storing is allowed (+24 B), the kept checked form read once the page gave consent (+9 B), the config kept when consent
  // comes after the start (+37 B), and a page before consent prefetching a popup from its text as a first visit does (+13 B).
  // 19,945: +30 B measured for a consent(true) made before the config arrived counting from the store's opening (the stored
  // profile read at once, so no popup its caps hold back is fetched ahead; the page's journal kept in storage throughout).
  // 19,935: the store opening on consent given tells the journal so in one call, not a withdrawal and a grant (−10 B).
  // 19,937: +2 B measured for the start asking one function whether it stores from the start (the early database, the store).
  { file: 'dist/segmint.js', maxGzipBytes: 19937 },
  // Once the visitor qualifies for a campaign: waiting triggers, the popup lifecycle.
  { file: 'dist/segmint-engage.js', maxGzipBytes: 4840 },
  // Once a popup is about to show: Preact, components, CSS.
  { file: 'dist/segmint-popup.js', maxGzipBytes: 8 * 1024 },
  // Once the config needs country, currency or referrerType: the signals' lookup tables.
  // 3,391: 2,498 with +893 B measured for the currency and referrer-type code moved from the core (with its own copy of the
  // JSON-LD reader, which the core keeps for the page type and product).
  { file: 'dist/segmint-tables.js', maxGzipBytes: 3391 },
  // Once a config text not checked before on this browser arrives: the config checks.
  // 8,648: main's 8,496 with +152 B measured for walking the config in frames (a list of thousands of campaigns was one long first step).
  // 8,688: +40 B measured for not walking forever into a config object that contains itself (npm entry).
  // 8,701: +13 B measured for accepting the `checked` stamp as a root field (a stamped file edited since is checked as any other).
  // 8,720: +19 B measured for needing no currency for a catalog priced in the config's currency alone (issue 11, heap).
  { file: 'dist/segmint-check.js', maxGzipBytes: 8720 },
  // Instead of it, for a campaign with a teaser, a countdown or a question: the same popup with those, and the tab.
  { file: 'dist/segmint-formats.js', maxGzipBytes: 9.5 * 1024 },
  // Once a config has errors: the message of each error code.
  { file: 'dist/segmint-diagnose.js', maxGzipBytes: 3024 },
  // Once the page asks for it (?segmint=debug, data-debug): the inspector panel, with its own Preact.
  { file: 'dist/segmint-inspect.js', maxGzipBytes: 7 * 1024 },
  // Once a page has a slot an inline campaign fills: deciding slots, the inline renderer with its own Preact, CSS. 11,189: main's 11,166 with +23 B measured for recording inline exposures (issue 10); 11,159: the coupon in the region's own font (−30 B); 11,167: +24 B measured for building in a scheduler.yield() continuation, not behind a timer (render/mount.ts nextTask, issue 11 popup latency).
  { file: 'dist/segmint-inline.js', maxGzipBytes: 11167 },
  // Once the page calls explain() or show() (the inspector and ?segmint=preview: do): the explanation, from the core's own decision code, and previews.
  // 750: 511 with +239 B measured for show()'s preview, moved from the core.
  // 751: +1 B measured with terser's inline: 1 and passes: 3 (the core −60 B).
  // 840: +89 B measured for explain() fetching that code from the tables chunk when the config needed no tables.
  // 963: +123 B measured for opening the debug tools from this chunk (the core only reads the request).
  { file: 'dist/segmint-explain.js', maxGzipBytes: 963 },
  // Once an earlier page left entries in its journal: reading them, their purchases' conversions.
  // 1,852: main's 1,833 with +19 B measured for a replayed purchase's page path (the replaying page's for an entry written without one).
  { file: 'dist/segmint-replay.js', maxGzipBytes: 1852 },
  // Once a config text of 64 KB or more arrives (thousands of campaigns): parsing it in slices.
  { file: 'dist/segmint-parse.js', maxGzipBytes: 620 },
  // Where the browser cannot hash a config text natively (an http page, an npm config object): its fingerprint.
  { file: 'dist/segmint-fingerprint.js', maxGzipBytes: 654 },
];

let failed = false;
for (const { file, maxGzipBytes } of BUDGETS) {
  let source;
  try {
    source = readFileSync(file);
  } catch {
    console.error(`size: ${file} is missing; run npm run build first`);
    process.exit(1);
  }
  const gzip = gzipSync(source, { level: 9 }).length;
  const ok = gzip <= maxGzipBytes;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${(gzip / 1024).toFixed(2)} KB gzip (budget ${(maxGzipBytes / 1024).toFixed(2)} KB), ${(source.length / 1024).toFixed(1)} KB raw`);
}
process.exit(failed ? 1 : 0);
