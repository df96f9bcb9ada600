/** Device signals of SPEC §3. */
export interface DeviceSignals {
  device: 'mobile' | 'tablet' | 'desktop';
  os: string;
  browser: string;
  touch: boolean;
  reducedMotion: boolean;
  darkMode: boolean;
  viewportWidth: number;
}

interface ClientHints {
  mobile?: boolean;
  platform?: string;
  brands?: { brand: string }[];
}

/**
 * Classifies the device from UA client hints where the browser has them (Chromium), else the UA
 * string, refined by the pointer and viewport: a coarse pointer on a wide screen is a tablet even
 * when iPadOS claims to be a Mac.
 */
export function collectDeviceSignals(win: Window): DeviceSignals {
  const nav = win.navigator;
  const hints = (nav as Navigator & { userAgentData?: ClientHints }).userAgentData;
  const ua = nav.userAgent || '';
  // Firefox before 62 returns null from matchMedia inside a hidden iframe; some webviews lack it.
  const matches = (query: string) => !!win.matchMedia?.(query)?.matches;
  const coarse = matches('(pointer: coarse)');
  const touch = coarse || (nav.maxTouchPoints ?? 0) > 0;
  const viewportWidth = win.innerWidth || win.document.documentElement.clientWidth || 0;
  const os = detectOs(hints?.platform ?? '', ua, touch);
  const uaSaysMobile = hints?.mobile ?? /Mobi|iPhone|iPod|Android.*Mobile/i.test(ua);
  const uaSaysTablet = /iPad|Tablet|Android(?!.*Mobile)/i.test(ua) || (os === 'ios' && !/iPhone|iPod/.test(ua));
  const device = uaSaysMobile ? 'mobile'
    : uaSaysTablet || (coarse && viewportWidth >= 600 && viewportWidth < 1280) ? 'tablet'
    : coarse && viewportWidth < 600 ? 'mobile'
    : 'desktop';
  return {
    device, os, browser: detectBrowser(hints?.brands, ua), touch,
    reducedMotion: matches('(prefers-reduced-motion: reduce)'),
    darkMode: matches('(prefers-color-scheme: dark)'),
    viewportWidth,
  };
}

function detectOs(platform: string, ua: string, touch: boolean): string {
  const source = platform || ua;
  if (/Android/i.test(source)) return 'android';
  if (/iPhone|iPad|iPod|iOS/i.test(source)) return 'ios';
  // iPadOS 13+ reports a Mac user agent; a Mac with touch is an iPad.
  if (/Mac/i.test(source)) return touch ? 'ios' : 'macos';
  if (/CrOS|Chrome OS/i.test(source)) return 'chromeos';
  if (/Win/i.test(source)) return 'windows';
  if (/Linux/i.test(source)) return 'linux';
  return 'other';
}

function detectBrowser(brands: { brand: string }[] | undefined, ua: string): string {
  const names = brands?.map((b) => b.brand).join(' ') ?? '';
  if (/Edg/i.test(names || ua)) return 'edge';
  if (/SamsungBrowser|Samsung Internet/i.test(names || ua)) return 'samsung';
  if (/Firefox|FxiOS/i.test(ua)) return 'firefox';
  if (/Chrom(e|ium)|CriOS/i.test(names || ua)) return 'chrome';
  if (/Safari/i.test(ua)) return 'safari';
  return 'other';
}
