import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog, watchDownloads } from './fixtures';

// Teasers, countdowns and questions as a visitor uses them (SPEC §7 "Teaser", "Countdown",
// "Questions"; §8 marks; §10 the `answer` event), with axe on each.

type Win = Window & { segmint: any; dataLayer?: any[]; seen: Record<string, unknown>[] };

/** Records every campaign event given to on() listeners. */
const LISTEN = `window.seen = [];
  ['exposure', 'impression', 'dismiss', 'click', 'conversion', 'answer'].forEach(function (name) {
    segmint('on', name, function (payload) { seen.push(Object.assign({ name: name }, payload)); });
  });`;

const seen = (page: Page) => page.evaluate(() => (window as unknown as Win).seen.map((e) => e.name));
const profileOf = (page: Page) => page.evaluate(() => (window as unknown as Win).segmint.profile()) as Promise<any>;
const tab = (page: Page) => page.locator('segmint-teaser [data-segmint-teaser]');
const tabClose = (page: Page) => page.locator('segmint-teaser .sm-teaser-close');

async function expectAxeClean(page: Page, include: string) {
  const results = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const checked = results.passes.find((rule) => rule.id === 'button-name')?.nodes.length ?? 0;
  expect(checked, 'axe looked at the buttons inside the shadow root').toBeGreaterThan(0);
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)).toEqual([]);
}

const question = {
  trait: 'brewMethod',
  options: [
    { value: 'espresso', label: { en: 'Espresso', de: 'Espresso' } },
    { value: 'filter', label: { en: 'Filter', de: 'Filterkaffee' } },
    { value: 'french-press', label: { en: 'French press', de: 'French Press' } },
  ],
};

function brewQuestion(extra: object = {}) {
  return makeCampaign('brew', {
    kind: 'question',
    question,
    layout: { type: 'slide-in', position: 'bottom-right' },
    frequency: { afterConversionHours: 24 },
    content: {
      en: { title: 'How do you brew your coffee?', thanks: 'Thanks! We will show you what suits it.' },
      de: { title: 'Wie brühst du deinen Kaffee?', thanks: 'Danke!' },
    },
    ...extra,
  });
}

