import type { SignalHints } from './signals/collect';
import type { PreparedConfig } from './rules/prepare-config';
import type { Runtime } from './runtime/runtime';
import type { Chunks } from './chunks/contract';
import { loadCheckedConfig, rememberConfig, type ConfigSource } from './config/load-checked-config';
import type { JournalEntry } from './profile/journal';
import type { ProfileEvent } from './profile/record';
import { openProfileStore, type ProfileStore } from './profile/store';
import { openDatabase, type Database } from './profile/database';
import { readUtm } from './signals/utm';
import { armPage } from './runtime/arm-page';
import { createFiring, decideFired } from './runtime/decide-fired';
import { convertReplayed } from './runtime/conversions';
import { mayNeedSignalTables, needsSignalTables } from './rules/needed-signals';
import { restoreTeaser } from './runtime/restore-teaser';
import { prefetchPagePopup, prefetchUncheckedPopup } from './runtime/prefetch-popup';
import { readLocation } from './signals/page';
import { yieldToHost } from './lib/yield-to-host';

/** What starting needs from the instance being started. */
export type StartContext = Omit<Runtime, 'session' | 'fire'> & { source: ConfigSource; enqueue: (task: () => unknown) => void };

/**
 * How segmint starts on a page, one step a line, in tasks after the one that called it: ask for
 * the config → collect what the host said → load the config (checked and compiled;
 * the cached one when fetching fails) → open the profile → record the page view → decide (the
 * `pageview` campaigns fire at once) and arm the triggers that wait → bring back a teaser tab
 * minimised on an earlier page.
 * Resolves to the running instance's runtime, or null when no config is usable (reported).
 */
export async function start(context: StartContext): Promise<Runtime | null> {
  const { options, now, journal } = context;
  // Journalled now, not once the config and the profile are there: the visitor may be gone by then.
  const pageView = journal.add(readPageView(location.href), now());
  // The rest in tasks of their own: evaluating the script is one already, near 50 ms at 4× CPU.
  // Asking for the config there too cost the page 30 ms of script time at 4× (paired page-impact
  // runs); in the continuation right after it, it costs none and every step after waits for its
  // answer. Then the journal's first touch of storage (the browser loads the origin's storage area
  // for it): a first visit (no earlier page's profile remembered) keeps no checked config and has
  // no caps, so what it needs starts loading at once.
  await yieldToHost();
  const loading = context.source.cacheKey ? context.source.load() : undefined;
  loading?.catch(() => {});
  const firstVisit = !journal.remembered();
  await yieldToHost();
  const path = readLocation(document, undefined).pathname;
  // As soon as the config's text is there, before it is checked: the signal tables start loading
  // when it may need them, beside its checks (on a first visit, the checks load beside the fetch;
  // what the checks find is wanted again); a first visit's popup shown at once to everyone has
  // its chunks asked for; and where storing needs no consent (the host's word, else the config's
  // own), the database opens while the config is checked and compiled.
  const tables = wantSignalTables(context);
  let database: Promise<Database> | undefined;
  const config = await loadCheckedConfig({
    ...context,
    loading,
    onNeeds: tables.want,
    onText: (text, raw) => {
      if (mayNeedSignalTables(text, raw)) tables.load();
      // In a task of their own: parsing the text was one.
      void yieldToHost().then(() => {
        const storing = storesFromStart(context, (raw as { consent?: unknown }).consent);
        // A fresh profile decides: a first visit's, or, until consent, one in memory for the page.
        if (firstVisit || !storing) prefetchUncheckedPopup(context.loadChunk, raw);
        if (storing) (database = openDatabase()).catch(() => {});
      });
    },
    mayHaveKept: !firstVisit,
  });
  if (!config || context.state.destroyed) {
    journal.allow(false);
    return null;
  }
  const hints = collectHints(options, config.prepared);
  tables.want(config.prepared.needs);
  // A purchase replayed from a page gone too soon converts here, announced once this page runs.
  const replayed = convertReplayed(config.prepared.campaigns, context.loadChunk, (emit) => context.enqueue(() => emit(rt)));
  const store = await openProfile(context, config.prepared, { ...replayed, database });
  // A popup that may show at once has its chunks loading while the tables and the page view are awaited.
  prefetchPagePopup(context.loadChunk, config.prepared, store.read(), path, now());
  // The page view is stored while the tables may still be on their way: neither needs the other.
  [hints.tables] = await Promise.all([tables.read(), store.record(pageView)]);
  const keepConfig = () => rememberConfig(context.source, config, store.isPersistent(), now());
  keepConfig();

  const rt: Runtime = { ...context, session: { prepared: config.prepared, store, hints, rejected: config.rejected, keepConfig }, fire: () => {} };
  rt.fire = createFiring(context.enqueue, (candidates) => decideFired(rt, candidates));
  await armPageOf(rt);
  // Only a config with a teaser can have one to restore: otherwise it is never compiled (README "Page impact").
  if (config.prepared.campaigns.some((c) => c.teaser)) context.enqueue(() => restoreTeaser(rt));
  return rt;
}

