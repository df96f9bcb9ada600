import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';
import { MARKUP, URLS, CSS, VNODES, PROTO_KEYS, THEME_FIELDS, listCases } from './security-corpus.mjs';

// The security corpus (tests/e2e/security-corpus.mjs) pushed through every way in: the config,
// traits (identify), events (track), dataLayer pushes and URL parameters. After each: the canaries
// `window.__xss` and `({}).polluted` are unset, segmint made no element that could run code, and the
// page asked for nothing but itself, its config and segmint's files. The fixture fails every test
// on a page error, unhandled rejection, CSP violation or request off 127.0.0.1.

type Win = Window & { segmint: any; __errors: string[]; __ready: string[][]; __xss?: unknown };

const COLLECT = `window.__errors = []; window.__ready = [];
segmint('on', 'error', function (e) { __errors.push(String(e && e.message)); });
segmint('on', 'ready', function (e) { __ready.push(e.campaigns); });`;

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const casesOf = (prefix: string) => listCases().filter((c) => c.startsWith(prefix));

/** The paths a page may request: itself, its config, segmint's files (and the favicon data: URL). */
function watchRequests(page: Page): string[] {
  const unexpected: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:') return;
    if (!/^\/(t\/(page|config\.json)|dist\/segmint[\w-]*\.js)$/.test(url.pathname)) unexpected.push(request.url());
  });
  return unexpected;
}

/** Canaries unset, nothing polluted, and nothing in segmint's shadow roots that could run code or load. */
async function expectNothingRan(page: Page): Promise<void> {
  const state = await page.evaluate(() => {
    const polluted = ({} as Record<string, unknown>).polluted ?? ([] as unknown as Record<string, unknown>).polluted ?? (Object.prototype as Record<string, unknown>).polluted;
    const bad: string[] = [];
    for (const host of document.querySelectorAll('segmint-root')) {
      const root = host.shadowRoot;
      if (!root) continue;
      for (const el of root.querySelectorAll('*')) {
        if (/^(script|iframe|object|embed|svg|math|style|link|base|form|meta)$/i.test(el.tagName)) bad.push(`<${el.tagName.toLowerCase()}>`);
        for (const attr of el.getAttributeNames()) {
          if (/^on/i.test(attr)) bad.push(`${el.tagName}[${attr}]`);
          if (/^(href|src|srcset|action|formaction|xlink:href)$/i.test(attr) && !/^(https?:\/\/127\.0\.0\.1[:/]|\/t\/)/.test((el as HTMLAnchorElement).href ?? el.getAttribute(attr) ?? '')) bad.push(`${el.tagName}[${attr}=${el.getAttribute(attr)}]`);
        }
      }
    }
    return { xss: (window as unknown as Win).__xss, polluted, keys: Object.keys(Object.prototype), bad };
  });
  expect(state).toEqual({ xss: undefined, polluted: undefined, keys: [], bad: [] });
}

