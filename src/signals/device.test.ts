import { describe, expect, it } from 'vitest';
import { collectDeviceSignals } from './device';

const UA = {
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ipadAsMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  androidPhone: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  samsungTablet: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Safari/537.36',
  windowsEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
};

/** A window with only what device detection reads; `media` lists the queries that match. */
function fakeWindow(options: { ua: string; width: number; media?: string[]; touchPoints?: number; hints?: object; matchMedia?: unknown }): Window {
  const matchMedia = 'matchMedia' in options ? options.matchMedia : (query: string) => ({ matches: (options.media ?? []).includes(query) });
  return {
    navigator: { userAgent: options.ua, maxTouchPoints: options.touchPoints ?? 0, userAgentData: options.hints },
    matchMedia,
    innerWidth: options.width,
    document: { documentElement: { clientWidth: options.width } },
  } as unknown as Window;
}

describe('collectDeviceSignals', () => {
  it('reads an iPhone as a mobile iOS Safari', () => {
    const signals = collectDeviceSignals(fakeWindow({ ua: UA.iphone, width: 390, media: ['(pointer: coarse)'], touchPoints: 5 }));
    expect(signals).toMatchObject({ device: 'mobile', os: 'ios', browser: 'safari', touch: true, viewportWidth: 390 });
  });

  it('reads an iPad that claims to be a Mac as a tablet on iOS', () => {
    const signals = collectDeviceSignals(fakeWindow({ ua: UA.ipadAsMac, width: 1024, media: ['(pointer: coarse)'], touchPoints: 5 }));
    expect(signals).toMatchObject({ device: 'tablet', os: 'ios', browser: 'safari' });
  });

  it('reads a Mac without touch as a macOS desktop', () => {
    expect(collectDeviceSignals(fakeWindow({ ua: UA.ipadAsMac, width: 1440 }))).toMatchObject({ device: 'desktop', os: 'macos', touch: false });
  });

  it('reads Android phones and tablets apart, and Samsung Internet', () => {
    expect(collectDeviceSignals(fakeWindow({ ua: UA.androidPhone, width: 412 }))).toMatchObject({ device: 'mobile', os: 'android', browser: 'chrome' });
    expect(collectDeviceSignals(fakeWindow({ ua: UA.samsungTablet, width: 1200 }))).toMatchObject({ device: 'tablet', os: 'android', browser: 'samsung' });
  });

  it('trusts UA client hints where the browser has them', () => {
    const hints = { mobile: true, platform: 'Android', brands: [{ brand: 'Chromium' }, { brand: 'Google Chrome' }] };
    expect(collectDeviceSignals(fakeWindow({ ua: UA.windowsEdge, width: 800, hints }))).toMatchObject({ device: 'mobile', os: 'android', browser: 'chrome' });
  });

  it('reads desktop browsers', () => {
    expect(collectDeviceSignals(fakeWindow({ ua: UA.windowsEdge, width: 1920 }))).toMatchObject({ device: 'desktop', os: 'windows', browser: 'edge' });
    expect(collectDeviceSignals(fakeWindow({ ua: UA.linuxFirefox, width: 1920 }))).toMatchObject({ device: 'desktop', os: 'linux', browser: 'firefox' });
  });

  it('reads the media queries', () => {
    const media = ['(prefers-reduced-motion: reduce)', '(prefers-color-scheme: dark)'];
    expect(collectDeviceSignals(fakeWindow({ ua: UA.linuxFirefox, width: 1280, media }))).toMatchObject({ reducedMotion: true, darkMode: true, touch: false });
  });

  it('does not throw without matchMedia, or where it returns null (Firefox in a hidden iframe)', () => {
    for (const matchMedia of [undefined, () => null]) {
      const signals = collectDeviceSignals(fakeWindow({ ua: UA.linuxFirefox, width: 1280, matchMedia }));
      expect(signals).toMatchObject({ device: 'desktop', touch: false, reducedMotion: false, darkMode: false });
    }
  });
});
