import type { SegmintEvents, SegmintOptions } from '../types';
import type { ChunkLoader } from '../chunks/contract';
import type { Order } from '../analytics/forward-analytics';
import type { PopupLifecycle } from '../popup-lifecycle';
import type { Session } from './session';
import type { PreparedCampaign } from '../campaigns/prepare';
import type { ArmedPage } from './arm-page';
import type { InlinePlacements } from '../inline-placements';
import type { Journal } from '../profile/journal';

/**
 * What the parts of a started instance share: the session, the host-facing plumbing (events,
 * the error boundary, the chunk loader) and the little state the public methods change.
 * Passed explicitly to the functions of `src/runtime/`, so no one closure holds the instance.
 */
export interface Runtime {
  session: Session;
  options: Omit<SegmintOptions, 'config'>;
  now: () => number;
  emit<K extends keyof SegmintEvents>(event: K, payload: SegmintEvents[K]): void;
  on<K extends keyof SegmintEvents>(event: K, handler: (payload: SegmintEvents[K]) => void): () => void;
  report(error: unknown, context?: string): void;
  safely<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined;
  loadChunk: ChunkLoader;
  /** Tracked event names, for `event` triggers. */
  trackListeners: Set<(name: string) => void>;
  /** Purchases of a visitor exposed within a campaign's attribution window, for the beacon (SPEC §10). */
  purchaseListeners: Set<(purchase: Order) => void>;
  state: InstanceState;
  /** This page's write-ahead journal (see profile/journal.ts). */
  journal: Journal;
  /** A campaign's trigger fired: decide in the next task with whatever else fired meanwhile. */
  fire: (campaign: PreparedCampaign) => void;
}

/** What the public methods set, before and after start. */
export interface InstanceState {
  destroyed: boolean;
  /** The product of this page's last `view_item`: what `of: "current"` offers start from. */
  pageProduct?: string;
  /** The last `consent()` call's answer, before its queued store change has run. */
  requestedConsent?: boolean;
  /** Created with the engagement chunk, when the first popup is about to show. */
  popups?: PopupLifecycle;
  /** Created with the inline chunk, when the first slot is about to be filled. */
  inline?: InlinePlacements;
  /** This page's armed triggers and state machine. */
  page?: ArmedPage;
  /** The popup's profile writes made outside the queue, until they are done. */
  writing?: Promise<unknown>;
}
