import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

const config = makeConfig([makeCampaign('welcome')]);

test('reads an inline <script type="application/json" id="segmint-config">', async ({ page }) => {
  await openTestPage(page, { config, inline: true });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
});

test('loading the script twice starts one instance and warns once', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await openTestPage(page, { config, twice: true });
  await expect(dialog(page)).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.locator('segmint-root')).toHaveCount(1);
  expect(warnings.filter((text) => text.includes('more than once'))).toHaveLength(1);
});

test('replays stub calls in order and drops unknown methods with a warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const gated = makeConfig([makeCampaign('gold-only', { audience: { 'traits.tier': 'gold' } })]);
  await openTestPage(page, {
    config: gated,
    before: "segmint('identify', { tier: 'gold' }); segmint('track', 'wishlist_add'); segmint('track', 'wishlist_add'); segmint('frobnicate', 1);",
  });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'gold-only');
  const profile = await page.evaluate(() => (window as any).segmint.profile());
  expect(profile.traits).toEqual({ tier: 'gold' });
  expect(profile.events).toEqual({ wishlist_add: 2 });
  expect(warnings.some((text) => text.includes('unknown method "frobnicate"'))).toBe(true);
});

test('after load, segmint(...) and segmint.track(...) both work', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([]) });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => {
    (window as any).segmint('track', 'a');
    (window as any).segmint.track('a');
  });
  expect((await page.evaluate(() => (window as any).segmint.profile())).events).toEqual({ a: 2 });
});

test('an invalid campaign is reported with its JSON pointer while the rest runs', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') errors.push(message.text());
  });
  const mixed = makeConfig([makeCampaign('broken', { audience: { productViews: { gtee: 2 } } }), makeCampaign('fine')]);
  await openTestPage(page, { config: mixed, before: "window.reported = []; segmint('on', 'error', function (e) { reported.push(e.pointer); });" });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'fine');
  // Errors are described by a chunk of their own, off the start path: they may come after the popup.
  await expect.poll(() => page.evaluate(() => (window as any).reported)).toEqual(['/campaigns/0/audience/productViews/gtee']);
  expect(errors.some((text) => text.includes('did you mean "gte"'))).toBe(true);
});

for (const [name, body] of [
  ['HTML instead of JSON', '<!doctype html><h1>502 Bad Gateway</h1>'],
  ['truncated JSON', '{"version": 1, "defaultLocale": "en", "campaigns": ['],
  ['a JSON array', '[]'],
  ['a newer config version', '{"version": 9, "defaultLocale": "en"}'],
]) {
  test(`a config that is ${name} gives one clear error and no popup`, async ({ page }) => {
    await openTestPage(page, { config: body, before: "window.reported = []; segmint('on', 'error', function (e) { reported.push(e.message); });" });
    await page.waitForFunction(() => (window as any).reported.length > 0);
    await page.waitForTimeout(200);
    const reported: string[] = await page.evaluate(() => (window as any).reported);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/config/);
    await expect(dialog(page)).toHaveCount(0);
    // The instance stays usable: nothing throws into the page.
    await page.evaluate(() => (window as any).segmint.track('still-fine'));
  });
}

test('a config URL that fails gives an error event, not a page error', async ({ page }) => {
  await page.route('**/t/missing.json', (route) => route.fulfill({ status: 404, body: 'nope' }));
  await openTestPage(page, {
    config: {},
    attributes: 'data-config="/t/missing.json"',
    before: "window.reported = []; segmint('on', 'error', function (e) { reported.push(e.message); });",
  });
  await page.waitForFunction(() => (window as any).reported.length > 0);
  expect((await page.evaluate(() => (window as any).reported))[0]).toContain('HTTP 404');
});

test('marketer text is rendered as text, never as HTML', async ({ page }) => {
  const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=1</script>', '<svg onload="window.__xss=1">'];
  const campaign = makeCampaign('xss', {
    content: { en: { title: payloads[0], body: payloads[1], cta: payloads[2], dismiss: '<b>bold</b>' } },
    cta: { action: 'link', url: '/t/landing' },
  });
  await openTestPage(page, { config: makeConfig([campaign]) });
  await expect(dialog(page).getByRole('heading')).toHaveText(payloads[0]);
  await expect(dialog(page)).toContainText(payloads[1]);
  expect(await page.locator('segmint-root img, segmint-root script, segmint-root svg, segmint-root b').count()).toBe(0);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
});

test('a javascript: CTA URL is rejected at load', async ({ page }) => {
  const campaign = makeCampaign('evil', { cta: { action: 'link', url: ' JaVaScRiPt:window.__xss=1' } });
  await openTestPage(page, { config: makeConfig([campaign, makeCampaign('good')]), before: "window.reported = []; segmint('on', 'error', function (e) { reported.push(e.pointer); });" });
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'good');
  await expect.poll(() => page.evaluate(() => (window as any).reported)).toEqual(['/campaigns/0/cta/url']);
});

test('the popup is a labelled dialog in a shadow root; host CSS cannot hide it', async ({ page }) => {
  await openTestPage(page, {
    config,
    body: '<style>button, h2, div { display: none !important; color: red !important; }</style><main><button id="outside">Outside</button></main>',
  });
  const popup = page.getByRole('dialog', { name: 'Hello from welcome' });
  await expect(popup).toBeVisible();
  await expect(popup).toHaveAttribute('aria-modal', 'true');
  await expect(popup.getByRole('button', { name: 'No thanks' })).toBeVisible();
  expect(await page.evaluate(() => document.querySelector('segmint-root')!.shadowRoot!.mode)).toBe('open');
});

test('a modal takes focus and gives it back on close', async ({ page }) => {
  await openTestPage(page, {
    config: makeConfig([makeCampaign('focus', { trigger: { on: 'event', event: 'open' } })]),
    body: '<main><button id="outside">Outside</button></main>',
  });
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.locator('#outside').focus();
  await page.evaluate(() => (window as any).segmint.track('open'));
  await expect(dialog(page).getByRole('button', { name: 'Shop now' })).toBeFocused();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SEGMINT-ROOT');
  await page.keyboard.press('Escape');
  await expect(page.locator('#outside')).toBeFocused();
});

test('destroy() removes the popup and stops reacting', async ({ page }) => {
  await openTestPage(page, { config: makeConfig([makeCampaign('a'), makeCampaign('b', { trigger: { on: 'event', event: 'x' } })]) });
  await expect(dialog(page)).toBeVisible();
  await page.evaluate(() => (window as any).segmint.destroy());
  await expect(page.locator('segmint-root')).toHaveCount(0);
  await page.evaluate(() => (window as any).segmint.track('x'));
  await page.waitForTimeout(300);
  await expect(page.locator('segmint-root')).toHaveCount(0);
});
