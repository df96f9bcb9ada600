import { describe, expect, it } from 'vitest';
import { isSafeUrl } from './safe-url';

describe('isSafeUrl', () => {
  it.each([
    'https://shop.example/cart',
    'HTTPS://SHOP.EXAMPLE/',
    'http://shop.example/sale?x=1',
    '/collections/new',
    'products/tent',
    '../cart',
    '?coupon=CAMP10',
    '#top',
    '',
    ' /cart ',
    'img/a b.png',
    '/a\\b.png',
    '/%5Cevil.example/x.png',
    'HtTpS://cdn.example.com/x.png',
    '/search?q=a:b',
  ])('accepts %j', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '\tjavascript:alert(1)',
    ' javascript:alert(1)',
    '\n\r javascript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u001fjavascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript\r:alert(1)',
    'data:text/html,x',
    'DATA:text/html;base64,PHNjcmlwdD4=',
    'vbscript:x',
    'file:///etc/passwd',
    'blob:https://shop.example/1',
    'mailto:a@b.example',
    'httpx://shop.example',
    // Relative-looking, but the browser resolves them to another host (issue 12, defect 5).
    '/\\evil.example/x.png',
    '\\\\evil.example/x.png',
    '\\/evil.example/x.png',
    '//evil.example/x.png',
    ' //evil.example/x.png',
    '/\t/evil.example/x.png',
    '/\n/evil.example/x.png',
    '\t/\\evil.example',
    '\u0001//evil.example',
    'https:evil.example/x.png',
    'HTTP:evil.example',
    'https://',
  ])('rejects %j', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['https://shop.example'], { toString: () => 'https://shop.example' }])('rejects the non-string %j', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
});
