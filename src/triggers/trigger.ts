import type { Trigger } from '../types';

/** What triggers may listen to besides the DOM. */
export interface TriggerContext {
  /** Subscribes to tracked event names; returns the unsubscribe function. */
  onTrack(handler: (name: string) => void): () => void;
  /** When the visitor's session began (epoch ms), for triggers that count across pages. */
  sessionStartedAt(): number;
  /** The device signal, for triggers whose heuristic differs on touch devices. */
  device(): 'mobile' | 'tablet' | 'desktop';
  /** Calls `fire` once after `ms`; returns the stop function (`page-timers.ts`). */
  after(ms: number, fire: () => void): () => void;
}

/** Arms one trigger: calls `fire` whenever it fires, until the returned stop function is called. */
export type ArmTrigger<T extends Trigger = Trigger> = (trigger: T, context: TriggerContext, fire: () => void) => () => void;