test.describe('question campaigns', () => {
  test('the visitor answers with the keyboard; the answer is a trait a segment uses on the same page, and an answer event', async ({ page }) => {
    const config = makeConfig([
      brewQuestion(),
      // Waits for the answer: a segment on the trait the question sets.
      makeCampaign('espresso-offer', { audience: { segment: 'espresso' }, trigger: { on: 'event', event: 'next' }, content: { en: { title: 'Espresso cups for you' } } }),
    ], { segments: { espresso: { 'traits.brewMethod': 'espresso' } }, analytics: { dataLayer: true } });
    const downloads = watchDownloads(page);
    await openTestPage(page, { config, before: LISTEN });
    const box = dialog(page);
    await expect(box).toHaveAttribute('data-campaign', 'brew');
    const group = box.getByRole('group', { name: 'How do you brew your coffee?' });
    await expect(group.getByRole('button')).toHaveText(['Espresso', 'Filter', 'French press']);
    await expectAxeClean(page, 'segmint-root');

    // Keyboard only: Tab to the first option, Enter chooses it.
    await box.getByRole('button', { name: 'Espresso' }).focus();
    await page.keyboard.press('Enter');
    await expect(box.getByRole('status')).toHaveText('Thanks! We will show you what suits it.');
    await expect(group).toHaveCount(0);
    await expectAxeClean(page, 'segmint-root');

    await expect.poll(async () => (await profileOf(page)).traits).toEqual({ brewMethod: 'espresso' });
    const answer = await page.evaluate(() => (window as unknown as Win).seen.find((e) => e.name === 'answer'));
    expect(answer).toEqual({ name: 'answer', campaign: 'brew', variant: 'default', locale: 'en', segments: ['espresso'], trait: 'brewMethod', value: 'espresso' });
    const pushed = await page.evaluate(() => (window as unknown as Win).dataLayer!.filter((e) => e.event === 'segmint_answer'));
    expect(pushed).toEqual([{ event: 'segmint_answer', segmint: { campaign: 'brew', variant: 'default', locale: 'en', segments: ['espresso'], trait: 'brewMethod', value: 'espresso' } }]);

    // Closing after answering is no dismissal; the segment now holds on this same page.
    await box.getByRole('button', { name: 'Close' }).click();
    await expect(box).toHaveCount(0);
    expect(await seen(page)).not.toContain('dismiss');
    await page.evaluate(() => (window as unknown as Win).segmint.track('next'));
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'espresso-offer');
    expect(downloads).toContain('segmint-formats.js');
  });

  test('an answered question counts as a conversion: it does not ask again within afterConversionHours', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([brewQuestion()]) });
    await dialog(page).getByRole('button', { name: 'Filter' }).click();
    await expect(dialog(page).getByRole('status')).not.toBeEmpty();
    await expect.poll(async () => (await profileOf(page)).campaigns.brew?.convertedAt).toBeGreaterThan(0);
    await page.reload();
    await page.waitForFunction(() => (window as any).segmint?.explain);
    const trace = await page.evaluate(() => (window as unknown as Win).segmint.explain());
    expect(trace.campaigns[0]).toMatchObject({ id: 'brew', eligible: false, reason: 'frequency.afterConversionHours' });
    await expect(dialog(page)).toHaveCount(0);
  });

  test('a script\'s synthetic click is no answer', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([brewQuestion()]), before: LISTEN });
    await expect(dialog(page)).toBeVisible();
    await page.evaluate(() => (document.querySelector('segmint-root')!.shadowRoot!.querySelector('.sm-option') as HTMLElement).click());
    await page.waitForTimeout(300);
    expect(await seen(page)).not.toContain('answer');
    expect((await profileOf(page)).traits).toEqual({});
  });

  test('without thanks the popup closes on the answer; in German the options are German', async ({ page }) => {
    const campaign = brewQuestion({ content: { en: { title: 'How do you brew?' }, de: { title: 'Wie brühst du?' } } });
    await openTestPage(page, { config: makeConfig([campaign]), attributes: 'data-locale="de-AT"' });
    await expect(dialog(page).getByRole('group', { name: 'Wie brühst du?' }).getByRole('button')).toHaveText(['Espresso', 'Filterkaffee', 'French Press']);
    await expect(dialog(page).getByRole('button', { name: 'Schließen' })).toBeVisible();
    await dialog(page).getByRole('button', { name: 'Filterkaffee' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect.poll(async () => (await profileOf(page)).traits.brewMethod).toBe('filter');
  });
});

/** A visitor locale with the digits the countdown must be written in, per Intl in this browser. */
async function digitsIn(page: Page, locale: string): Promise<string> {
  return page.evaluate((tag) => Array.from({ length: 10 }, (_, n) => new Intl.NumberFormat(tag).format(n)).join(''), locale);
}

