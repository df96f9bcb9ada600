import type { PreparedConfig } from '../rules/prepare-config';
import type { ProfileStore } from '../profile/store';
import type { SignalHints } from '../signals/collect';

/** A started instance's state: the compiled config, the profile, and what the host told us. */
export interface Session {
  prepared: PreparedConfig;
  store: ProfileStore;
  hints: SignalHints;
  /** Campaigns left out at load, for `explain()`. */
  rejected: { id: string; pointer: string }[];
  /**
   * Keeps the config (checked, and as the fallback) where the profile is stored now: called at the
   * start, and again once consent given later lets the profile be stored (`config/load-checked-config.ts` `rememberConfig`).
   */
  keepConfig: () => void;
}
