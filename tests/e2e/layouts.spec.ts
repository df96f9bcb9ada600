import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

// Reduced motion: geometry is measured without the entry animation (which it also disables).
test.use({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });

test('a modal is centered and sized to its content', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([makeCampaign('m', { layout: { type: 'modal' } })]) });
  const box = (await dialog(page).boundingBox())!;
  expect(Math.abs(box.x + box.width / 2 - 600)).toBeLessThan(2);
  expect(Math.abs(box.y + box.height / 2 - 400)).toBeLessThan(2);
  expect(box.height).toBeLessThan(300);
});

test('a slide-in sits in its corner and does not take focus', async ({ page }) => {
  await openTestPage(page, {
    config: makeConfig([makeCampaign('s', { layout: { type: 'slide-in', position: 'bottom-left' } })]),
    body: '<input id="search" autofocus>',
  });
  await page.locator('#search').focus();
  const box = (await dialog(page).boundingBox())!;
  expect(box.x).toBe(16);
  expect(Math.round(box.y + box.height)).toBe(800 - 16);
  await expect(page.locator('#search')).toBeFocused();
  await expect(dialog(page)).not.toHaveAttribute('aria-modal', 'true');
});

test('the popup does not shift the page layout', async ({ page }) => {
  await openTestPage(page, {
    config: makeConfig([makeCampaign('bar', { layout: { type: 'bar', position: 'top' }, trigger: { on: 'event', event: 'open' } })]),
    body: '<h1 id="title">Store</h1>',
  });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  const before = await page.locator('#title').boundingBox();
  await page.evaluate(() => (window as any).segmint.track('open'));
  await expect(dialog(page)).toBeVisible();
  expect(await page.locator('#title').boundingBox()).toEqual(before);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });

  test('a modal becomes a bottom sheet no taller than 40% of the viewport', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('m', { layout: { type: 'modal' } })]) });
    const box = (await dialog(page).boundingBox())!;
    expect(Math.round(box.y + box.height)).toBe(780);
    expect(box.height).toBeLessThanOrEqual(780 * 0.4 + 1);
    expect(box.width).toBe(390);
  });
});

test('a modal locks the page scroll and restores it exactly, without shifting the page sideways', async ({ page }) => {
  await openTestPage(page, {
    config: makeConfig([makeCampaign('m', { layout: { type: 'modal' }, trigger: { on: 'event', event: 'open' } })]),
    body: '<div id="wide" style="height: 3000px; background: linear-gradient(#fff, #ccc)">tall page</div>',
  });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => {
    document.documentElement.style.setProperty('scroll-behavior', 'auto');
    window.scrollTo(0, 500);
  });
  const before = await page.evaluate(() => ({ style: document.documentElement.getAttribute('style'), width: document.getElementById('wide')!.getBoundingClientRect().width }));
  await page.evaluate(() => (window as any).segmint.track('open'));
  await expect(dialog(page)).toBeVisible();
  await page.mouse.move(100, 100);
  await page.mouse.wheel(0, 800);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => window.scrollY)).toBe(500);
  expect(await page.evaluate(() => document.getElementById('wide')!.getBoundingClientRect().width)).toBe(before.width);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBe(before.style);
  expect(await page.evaluate(() => window.scrollY)).toBe(500);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
});

test.describe('for a visitor who prefers dark mode', () => {
  test.use({ colorScheme: 'dark' });
  const background = (page: import('@playwright/test').Page) =>
    page.evaluate(() => getComputedStyle(document.querySelector('segmint-root')!.shadowRoot!.querySelector('.sm-dialog')!).backgroundColor);

  test('the default theme turns dark', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('auto')]) });
    await expect(dialog(page)).toBeVisible();
    expect(await background(page)).toBe('rgb(29, 32, 36)');
  });

  test('a theme with scheme "light" stays light', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('light')], { theme: { scheme: 'light' } }) });
    await expect(dialog(page)).toBeVisible();
    expect(await background(page)).toBe('rgb(255, 255, 255)');
  });
});

test('when the host replaces <body> under an open modal, the popup tears down: scrolling and keys work again', async ({ page }) => {
  const config = makeConfig([makeCampaign('m', { layout: { type: 'modal' }, trigger: { on: 'event', event: 'open' } }), makeCampaign('next', { trigger: { on: 'event', event: 'next' } })]);
  await openTestPage(page, { config, body: '<div style="height: 3000px">tall page</div>' });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.track('open'));
  await expect(dialog(page)).toBeVisible();
  await page.evaluate(() => {
    const fresh = document.createElement('body');
    fresh.innerHTML = '<div id="new-root" style="height: 3000px">re-rendered page</div>';
    document.documentElement.replaceChild(fresh, document.body);
  });
  // No inline style of ours is left on <html> (the Escape path checks the attribute byte for byte).
  await expect.poll(() => page.evaluate(() => document.documentElement.style.length)).toBe(0);
  await page.mouse.wheel(0, 400);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  // The next campaign can show: the torn-down popup no longer counts as open.
  await page.evaluate(() => (window as any).segmint.track('next'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'next');
});
