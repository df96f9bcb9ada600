import type { ReferrerType } from './referrer';

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

/** The type of a referrer host (lower-case, without `www.`), or null for one not listed. */
export function findHostType(host: string): 'email' | 'social' | 'search' | null {
  for (const [type, hosts] of HOSTS) if (hosts.test(host)) return type as 'email' | 'social' | 'search';
  return null;
}

/** One regular expression for a space-separated list of host patterns (see HOSTS). */
function compileHosts(patterns: string): RegExp {
  const alternatives = patterns.replace(/\./g, '\\.').replace(/\\\.\*/g, '\\.(co\\.|com\\.)?[a-z]{2,3}').replace(/ /g, '|');
  return new RegExp(`(^|\\.)(${alternatives})$`);
}
