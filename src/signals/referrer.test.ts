import { describe, expect, it } from 'vitest';
import { tables } from './tables';
import { classifyReferrer, readReferrerHost } from './referrer';

describe('readReferrerHost', () => {
  it.each([
    ['https://www.google.com/search?q=tent', 'www.google.com'],
    ['android-app://com.google.android.gm/', 'com.google.android.gm'],
    ['', null],
    ['not a url', null],
  ])('reads %j as %j', (referrer, expected) => {
    expect(readReferrerHost(referrer)).toBe(expected);
  });
});

describe('classifyReferrer', () => {
  const page = 'www.shop.example';

  it('is direct without a referrer', () => {
    expect(classifyReferrer(null, page, null, tables)).toBe('direct');
  });

  it.each([
    ['www.shop.example', 'www.shop.example'],
    ['shop.example', 'www.shop.example'],
    ['www.shop.example', 'shop.example'],
    ['checkout.shop.example', 'www.shop.example'],
    ['shop.example', 'de.shop.example'],
    ['WWW.Shop.Example', 'shop.example'],
  ])('is internal from %s to %s', (referrer, pageHost) => {
    expect(classifyReferrer(referrer, pageHost, null, tables)).toBe('internal');
  });

  it('does not take a look-alike domain for the same site', () => {
    expect(classifyReferrer('evilshop.example', 'shop.example', null, tables)).toBe('other');
    expect(classifyReferrer('shop.example.evil', 'shop.example', null, tables)).toBe('other');
  });

  it.each([
    'www.google.com', 'google.de', 'www.google.co.uk', 'www.google.com.br', 'com.google.android.googlequicksearchbox',
    'www.bing.com', 'cn.bing.com', 'duckduckgo.com', 'search.yahoo.com', 'yahoo.co.jp', 'yandex.ru', 'yandex.com.tr',
    'www.baidu.com', 'www.ecosia.org', 'www.qwant.com', 'search.brave.com', 'www.startpage.com',
  ])('is search from %s', (host) => {
    expect(classifyReferrer(host, page, null, tables)).toBe('search');
  });

  it.each([
    'www.facebook.com', 'l.facebook.com', 'm.facebook.com', 'instagram.com', 'l.instagram.com', 't.co', 'twitter.com', 'x.com',
    'www.linkedin.com', 'lnkd.in', 'www.pinterest.com', 'pinterest.de', 'www.reddit.com', 'www.tiktok.com', 'm.youtube.com',
    'www.snapchat.com', 'www.threads.net', 'web.whatsapp.com',
  ])('is social from %s', (host) => {
    expect(classifyReferrer(host, page, null, tables)).toBe('social');
  });

  it.each(['mail.google.com', 'com.google.android.gm', 'outlook.live.com', 'outlook.office.com', 'mail.yahoo.com', 'mail.yahoo.co.jp', 'deref-gmx.net'])(
    'is email from %s, though it lives on a search domain',
    (host) => {
      expect(classifyReferrer(host, page, null, tables)).toBe('email');
    },
  );

  it.each(['blog.example.org', 'news.ycombinator.com', 'google.example.com', 'notgoogle.com', 'fox.com', 'mybing.com'])('is other from %s', (host) => {
    expect(classifyReferrer(host, page, null, tables)).toBe('other');
  });

  it.each([
    ['email', 'email'], ['E-Mail', 'email'], ['e_mail', 'email'],
    ['social', 'social'], ['social-media', 'social'], ['Social Media', 'social'], ['paid-social', 'social'], ['paid_social', 'social'],
    ['cpc', 'search'], ['PPC', 'search'], ['paidsearch', 'search'], ['organic', 'search'],
  ])('lets utm_medium=%s say %s, whatever the referrer', (medium, expected) => {
    expect(classifyReferrer(null, page, medium, tables)).toBe(expected);
    expect(classifyReferrer('www.google.com', page, medium, tables)).toBe(expected);
    expect(classifyReferrer('www.shop.example', page, medium, tables)).toBe(expected);
  });

  it('leaves an unknown utm_medium to the referrer host', () => {
    expect(classifyReferrer('www.facebook.com', page, 'display', tables)).toBe('social');
    expect(classifyReferrer(null, page, 'affiliate', tables)).toBe('direct');
    expect(classifyReferrer(null, page, 'constructor', tables)).toBe('direct');
    expect(classifyReferrer(null, page, '', tables)).toBe('direct');
  });
});