/** A later page in the same document (SPA): record it (journalled when `page()` was called), then decide and arm again. */
export async function startNextPage(rt: Runtime, url: string | undefined, pageView: JournalEntry): Promise<void> {
  rt.session.hints.url = url;
  rt.state.pageProduct = undefined;
  rt.state.page?.stop();
  await rt.session.store.record(pageView);
  if (rt.state.destroyed) return;
  await armPageOf(rt);
  await restoreTeaser(rt);
}

/** Arms this page's triggers (in slices); one that cannot be armed stops the others armed with it. */
async function armPageOf(rt: Runtime): Promise<void> {
  const page = (rt.state.page = armPage(rt));
  await page.armed.catch((error: unknown) => {
    page.stop();
    throw error;
  });
}

/** What the host told us (`data-*` attributes or npm options), with the config's defaults. */
function collectHints(options: StartContext['options'], prepared: PreparedConfig): SignalHints {
  // With the host's other settings (consent, debug) beside them: no signal reads those.
  return {
    ...options,
    defaultLocale: prepared.defaultLocale,
    defaultCurrency: prepared.currency,
    pageTypes: prepared.pageTypes,
  };
}

/** The visitor's profile, in IndexedDB unless the host or the config asks for consent first. */
function openProfile(context: StartContext, prepared: PreparedConfig, opened: Pick<Parameters<typeof openProfileStore>[0], 'replay' | 'onReplay' | 'database'>): Promise<ProfileStore> {
  return openProfileStore({
    persistent: storesFromStart(context, prepared.config.consent),
    needsNoConsent: mayStore(context.options, prepared.config.consent),
    now: context.now,
    journal: context.journal,
    ...opened,
    onError: (message, cause) => context.report(cause ?? new Error(message), cause ? message : undefined),
  });
}

/**
 * Whether this page stores the profile from the start: `consent()` called before now (queued
 * before the script, or while the config loaded) says so, else whether storing needs no consent.
 * Then the decisions and what is fetched ahead read the stored profile, and the journal stays in storage.
 */
function storesFromStart(context: StartContext, configConsent: unknown): boolean {
  return context.state.requestedConsent ?? mayStore(context.options, configConsent);
}

/** Whether storing needs no consent: the host's consent setting, else the config's (`consent`), say so. */
function mayStore(options: StartContext['options'], configConsent: unknown): boolean {
  return (options.consent ?? configConsent ?? 'granted') === 'granted';
}

/**
 * The lookup tables, loaded once `want` is told of needs that read them, or ahead by `load` (the
 * config's text may need them); `read` gives them when needed, or nothing (not needed: not
 * waited for; or they failed to load, reported: those signals then say less).
 */
function wantSignalTables(context: StartContext): { want: (needs: Iterable<string>) => void; load: () => void; read: () => Promise<SignalHints['tables']> } {
  let loading: Promise<Chunks['tables']> | undefined;
  let needed = false;
  const load = () => {
    if (!loading) (loading = context.loadChunk('tables')).catch(() => {});
  };
  return {
    want: (needs) => {
      if (!needsSignalTables(new Set(needs))) return;
      needed = true;
      load();
    },
    load,
    read: async () => {
      try {
        return needed ? (await loading)?.tables : undefined;
      } catch (error) {
        context.report(error, 'country, currency and referrer type are read without their tables');
        return undefined;
      }
    },
  };
}

/** The page view of `url`, with the session's first-touch campaign parameters. */
export function readPageView(url: string | URL): ProfileEvent {
  return { type: 'page', utm: readUtm(url) };
}
