import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';
import { EXIT_INTENT } from '../../src/triggers/exit-intent';

const EXIT_ARM_DELAY_MS = EXIT_INTENT.armDelayMs;

/** Resolves once segmint has started, so every trigger is armed. */
async function armed(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.explain());
}

/** Expects no popup now, nor after `ms` more (a trigger fires on a frame or a task). */
async function expectNoPopupFor(page: Page, ms = 400): Promise<void> {
  await page.waitForTimeout(ms);
  await expect(dialog(page)).toHaveCount(0);
}

const scrollToY = (page: Page, y: number) => page.evaluate((top) => window.scrollTo(0, top), y);
const bottomOfViewport = (page: Page) => page.evaluate(() => ((scrollY + innerHeight) / document.documentElement.scrollHeight) * 100);

/** A page `height` px tall, with a block that can be grown or shrunk. */
const tallBody = (height: number) => `<main><h1>Long read</h1><div id="feed" style="height:${height}px"></div></main>`;

test.describe('scroll', () => {
  test('shows a 50 % campaign only once the visitor has scrolled past half the page', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('halfway', { trigger: { on: 'scroll', percent: 50 } })]), body: tallBody(4000) });
    await armed(page);
    await expectNoPopupFor(page);

    await scrollToY(page, 900);
    expect(await bottomOfViewport(page)).toBeLessThan(50);
    await expectNoPopupFor(page);

    await page.mouse.move(400, 300);
    await page.mouse.wheel(0, 600);
    await expect.poll(() => bottomOfViewport(page)).toBeGreaterThanOrEqual(50);
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'halfway');
  });

  test('on a page that grows, counts against its current height', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('halfway', { trigger: { on: 'scroll', percent: 50 } })]), body: tallBody(3000) });
    await armed(page);
    await scrollToY(page, 400);
    // Infinite scroll appends the next batch: what was past half of the old page is a third now.
    await page.evaluate(() => (document.getElementById('feed')!.style.height = '6000px'));
    await scrollToY(page, 1400);
    expect(await bottomOfViewport(page)).toBeLessThan(50);
    await expectNoPopupFor(page);

    await scrollToY(page, 2700);
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'halfway');
    expect(await bottomOfViewport(page)).toBeGreaterThanOrEqual(50);
  });

  test('checks again when the page changes height under a still visitor', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('halfway', { trigger: { on: 'scroll', percent: 50 } })]), body: tallBody(4000) });
    await armed(page);
    await scrollToY(page, 900);
    await expectNoPopupFor(page);
    // Content above the fold collapses: the same position is now past half, without a scroll.
    await page.evaluate(() => (document.getElementById('feed')!.style.height = '2200px'));
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'halfway');
  });

  test('a page too short to scroll does not show a scroll campaign', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('halfway', { trigger: { on: 'scroll', percent: 50 } })]) });
    await armed(page);
    await page.mouse.move(400, 300);
    await page.mouse.wheel(0, 600);
    await expectNoPopupFor(page, 800);
  });
});

test.describe('exit intent on desktop', () => {
  const config = makeConfig([makeCampaign('before-you-go', { trigger: { on: 'exit-intent' } })]);

  test('shows when the pointer leaves through the top after the arming delay, not before, not through the bottom', async ({ page }) => {
    await openTestPage(page, { config });
    await armed(page);
    const armedAt = Date.now();

    // Straight after load: the pointer leaving for the address bar is not an exit yet.
    await page.mouse.move(640, 200);
    await page.mouse.move(640, 5, { steps: 5 });
    await page.mouse.move(640, -20);
    await expectNoPopupFor(page);
    expect(Date.now() - armedAt).toBeLessThan(EXIT_ARM_DELAY_MS);

    await page.waitForTimeout(EXIT_ARM_DELAY_MS - (Date.now() - armedAt) + 200);
    // Through the bottom and the side: the taskbar or another window, not the tab's close button.
    await page.mouse.move(640, 400);
    await page.mouse.move(640, 715, { steps: 5 });
    await page.mouse.move(640, 760);
    await page.mouse.move(640, 400);
    await page.mouse.move(5, 400, { steps: 5 });
    await page.mouse.move(-20, 400);
    await expectNoPopupFor(page);

    await page.mouse.move(640, 400);
    await page.mouse.move(640, 5, { steps: 5 });
    await page.mouse.move(640, -20);
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'before-you-go');
  });
});