test('security corpus, config: markup in every text field shows as literal text; VNode-shaped values are rejected with their pointer', async ({ page }) => {
  test.setTimeout(90_000);
  const pushed: string[] = [];
  const campaigns: object[] = [];
  const catalog: Record<string, object> = {};
  [...MARKUP, ...VNODES].forEach((value, i) => {
    catalog[`P${i}`] = { name: { en: value }, price: { USD: 10 } };
    campaigns.push(makeCampaign(`text-${i}`, {
      trigger: { on: 'event', event: 'never' },
      content: { en: { title: value, body: value, cta: value, dismiss: value, close: value } },
      offer: { products: [`P${i}`], coupon: value },
      cta: { action: 'dismiss' },
    }));
    for (const field of ['title', 'body', 'cta', 'dismiss', 'close', 'catalog name', 'coupon']) pushed.push(`config › ${field} › ${show(value)}`);
  });
  expect(pushed).toEqual(casesOf('config › ').filter((c) => /^config › (title|body|cta|dismiss|close|catalog name|coupon) › /.test(c)));
  const unexpected = watchRequests(page);
  await openTestPage(page, { config: makeConfig(campaigns, { catalog }), before: COLLECT });
  await page.waitForFunction(() => (window as unknown as Win).__ready.length > 0);
  expect((await page.evaluate(() => (window as unknown as Win).__ready))[0], 'every campaign with markup runs; no VNode one').toEqual(MARKUP.map((_, i) => `text-${i}`));
  // A problem is reported once the diagnostics chunk has written its message, off the start path: it may come after `ready`.
  const pointers = VNODES.flatMap((_, j) => [`/campaigns/${MARKUP.length + j}/content/en/`, `/catalog/P${MARKUP.length + j}/name`]);
  await page.waitForFunction((wanted) => wanted.every((p) => (window as unknown as Win).__errors.some((e) => e.includes(p))), pointers, { timeout: 10_000 }).catch(() => {});
  const errors = await page.evaluate(() => (window as unknown as Win).__errors);
  VNODES.forEach((_, j) => {
    const i = MARKUP.length + j;
    expect(errors.some((e) => e.includes(`/campaigns/${i}/content/en/`)), `campaign ${i} rejected with a pointer into its content`).toBe(true);
    expect(errors.some((e) => e.includes(`/catalog/P${i}/name`)), `product P${i} rejected with its pointer`).toBe(true);
  });
  for (const [i, value] of MARKUP.entries()) {
    await page.evaluate((id) => (window as unknown as Win).segmint.show(id), `text-${i}`);
    await expect(dialog(page)).toHaveAttribute('data-campaign', `text-${i}`);
    await expect(dialog(page).getByRole('heading')).toHaveText(value.trim());
    expect(await dialog(page).evaluate((el) => el.textContent ?? '')).toContain(value.trim());
    await expectNothingRan(page);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
  }
  await expectNothingRan(page);
  expect(unexpected).toEqual([]);
});