test.describe('countdowns', () => {
  const coupon = (extra: object = {}) => makeCampaign('coupon', {
    countdown: { minutes: 30 },
    offer: { coupon: 'STAY10' },
    cta: { action: 'copy-coupon' },
    content: { en: { title: 'Your 10% code', body: 'Use {coupon} within {countdown}.', cta: 'Copy code' } },
    ...extra,
  });
  const ticking = (page: Page) => dialog(page).locator('.sm-countdown [aria-hidden="true"]');

  test('ticks every second in the text alone, with no live region, and an end time for screen readers', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([coupon()]) });
    await expect(ticking(page)).toHaveText(/^00:(30:00|29:5\d)$/);
    // Mark the rest of the popup: a re-render would replace these nodes.
    await page.evaluate(() => {
      const shadow = document.querySelector('segmint-root')!.shadowRoot!;
      (window as any).__title = shadow.querySelector('.sm-title');
      (window as any).__text = shadow.querySelector('.sm-countdown [aria-hidden]')!.firstChild;
      (window as any).__mutations = [];
      new MutationObserver((records) => records.forEach((r) => (window as any).__mutations.push(r.type))).observe(shadow, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const first = await ticking(page).textContent();
    await expect(ticking(page)).not.toHaveText(first!, { timeout: 3000 });
    const after = await page.evaluate(() => {
      const shadow = document.querySelector('segmint-root')!.shadowRoot!;
      return {
        sameTitle: shadow.querySelector('.sm-title') === (window as any).__title,
        sameText: shadow.querySelector('.sm-countdown [aria-hidden]')!.firstChild === (window as any).__text,
        mutations: [...new Set((window as any).__mutations)],
        live: shadow.querySelectorAll('[aria-live], [role="timer"], [role="status"]:not(.sm-copied)').length,
      };
    });
    expect(after).toEqual({ sameTitle: true, sameText: true, mutations: ['characterData'], live: 0 });
    const endLabel = await dialog(page).locator('.sm-countdown .sm-sr').textContent();
    const expected = await page.evaluate(() => new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(Date.now() + 30 * 60_000));
    // Within a minute of 30 minutes from now, as the visitor's clock reads it.
    const late = await page.evaluate(() => new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(Date.now() + 29 * 60_000));
    expect([expected, late]).toContain(endLabel);
    await expectAxeClean(page, 'segmint-root');
  });

  test('does not restart on reload: the end comes from the first impression, stored', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([coupon()]) });
    await expect(ticking(page)).toBeVisible();
    const first = await page.evaluate(async () => (await (window as unknown as Win).segmint.profile() as any).campaigns.coupon.firstImpressionAt);
    expect(first).toBeGreaterThan(0);
    // Three minutes later, by the page's clock: the countdown shows 27 minutes left, not 30.
    await page.clock.install({ time: first + 3 * 60_000 });
    await page.reload();
    await expect(ticking(page)).toHaveText(/^00:2[67]:\d\d$/);
  });

  test('closes at zero and the campaign is never eligible again for that visitor', async ({ page }) => {
    await page.clock.install();
    await openTestPage(page, { config: makeConfig([coupon({ countdown: { minutes: 0.05 } })]) });
    await expect(dialog(page)).toBeVisible();
    await page.clock.runFor(4000);
    await expect(dialog(page)).toHaveCount(0);
    await page.reload();
    await page.waitForFunction(() => (window as any).segmint?.explain);
    const trace = await page.evaluate(() => (window as unknown as Win).segmint.explain());
    expect(trace.campaigns[0]).toMatchObject({ id: 'coupon', eligible: false, reason: 'countdown' });
    await expect(dialog(page)).toHaveCount(0);
  });

  test('an `until` countdown past its instant shows to no one', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([coupon({ countdown: { until: '2020-01-01T00:00:00Z' } })]) });
    await page.waitForFunction(() => (window as any).segmint?.explain);
    const trace = await page.evaluate(() => (window as unknown as Win).segmint.explain());
    expect(trace.campaigns[0]).toMatchObject({ eligible: false, reason: 'countdown' });
  });

  for (const locale of ['en', 'de', 'fr', 'ar', 'ar-EG', 'ja']) {
    test(`writes the time left in ${locale} digits`, async ({ page }) => {
      const campaign = coupon({ countdown: { until: new Date(Date.now() + 26 * 3600_000 + 90_000).toISOString().replace(/\.\d+Z$/, 'Z') } });
      await openTestPage(page, { config: makeConfig([campaign]), attributes: `data-locale="${locale}"` });
      const text = (await ticking(page).textContent())!;
      const digits = await digitsIn(page, locale);
      const used = text.replace(/[^\p{Nd}]/gu, '');
      expect(used.length).toBeGreaterThan(5);
      for (const digit of used) expect(digits, `${text} uses ${locale} digits`).toContain(digit);
      if (locale === 'ar-EG') expect(text).toMatch(/[٠-٩]/);
      // One day and more: the day in the locale's words, from Intl.
      const day = await page.evaluate((tag) => new Intl.NumberFormat(tag, { style: 'unit', unit: 'day', unitDisplay: 'long' }).formatToParts(1).find((p) => p.type === 'unit')?.value, locale);
      expect(text).toContain(day);
    });
  }
});

