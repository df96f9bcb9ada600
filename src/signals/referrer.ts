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
 * Host patterns per type: a pattern matches the host and its subdomains (`facebook.com` covers
 * `l.facebook.com`); `.*` stands for any country domain (`google.*`: google.de, google.co.uk,
 * google.com.br). Email comes first because webmail lives on search engines' domains
 * (mail.google.com, mail.yahoo.com). `com.google.android.*` hosts are what Android apps send as
 * `android-app://` referrers.
 */
const HOSTS: [ReferrerType, RegExp][] = [
  ['email', compileHosts('mail.google.com com.google.android.gm outlook.live.com outlook.office.com outlook.office365.com mail.yahoo.* mail.aol.com mail.proton.me mail.zoho.* mail.yandex.* e.mail.ru icloud.com fastmail.com gmx.* deref-gmx.net deref-web.de')],
  ['social', compileHosts('facebook.com fb.com fb.me messenger.com instagram.com threads.net threads.com t.co twitter.com x.com linkedin.com lnkd.in pinterest.* pin.it reddit.com tiktok.com youtube.com youtu.be snapchat.com whatsapp.com wa.me t.me vk.com ok.ru weibo.com line.me discord.com tumblr.com quora.com bsky.app xing.com')],
  ['search', compileHosts('google.* com.google.android.googlequicksearchbox bing.com duckduckgo.com yahoo.* yandex.* ya.ru baidu.com ecosia.org qwant.com search.brave.com startpage.com naver.com seznam.cz sogou.com ask.com kagi.com')],
];

/**
 * Classifies where a visit came from: a known `utmMedium` first (see TYPE_BY_MEDIUM); then
 * `direct` without a referrer, `internal` from the same site, `email`, `social` or `search` for
 * known hosts, else `other`. The same site means the same host once a leading `www.` is dropped,
 * or one host under the other (`shop.example.com` and `example.com`); sibling subdomains
 * (`blog.` and `shop.`) would need the public-suffix list, too big to ship, and count as `other`.
 */
export function classifyReferrer(referrerHost: string | null, pageHost: string, utmMedium: string | null): ReferrerType {
  const medium = utmMedium?.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const typeByMedium = medium && findTypeByMedium(medium);
  if (typeByMedium) return typeByMedium;
  if (!referrerHost) return 'direct';
  const from = dropWww(referrerHost.toLowerCase());
  const to = dropWww(pageHost.toLowerCase());
  if (from === to || from.endsWith('.' + to) || to.endsWith('.' + from)) return 'internal';
  for (const [type, hosts] of HOSTS) if (hosts.test(from)) return type;
  return 'other';
}

function dropWww(host: string): string {
  return host.replace(/^www\./, '');
}

/** One regular expression for a space-separated list of host patterns (see HOSTS). */
function compileHosts(patterns: string): RegExp {
  const alternatives = patterns.replace(/\./g, '\\.').replace(/\\\.\*/g, '\\.(co\\.|com\\.)?[a-z]{2,3}').replace(/ /g, '|');
  return new RegExp(`(^|\\.)(${alternatives})$`);
}
