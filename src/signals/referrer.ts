import type { SignalLookups } from './signal-tables';
import { createLookup } from '../lib/create-lookup';

/** Where the visit came from, as the `referrerType` signal names it. */
export type ReferrerType = 'direct' | 'search' | 'social' | 'email' | 'internal' | 'other';

/** The host of a referrer URL (`document.referrer`), or null when there is none or it is unreadable. */
export function readReferrerHost(referrer: string): string | null {
  try {
    return (referrer && new URL(referrer).hostname) || null;
  } catch {
    return null;
  }
}

/**
 * `utm_medium` → referrer type. A campaign link says what it is more reliably than the referrer,
 * which mail clients and apps strip, so a known medium decides; an unknown one (`display`,
 * `affiliate`, `referral`) leaves it to the host. Compared lower-cased, with spaces and `_` read
 * as `-` (`Paid_Social` is `paid-social`). The mapping follows GA4's default channel groups
 * (https://support.google.com/analytics/answer/9756891), reduced to our three types:
 *   email, e-mail                                                  → email
 *   social, social-media, social-network, paid-social, paidsocial  → social
 *   cpc, ppc, paidsearch, paid-search, organic                     → search
 */
const findTypeByMedium = createLookup<'email' | 'social' | 'search'>({
  email: 'email e-mail',
  social: 'social social-media social-network paid-social paidsocial',
  search: 'cpc ppc paidsearch paid-search organic',
});

/**
 * Classifies where a visit came from: a known `utmMedium` first (see TYPE_BY_MEDIUM); then
 * `direct` without a referrer, `internal` from the same site, `email`, `social` or `search` for
 * known hosts (with the tables: referrer-hosts.ts), else `other`. The same site means the same host once a leading `www.` is dropped,
 * or one host under the other (`shop.example.com` and `example.com`); sibling subdomains
 * (`blog.` and `shop.`) would need the public-suffix list, too big to ship, and count as `other`.
 */
export function classifyReferrer(referrerHost: string | null, pageHost: string, utmMedium: string | null, tables: SignalLookups | undefined): ReferrerType {
  const medium = utmMedium?.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const typeByMedium = medium && findTypeByMedium(medium);
  if (typeByMedium) return typeByMedium;
  if (!referrerHost) return 'direct';
  const from = dropWww(referrerHost.toLowerCase());
  const to = dropWww(pageHost.toLowerCase());
  if (from === to || from.endsWith('.' + to) || to.endsWith('.' + from)) return 'internal';
  return tables?.findHostType(from) ?? 'other';
}

function dropWww(host: string): string {
  return host.replace(/^www\./, '');
}