test('security corpus, config: every dangerous URL in every URL field and CSS injection in every theme field is rejected at its pointer and fetches nothing', async ({ page }) => {
  test.setTimeout(180_000);
  const pushed: string[] = [];
  const campaigns: object[] = [makeCampaign('control', { trigger: { on: 'event', event: 'go' }, cta: { action: 'dismiss' } })];
  const catalog: Record<string, object> = {};
  URLS.forEach((url, i) => {
    campaigns.push(makeCampaign(`url-${i}`, { cta: { action: 'link', url } }));
    catalog[`Img${i}`] = { name: { en: 'x' }, price: { USD: 1 }, image: url };
    catalog[`Url${i}`] = { name: { en: 'x' }, price: { USD: 1 }, url };
  });
  const unexpected = watchRequests(page);
  // One page per case of the single-valued fields (the theme, the beacon URL); the per-campaign and
  // per-product URL fields are checked on every one of them.
  const loads = Math.max(URLS.length, CSS.length);
  for (let n = 0; n < loads; n++) {
    const css = CSS[n % CSS.length];
    const beacon = URLS[n % URLS.length];
    if (n < CSS.length) for (const field of THEME_FIELDS) pushed.push(`config › theme ${field} › ${css}`);
    if (n < URLS.length) pushed.push(`config › analytics beacon › ${beacon}`);
    const theme = Object.fromEntries(THEME_FIELDS.map((field) => [field, css]));
    await openTestPage(page, { config: makeConfig(campaigns, { catalog, theme, analytics: { beacon } }), before: COLLECT });
    await page.waitForFunction(() => (window as unknown as Win).__ready.length > 0);
    expect((await page.evaluate(() => (window as unknown as Win).__ready))[0]).toEqual(['control']);
    await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'control');
    await page.waitForTimeout(200);
    const errors = await page.evaluate(() => (window as unknown as Win).__errors);
    const expected = [
      ...URLS.flatMap((_, i) => [`/campaigns/${i + 1}/cta/url`, `/catalog/Img${i}/image`, `/catalog/Url${i}/url`]),
      ...THEME_FIELDS.map((field) => `/theme/${field}`),
      '/analytics/beacon',
    ];
    expect(expected.filter((pointer) => !errors.some((e) => e.includes(pointer))), `rejected at their pointers (${css} / ${beacon})`).toEqual([]);
    // None of it reached the popup's styles.
    const styles = await dialog(page).evaluate((el) => {
      const root = el.getRootNode() as ShadowRoot;
      return [...root.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    });
    expect(styles).not.toMatch(/evil\.example|expression\(|host-colour|window\.__xss/);
    await dialog(page).getByRole('button', { name: 'Shop now' }).click();
    await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
    await expectNothingRan(page);
  }
  for (const url of URLS) for (const field of ['cta url', 'catalog image', 'catalog url']) pushed.push(`config › ${field} › ${url}`);
  expect(pushed.sort()).toEqual(casesOf('config › ').filter((c) => /^config › (theme \w+|cta url|catalog image|catalog url|analytics beacon) › /.test(c)).sort());
  expect(unexpected).toEqual([]);
});

test('security corpus: a theme url(…) or image-set(…) value naming this very origin fetches nothing', async ({ page }) => {
  let fetched: string[] = [];
  await page.route('**/t/theme/**', (route) => {
    fetched.push(route.request().url());
    return route.fulfill({ contentType: 'image/png', body: '' });
  });
  const theme = { accent: 'url(/t/theme/accent.png)', background: 'image-set("/t/theme/background.png" 1x)', text: 'url("/t/theme/text.png")', radius: 'url(/t/theme/radius.png)', font: 'x, url(/t/theme/font.woff)' };
  await openTestPage(page, { config: makeConfig([makeCampaign('themed')], { theme }), before: COLLECT });
  await expect(dialog(page)).toBeVisible();
  await page.waitForTimeout(1000);
  expect(fetched, 'no request for what a theme value names').toEqual([]);
  const errors = await page.evaluate(() => (window as unknown as Win).__errors);
  for (const field of Object.keys(theme)) expect(errors.some((e) => e.includes(`/theme/${field}`)), field).toBe(true);
  // Control: the same origin does answer such a request when something really asks for it.
  await page.evaluate(() => fetch('/t/theme/control.png'));
  expect(fetched).toHaveLength(1);
  fetched = [];
  await expectNothingRan(page);
});

test('security corpus, config: prototype keys at any depth are rejected or ignored; Object.prototype stays clean and the rest runs', async ({ page }) => {
  // Written into the JSON text, so they reach segmint as own keys, as JSON.parse makes them.
  const inner = PROTO_KEYS.map((json) => json.slice(1, -1));
  // At the top level the whole config is refused (nothing to run), so this one is checked on its own below.
  const text = `{"version":1,"defaultLocale":"en","currency":"USD","segments":{${inner[1]},"fine":{"pageViews":{"gte":1}}},`
    + `"campaigns":[{"id":"ok","audience":{"segment":"fine"},"content":{"en":{"title":"Still here"}}},`
    + `{"id":"bad",${inner[3]},"content":{"en":{"title":"x"}}},{"id":"deep","content":{"en":{"title":"y"}},"audience":${PROTO_KEYS[4]}},`
    + `{"id":"nested",${inner[2]},"content":{"en":{"title":"z"}}},{"id":"in-content","content":{"en":{"title":"w",${inner[5]}}}}],"theme":${PROTO_KEYS[3]}}`;
  expect(() => JSON.parse(text)).not.toThrow();
  await openTestPage(page, { config: text, before: COLLECT });
  await page.waitForFunction(() => (window as unknown as Win).__ready.length > 0);
  expect((await page.evaluate(() => (window as unknown as Win).__ready))[0]).toEqual(['ok']);
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'ok');
  await expect.poll(async () => (await page.evaluate(() => (window as unknown as Win).__errors)).filter((e) => /is not allowed as a key/.test(e)).length).toBe(6);
  await expectNothingRan(page);
  const top = `{"version":1,"defaultLocale":"en",${inner[0]},"campaigns":[{"id":"x","content":{"en":{"title":"x"}}}]}`;
  await openTestPage(page, { config: top, before: COLLECT });
  await expect.poll(() => page.evaluate(() => (window as unknown as Win).__errors.length)).toBeGreaterThan(0);
  await expectNothingRan(page);
  expect(PROTO_KEYS.map((value) => `config › keys › ${value}`)).toEqual(casesOf('config › keys › '));
});

