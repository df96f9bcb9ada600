import { describe, expect, it } from 'vitest';
import { readUtm } from './utm';

describe('readUtm', () => {
  it('reads the three parameters', () => {
    expect(readUtm('https://shop.example/p?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale')).toEqual({
      utmSource: 'newsletter', utmMedium: 'email', utmCampaign: 'spring-sale',
    });
  });

  it('is null for each one absent or empty', () => {
    expect(readUtm('https://shop.example/p?utm_source=google&utm_medium=')).toEqual({ utmSource: 'google', utmMedium: null, utmCampaign: null });
    expect(readUtm('https://shop.example/')).toEqual({ utmSource: null, utmMedium: null, utmCampaign: null });
  });

  it('decodes and trims values, and treats whitespace alone as absent', () => {
    expect(readUtm('https://shop.example/?utm_campaign=%20Black%20Friday+2026%20&utm_source=+++')).toMatchObject({ utmCampaign: 'Black Friday 2026', utmSource: null });
  });

  it('caps values at 100 characters without splitting a character in two', () => {
    expect(readUtm(`https://shop.example/?utm_campaign=${'x'.repeat(500)}`).utmCampaign).toBe('x'.repeat(100));
    const emoji = readUtm(`https://shop.example/?utm_campaign=${'x'.repeat(99)}${encodeURIComponent('🎉')}`).utmCampaign;
    expect(emoji).toBe('x'.repeat(99));
  });

  it('takes the first of a repeated parameter and ignores other spellings and the fragment', () => {
    expect(readUtm('https://shop.example/?utm_source=a&utm_source=b&UTM_MEDIUM=email#utm_campaign=c')).toEqual({
      utmSource: 'a', utmMedium: null, utmCampaign: null,
    });
  });

  it('accepts a URL object or a relative URL, and survives a malformed one', () => {
    expect(readUtm(new URL('https://shop.example/?utm_source=x')).utmSource).toBe('x');
    expect(readUtm('/landing?utm_medium=cpc').utmMedium).toBe('cpc');
    expect(readUtm('https://shop.example/?utm_source=%E0%A4%A')).toMatchObject({ utmMedium: null });
    expect(readUtm('http://[bad')).toEqual({ utmSource: null, utmMedium: null, utmCampaign: null });
  });
});
