/*
 * The `replay` chunk (`segmint-replay.js`): what a page needs only when an earlier one went before
 * its IndexedDB writes finished and left entries in its journal (profile/journal.ts): reading them,
 * and the conversions their purchases make. Loaded by the profile store when it finds such keys.
 */
export { readJournalEntries } from '../profile/journal-replay';
export { followPurchases } from './replay-purchases';
