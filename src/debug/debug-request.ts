/** What the page asked of the debug tools, by `?segmint=` in its URL or `data-debug`. */
export interface DebugRequest {
  /** Open the inspector panel. */
  inspect: boolean;
  /** Show this campaign at once, as `show()` would (a preview: counted toward nothing). */
  preview?: string;
}

/**
 * Reads `?segmint=debug` and `?segmint=preview:<campaignId>` (SPEC §9). The query only ever asks:
 * it never chooses or changes the config, and a preview only shows a campaign the config has.
 */
export function readDebugRequest(search: string, debugOption: boolean | undefined): DebugRequest {
  let value: string | null = null;
  try {
    value = new URLSearchParams(search).get('segmint');
  } catch {
    // An unreadable query asks for nothing.
  }
  const preview = value?.startsWith('preview:') ? value.slice('preview:'.length).trim() : '';
  return { inspect: !!debugOption || value === 'debug', ...(preview && { preview }) };
}
