import type { Signals } from '../rules/signals';
import type { Profile } from '../profile/profile';
import { readBehaviourSignals } from '../profile/signals';
import { collectLocaleSignals } from './locale';
import { normalizeCurrency } from './currency';
import { collectDeviceSignals, type DeviceSignals } from './device';
import { readLocation } from './page';
import { detectPageType, type PageType } from './page-type';
import { readReferrerHost, type ReferrerType } from './referrer';
import { readUtm } from './utm';
import type { Utm } from '../profile/profile';
import type { SignalTables } from './signal-tables';
import { collectTimeSignals, readTimeZone } from './time';

/** What the host told us (`data-*` attributes or npm options) and what the config says. */
export interface SignalHints {
  locale?: string;
  country?: string;
  currency?: string;
  defaultLocale: string;
  defaultCurrency?: string;
  pageTypes: [string, ((path: string) => boolean)[]][];
  /** The URL `page(url)` was given, for SPAs that record a page before the location changes. */
  url?: string;
  /**
   * This session's first-touch UTM values, kept by the profile. When given they are the UTM
   * signals and decide `referrerType`'s medium, even when all null (the session began without a
   * campaign link); when absent, the current URL's are used.
   */
  sessionUtm?: Utm;
  /**
   * The lookup tables with the code of `currency` and `referrerType`, loaded when the config needs
   * them (signal-tables.ts). Without them, no condition and no price depends on those two: they say
   * only what the host and the config say, and whether there is a referrer.
   */
  tables?: SignalTables;
}

/** All signals of SPEC §3 for this page and visitor, in the shape conditions read. */
export function collectSignals(win: Window, hints: SignalHints, profile: Profile, now: number): Signals {
  const doc = win.document;
  // The first Intl.DateTimeFormat of a page loads locale data: a long task on a slow phone (about
  // 110 ms at 4× CPU slowdown). So the zone is read only when something asks: a condition on
  // `timezone`, explain(), or a country that neither the host nor the locale gives.
  let zone: string | undefined;
  const readZone = () => (zone ??= readTimeZone());
  const location = readLocation(doc, hints.url);
  const nav = win.navigator;
  // Some browsers leave `languages` empty (embedded webviews); `language` still says something.
  const preferred = nav.languages?.length ? nav.languages : [nav.language];
  const { tables } = hints;
  const locale = collectLocaleSignals(hints, preferred, hints.defaultLocale, readZone, tables);
  const utm = hints.sessionUtm ?? profile.sessionUtm ?? readUtm(location);
  const referrer = readReferrerHost(doc.referrer);
  // Computed when read, once per signals object: a decision reads only the signals its conditions
  // name, and these ask the browser (media queries, the UA, the page's structured data).
  let currency: string | undefined;
  let device: DeviceSignals | undefined;
  const readDevice = () => (device ??= collectDeviceSignals(win));
  let pageType: PageType | undefined;
  let referrerType: ReferrerType | undefined;
  return {
    ...locale,
    get timezone() {
      return readZone();
    },
    get currency() {
      return (currency ??= tables ? tables.detectCurrency(hints.currency, doc, locale.country, hints.defaultCurrency) : normalizeCurrency(hints.currency) ?? normalizeCurrency(hints.defaultCurrency) ?? 'USD');
    },
    get device() {
      return readDevice().device;
    },
    get os() {
      return readDevice().os;
    },
    get browser() {
      return readDevice().browser;
    },
    get touch() {
      return readDevice().touch;
    },
    get reducedMotion() {
      return readDevice().reducedMotion;
    },
    get darkMode() {
      return readDevice().darkMode;
    },
    get viewportWidth() {
      return readDevice().viewportWidth;
    },
    url: location.href,
    path: location.pathname,
    get pageType() {
      return (pageType ??= detectPageType(doc, location.pathname, hints.pageTypes));
    },
    referrer,
    get referrerType() {
      return (referrerType ??= tables ? tables.classifyReferrer(referrer, location.hostname, utm.utmMedium ?? null) : referrer ? 'other' : 'direct');
    },
    // Picked one by one (and null for undefined) so a stored record's extra fields never leak in.
    utmSource: utm.utmSource ?? null,
    utmMedium: utm.utmMedium ?? null,
    utmCampaign: utm.utmCampaign ?? null,
    ...collectTimeSignals(new Date(now)),
    ...readBehaviourSignals(profile, now),
  };
}