test.describe('teasers', () => {
  const exitCoupon = (extra: object = {}) => makeCampaign('exit', {
    trigger: { on: 'event', event: 'leave' },
    teaser: { position: 'bottom-left' },
    frequency: { afterDismissHours: 24, maxPerSession: 1 },
    content: { en: { title: 'Wait! 10% off', body: 'Stay a little.', cta: 'Shop now', dismiss: 'No thanks', teaser: 'Get 10% off' } },
    ...extra,
  });
  const leave = (page: Page) => page.evaluate(() => (window as unknown as Win).segmint.track('leave'));

  test('dismissing minimises to a tab; the tab re-opens it; its own close dismisses for afterDismissHours', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([exitCoupon()]), before: LISTEN });
    await page.waitForFunction(() => (window as any).segmint?.explain);
    await leave(page);
    await expect(dialog(page)).toBeVisible();
    await dialog(page).getByRole('button', { name: 'No thanks' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(tab(page)).toHaveText('Get 10% off');
    await expect(tab(page)).toHaveAttribute('data-segmint-teaser', 'exit');
    expect(await seen(page)).toEqual(['exposure', 'impression']);
    await expectAxeClean(page, 'segmint-teaser');

    // Keyboard: Tab reaches the tab, Enter opens the popup; seen on this page, so no second impression.
    await tab(page).focus();
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeVisible();
    await expect(tab(page)).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(tab(page)).toBeFocused();
    expect(await seen(page)).toEqual(['exposure', 'impression']);
    expect((await profileOf(page)).campaigns.exit.dismissedAt).toBeUndefined();

    await tabClose(page).click();
    await expect(tab(page)).toHaveCount(0);
    expect(await seen(page)).toEqual(['exposure', 'impression', 'dismiss']);
    await expect.poll(async () => (await profileOf(page)).campaigns.exit.dismissedAt).toBeGreaterThan(0);
    await page.reload();
    await page.waitForFunction(() => (window as any).segmint?.explain);
    await page.waitForTimeout(300);
    await expect(tab(page)).toHaveCount(0);
  });

  test('the tab follows the visitor to the next page of the session, and opening it there is an impression', async ({ page }) => {
    const config = makeConfig([exitCoupon()]);
    await openTestPage(page, { config, before: LISTEN });
    await page.waitForFunction(() => (window as any).segmint?.explain);
    await leave(page);
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await expect(tab(page)).toBeVisible();
    await expect.poll(async () => (await profileOf(page)).campaigns.exit.teaser).toBe(1);

    await openTestPage(page, { config, before: LISTEN, path: '/t/other' });
    await expect(tab(page)).toHaveText('Get 10% off');
    // maxPerSession 1 counted the popup; the tab is that popup, minimised, and still comes.
    expect(await seen(page)).toEqual([]);
    await tab(page).click();
    await expect(dialog(page)).toBeVisible();
    await expect.poll(() => seen(page)).toEqual(['impression']);
  });

  test('a click on the call to action ends the teaser', async ({ page }) => {
    const config = makeConfig([exitCoupon()]);
    await openTestPage(page, { config });
    await page.waitForFunction(() => (window as any).segmint?.explain);
    await leave(page);
    await dialog(page).getByRole('button', { name: 'Shop now' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(tab(page)).toHaveCount(0);
    await openTestPage(page, { config, path: '/t/other' });
    await page.waitForTimeout(500);
    await expect(tab(page)).toHaveCount(0);
  });

  test('with first: true the trigger shows the tab, and the popup opens when it is clicked', async ({ page }) => {
    const campaign = exitCoupon({ trigger: { on: 'pageview' }, teaser: { first: true, position: 'top-right' } });
    await openTestPage(page, { config: makeConfig([campaign]), before: LISTEN });
    await expect(tab(page)).toBeVisible();
    await expect(dialog(page)).toHaveCount(0);
    expect(await seen(page)).toEqual(['exposure']);
    const box = await tab(page).boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.x + box!.width).toBeGreaterThan(viewport.width / 2);
    expect(box!.y).toBeLessThan(viewport.height / 2);
    await tab(page).click();
    await expect(dialog(page)).toBeVisible();
    await expect.poll(() => seen(page)).toEqual(['exposure', 'impression']);
    await expectAxeClean(page, 'segmint-root');
  });

  test('a countdown in the tab text ticks, and at zero the tab goes', async ({ page }) => {
    await page.clock.install();
    const campaign = exitCoupon({ trigger: { on: 'pageview' }, teaser: { first: true }, countdown: { minutes: 0.05 }, content: { en: { title: 'T', teaser: 'Ends in {countdown}' } } });
    await openTestPage(page, { config: makeConfig([campaign]) });
    await expect(tab(page)).toContainText(/Ends in 00:00:0[23]/);
    await page.clock.runFor(4000);
    await expect(tab(page)).toHaveCount(0);
  });
});
