/** What one tab tells the others about the stored profile. */
export type TabMessage = 'changed' | 'erased' | 'forgotten';

/** A line to the other tabs of this site; silent where BroadcastChannel is missing. */
export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

const CHANNEL = 'segmint';
const MESSAGES: readonly string[] = ['changed', 'erased', 'forgotten'];

/** Opens the channel; `onMessage` hears only the other tabs (BroadcastChannel never echoes). */
export function createTabChannel(onMessage: (message: TabMessage) => void): TabChannel {
  let channel: BroadcastChannel | null = null;
  try {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  } catch {
    channel = null;
  }
  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      // The page may use a channel of the same name for its own purposes: accept only ours.
      if (typeof event.data === 'string' && MESSAGES.includes(event.data)) onMessage(event.data as TabMessage);
    };
  }
  return {
    post: (message) => {
      try {
        channel?.postMessage(message);
      } catch {
        // A closed channel has nobody left to tell.
      }
    },
    close: () => {
      channel?.close();
      channel = null;
    },
  };
}
