import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

test('a dismissed campaign stays dismissed after reload', async ({ page }) => {
  const config = makeConfig([makeCampaign('welcome', { frequency: { afterDismissHours: 24 } })]);
  await openTestPage(page, { config });
  await expect(dialog(page)).toBeVisible();
  await dialog(page).getByRole('button', { name: 'No thanks' }).click();
  await expect(dialog(page)).toHaveCount(0);
  // Stored before the reload: a navigation in the very same instant aborts the IndexedDB transaction.
  await expect.poll(() => page.evaluate(async () => (await (window as any).segmint.profile()).campaigns.welcome?.dismissedAt)).toBeGreaterThan(0);

  await page.reload();
  await page.waitForFunction(() => (window as any).segmint?.explain);
  const trace = await page.evaluate(() => (window as any).segmint.explain());
  expect(trace.campaigns).toEqual([{ id: 'welcome', eligible: false, reason: 'frequency.afterDismissHours' }]);
  await expect(dialog(page)).toHaveCount(0);
});

test('Escape and the close button dismiss the popup', async ({ page }) => {
  const config = makeConfig([makeCampaign('a'), makeCampaign('b', { trigger: { on: 'event', event: 'again' } })]);
  await openTestPage(page, { config });
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);

  await page.evaluate(() => (window as any).segmint.track('again'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'b');
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toHaveCount(0);
});

test('a track() queued before the script loaded triggers its campaign', async ({ page }) => {
  const config = makeConfig([makeCampaign('after-add', { trigger: { on: 'event', event: 'add_to_cart' } })]);
  await openTestPage(page, { config, before: "segmint('track', 'add_to_cart', { id: 'SKU-1', price: 49, quantity: 1 });" });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'after-add');
  const profile = await page.evaluate(() => (window as any).segmint.profile());
  expect(profile.cartAdds).toBe(1);
  expect(profile.cartItems).toEqual(['SKU-1']);
});

test('the highest priority wins when campaigns fire together, one popup at a time', async ({ page }) => {
  const config = makeConfig([makeCampaign('low', { priority: 1 }), makeCampaign('high', { priority: 5 }), makeCampaign('tie', { priority: 5 })]);
  await openTestPage(page, { config });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'high');
  await expect(page.locator('segmint-root')).toHaveCount(1);
});

test('pageview delaySeconds waits before showing', async ({ page }) => {
  const config = makeConfig([makeCampaign('later', { trigger: { on: 'pageview', delaySeconds: 1.5 } })]);
  await openTestPage(page, { config });
  await page.waitForTimeout(700);
  await expect(dialog(page)).toHaveCount(0);
  await expect(dialog(page)).toBeVisible({ timeout: 3000 });
});

test('pages include/exclude globs decide where a campaign may show', async ({ page }) => {
  const config = makeConfig([
    makeCampaign('products-only', { pages: { include: ['/t/products/*'], exclude: ['/t/products/hidden*'] } }),
  ]);
  await openTestPage(page, { config, path: '/t/products/hidden-gem' });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  expect((await page.evaluate(() => (window as any).segmint.explain())).campaigns[0].reason).toBe('pages');
  await expect(dialog(page)).toHaveCount(0);

  await openTestPage(page, { config, path: '/t/products/tent' });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'products-only');
});

test('audiences read the profile: a segment of visitors with two product views', async ({ page }) => {
  const config = makeConfig(
    [makeCampaign('browsers', { audience: { segment: 'browsers' }, trigger: { on: 'event', event: 'view_item' } })],
    { segments: { browsers: { productViews: { gte: 2 } } } },
  );
  await openTestPage(page, { config });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.track('view_item', { id: 'A' }));
  await page.waitForTimeout(300);
  await expect(dialog(page)).toHaveCount(0);
  const trace = await page.evaluate(() => (window as any).segmint.explain());
  expect(trace.segments.browsers).toEqual({ match: false, pointer: '/segments/browsers/productViews/gte', actual: 1 });

  await page.evaluate(() => (window as any).segmint.track('view_item', { id: 'B' }));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'browsers');
});

test('events carry campaign, variant and locale, exposure before impression', async ({ page }) => {
  const config = makeConfig([makeCampaign('evented', { trigger: { on: 'event', event: 'go' } })]);
  await openTestPage(page, {
    config,
    before: "window.seen = []; ['exposure','impression','dismiss','click'].forEach(function (n) { segmint('on', n, function (p) { seen.push([n, p.campaign, p.variant, p.locale]); }); });",
  });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.track('go'));
  await dialog(page).getByRole('button', { name: 'No thanks' }).click();
  expect(await page.evaluate(() => (window as any).seen)).toEqual([
    ['exposure', 'evented', 'default', 'en'],
    ['impression', 'evented', 'default', 'en'],
    ['dismiss', 'evented', 'default', 'en'],
  ]);
});

test('a link CTA takes the visitor to its URL', async ({ page }) => {
  const config = makeConfig([makeCampaign('linked', { cta: { action: 'link', url: '/t/landing' } })]);
  await page.route('**/t/landing', (route) => route.fulfill({ contentType: 'text/html', body: '<title>landing</title><h1>Landing</h1>' }));
  await openTestPage(page, { config });
  await dialog(page).getByRole('link', { name: 'Shop now' }).click();
  await expect(page).toHaveTitle('landing');
});