test.describe('idle', () => {
  test('shows after the given seconds without input; input starts the count again', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('still-there', { trigger: { on: 'idle', seconds: 1.5 } })]) });
    await armed(page);
    // Busy for twice the idle time: pointer moves and a key, never 1.5 s apart.
    for (let i = 0; i < 8; i++) {
      await page.waitForTimeout(400);
      if (i % 3 === 2) await page.keyboard.press('Shift');
      else await page.mouse.move(100 + i * 20, 200);
    }
    const lastInputAt = Date.now();
    await expect(dialog(page)).toHaveCount(0);
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'still-there', { timeout: 4000 });
    expect(Date.now() - lastInputAt).toBeGreaterThanOrEqual(1400);
  });
});

test.describe('time on site', () => {
  test('counts the seconds since the session began, across pages', async ({ page }) => {
    const config = makeConfig([makeCampaign('regular', { trigger: { on: 'time-on-site', seconds: 4 } })]);
    await openTestPage(page, { config, path: '/t/first' });
    await armed(page);
    await expectNoPopupFor(page, 2500);

    // A second page of the same session: the 2.5 s spent on the first count.
    await openTestPage(page, { config, path: '/t/second' });
    const loadedAt = Date.now();
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'regular', { timeout: 4000 });
    expect(Date.now() - loadedAt).toBeLessThan(3000);
    const profile = await page.evaluate(() => (window as any).segmint.profile());
    expect(profile.sessions).toBe(1);
  });

  test('shows at once on the next page when the time was spent on the previous one', async ({ page }) => {
    const config = makeConfig([
      makeCampaign('regular', { trigger: { on: 'time-on-site', seconds: 2 } }),
      makeCampaign('welcome', { priority: 9, frequency: { maxImpressions: 1 } }),
    ]);
    await openTestPage(page, { config });
    // The welcome popup is open when `regular` fires on this page: one popup at a time drops it.
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
    await page.waitForTimeout(2500);
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');

    await page.reload();
    const loadedAt = Date.now();
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'regular');
    expect(Date.now() - loadedAt).toBeLessThan(1500);
  });
});

test.describe('exit intent on a phone', () => {
  test.use({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });

  /**
   * Scrolls to `to` by `pxPerFrame`, one step per animation frame, as a finger would. (Chromium's
   * synthetic touch gestures do not scroll in headless mode, so positions are set frame by frame.)
   */
  const scrollByFrames = (page: Page, to: number, pxPerFrame: number) =>
    page.evaluate(([target, step]) => new Promise<void>((resolve) => {
      const next = () => {
        const y = target > scrollY ? Math.min(target, scrollY + step) : Math.max(target, scrollY - step);
        scrollTo(0, y);
        if (y === target) resolve();
        else requestAnimationFrame(next);
      };
      requestAnimationFrame(next);
    }), [to, pxPerFrame]);

  test('shows on a fast flick up after scrolling down, not on a slow scroll up', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([makeCampaign('before-you-go', { trigger: { on: 'exit-intent' } })]), body: tallBody(6000) });
    await armed(page);
    const armedAt = Date.now();
    const { signals } = await page.evaluate(() => (window as any).segmint.explain());
    expect(signals.device).toBe('mobile');
    await scrollByFrames(page, 2400, 40);
    await page.waitForTimeout(Math.max(0, EXIT_ARM_DELAY_MS - (Date.now() - armedAt)) + 200);

    // Reading back up, slowly: 6 px a frame.
    await scrollByFrames(page, 1800, 6);
    await expectNoPopupFor(page);

    // A flick towards the address bar: 80 px a frame.
    await scrollByFrames(page, 800, 80);
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'before-you-go');
  });
});