test('security corpus, traits, events and dataLayer: markup, VNode-shaped values and prototype keys are data, never markup, never prototypes', async ({ page }) => {
  const pushed = [
    ...[...MARKUP, ...VNODES].map((value) => `identify › trait value › ${show(value)}`),
    ...PROTO_KEYS.map((value) => `identify › traits object › ${value}`),
    ...MARKUP.map((value) => `track › event name › ${value}`),
    ...[...VNODES, ...PROTO_KEYS].map((value) => `track › properties › ${show(value)}`),
    ...MARKUP.map((value) => `dataLayer › item name › ${value}`),
    ...[...VNODES, ...PROTO_KEYS].map((value) => `dataLayer › entry › ${show(value)}`),
  ];
  expect(pushed).toEqual(listCases().filter((c) => /^(identify|track|dataLayer) › /.test(c)));
  const corpus = JSON.stringify({ MARKUP, VNODES, PROTO_KEYS });
  // Pushed before segmint loads (the stub queue and an early dataLayer) and again after it started.
  const push = `(function () {
    var c = ${corpus.replace(/</g, '\\u003c')};
    var proto = c.PROTO_KEYS.map(function (t) { return JSON.parse(t); });
    c.MARKUP.forEach(function (m, i) { var t = {}; t['m' + i] = m; segmint('identify', t); });
    c.VNODES.forEach(function (v, i) { var t = {}; t['v' + i] = v; segmint('identify', t); });
    proto.forEach(function (p) { segmint('identify', p); });
    c.MARKUP.forEach(function (m) { segmint('track', m); });
    c.VNODES.concat(proto).forEach(function (p) { segmint('track', 'with_props', p); });
    window.dataLayer = window.dataLayer || [];
    c.MARKUP.forEach(function (m, i) { dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'SKU' + i, item_name: m, item_category: m, price: 1 }] } }); });
    c.VNODES.concat(proto).forEach(function (p) { dataLayer.push(p); dataLayer.push({ event: 'view_item', ecommerce: p }); dataLayer.push({ event: 'add_to_cart', ecommerce: { items: [p] } }); });
  })();`;
  const title = MARKUP.map((_, i) => `{traits.m${i}}`).join(' | ');
  const body = VNODES.map((_, i) => `[{traits.v${i}}]`).join('');
  const unexpected = watchRequests(page);
  await openTestPage(page, {
    config: makeConfig([makeCampaign('echo', { audience: { 'traits.m0': { exists: true } }, trigger: { on: 'event', event: 'go' }, content: { en: { title, body } } })]),
    before: `${COLLECT} ${push}`,
  });
  await page.waitForFunction(() => (window as unknown as Win).__ready.length > 0);
  await page.evaluate(push.replace(/segmint\('(\w+)', /g, "window.segmint.$1("));
  await page.evaluate(() => (window as unknown as Win).segmint.track('go'));
  await expect(dialog(page)).toHaveAttribute('data-campaign', 'echo');
  await expect(dialog(page).getByRole('heading')).toHaveText(MARKUP.map((m) => m).join(' | ').trim());
  // The VNode-shaped traits were not kept, so they render as nothing.
  expect(await dialog(page).evaluate((el) => el.textContent)).toContain('[][][]');
  const profile = await page.evaluate(() => (window as unknown as Win).segmint.profile());
  expect(JSON.stringify(profile)).not.toContain('polluted');
  for (const m of MARKUP) expect(profile.events[m], `the event ${m} counted by its literal name`).toBe(2);
  await expectNothingRan(page);
  expect(unexpected).toEqual([]);
});

test('security corpus, URL parameters: markup in utm_content and ?segmint=preview:, prototype keys in the query change nothing', async ({ page }) => {
  const queries = ['__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', '__proto__.polluted=yes'];
  const pushed: string[] = [...MARKUP.map((m) => `url › utm_content › ${m}`), ...queries.map((q) => `url › query › ${q}`), ...MARKUP.map((m) => `url › segmint=preview: › ${m}`)];
  expect(pushed.sort()).toEqual(casesOf('url › ').sort());
  const unexpected = watchRequests(page);
  for (const markup of MARKUP) {
    const query = `?utm_content=${encodeURIComponent(markup)}&utm_source=${encodeURIComponent(markup)}&segmint=preview:${encodeURIComponent(markup)}&${queries.join('&')}`;
    await openTestPage(page, { config: makeConfig([makeCampaign('welcome')]), before: COLLECT, query });
    await page.waitForFunction(() => (window as unknown as Win).__ready.length > 0);
    // The preview names no campaign of the config: only the config's own campaign shows.
    await expect(dialog(page)).toHaveAttribute('data-campaign', 'welcome');
    const signals = (await page.evaluate(() => (window as unknown as Win).segmint.explain())).signals;
    // Kept as the text it is (utm_content is no signal; utm_source is, from the session's first touch).
    expect(signals.utmSource).toBe(MARKUP[0].trim().slice(0, 100));
    await expectNothingRan(page);
  }
  expect(unexpected).toEqual([]);
});
