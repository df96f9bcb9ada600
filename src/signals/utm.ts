import type { Utm } from '../profile/profile';

/** Long enough for any real campaign name; a longer value is someone stuffing the URL. */
const MAX_LENGTH = 100;

/**
 * Reads `utm_source`, `utm_medium` and `utm_campaign` from a URL (absolute, or relative to any
 * origin): trimmed, capped at 100 characters, null when absent, empty or unreadable. The first of
 * a repeated parameter wins; names are case-sensitive, as analytics tools read them.
 */
export function readUtm(url: string | URL): Utm {
  let params: URLSearchParams | undefined;
  try {
    params = new URL(url, 'https://localhost').searchParams;
  } catch {
    params = undefined;
  }
  const read = (name: string): string | null => {
    const value = params?.get(name)?.trim().slice(0, MAX_LENGTH);
    // A cut through a surrogate pair would leave half an emoji.
    return value?.replace(/[\uD800-\uDBFF]$/, '') || null;
  };
  return { utmSource: read('utm_source'), utmMedium: read('utm_medium'), utmCampaign: read('utm_campaign') };
}
