import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

// Accessibility of the popup: SPEC §8, issue 6 "Accessible", RELIABILITY §57–60.

const catalog = {
  TENT: { name: { en: 'Trail Tent 2P', de: 'Trekkingzelt 2P', ar: 'خيمة للرحلات' }, price: { USD: 249, EUR: 229 }, image: '/img/tent.svg', url: '/t/tent' },
  MAT: { name: { en: 'Sleeping Mat', de: 'Isomatte', ar: 'حصيرة نوم' }, price: { USD: 59, EUR: 55 }, image: '/img/mat.svg', url: '/t/mat' },
};

/** A campaign with everything a popup can show: title, body, product cards, a coupon and both buttons. */
function fullCampaign(id: string, layout: object, extra: object = {}) {
  return makeCampaign(id, {
    layout,
    offer: { products: ['TENT', 'MAT'], coupon: 'TRAIL10' },
    cta: { action: 'add-to-cart' },
    content: {
      en: { title: 'Complete your camp', body: 'Use {coupon} at checkout for 10% off.', cta: 'Add both', dismiss: 'No thanks' },
      de: { title: 'Mach dein Lager komplett', body: 'Mit {coupon} an der Kasse 10 % sparen.', cta: 'Beide hinzufügen', dismiss: 'Nein danke' },
      ar: { title: 'أكمل معسكرك', body: 'استخدم {coupon} عند الدفع للحصول على خصم ١٠٪.', cta: 'أضف الاثنين', dismiss: 'لا، شكرًا' },
    },
    ...extra,
  });
}

/** Opened by `segmint.track('open')`, so the test can put focus somewhere first. */
const onOpen = { trigger: { on: 'event', event: 'open' } };

async function openOnEvent(page: Page) {
  await page.waitForFunction(() => (window as any).segmint?.explain);
  await page.evaluate(() => (window as any).segmint.track('open'));
  await expect(dialog(page)).toBeVisible();
}

/** Waits until the popup's entry animations have finished, so contrast and geometry are final. */
async function settled(page: Page) {
  await expect(dialog(page)).toBeVisible();
  await page.evaluate(() => Promise.all(document.querySelector('segmint-root')!.shadowRoot!.getAnimations().map((animation) => animation.finished)));
}

/** Where focus is: the document's active element and, through the shadow root, the popup's. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('segmint-root');
    const shadow = host?.shadowRoot;
    const active = shadow?.activeElement ?? null;
    const box = shadow?.querySelector('[role="dialog"]');
    const style = active ? getComputedStyle(active) : null;
    return {
      document: document.activeElement?.localName ?? null,
      documentId: document.activeElement?.id ?? null,
      insideDialog: !!active && !!box && box.contains(active),
      control: active ? `${active.localName}.${active.className}` : null,
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : null,
    };
  });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('segmint-root').withTags(AXE_TAGS).analyze();
  // Guard against a vacuous pass: axe must actually have looked inside the shadow root.
  const checkedButtons = results.passes.find((rule) => rule.id === 'button-name')?.nodes.length ?? 0;
  expect(checkedButtons, 'axe checked the buttons inside the shadow root').toBeGreaterThan(0);
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = serious
    .map((violation) => `${violation.id} [${violation.impact}] ${violation.help}\n${violation.nodes.map((node) => `  ${JSON.stringify(node.target)}\n    ${node.failureSummary?.replace(/\n/g, '\n    ')}`).join('\n')}`)
    .join('\n');
  return { serious, report };
}

const LAYOUTS: { name: string; layout: object; phone?: boolean }[] = [
  { name: 'modal', layout: { type: 'modal' } },
  { name: 'slide-in bottom-right', layout: { type: 'slide-in', position: 'bottom-right' } },
  { name: 'slide-in top-left', layout: { type: 'slide-in', position: 'top-left' } },
  { name: 'bar top', layout: { type: 'bar', position: 'top' } },
  { name: 'bar bottom', layout: { type: 'bar', position: 'bottom' } },
  { name: 'sheet', layout: { type: 'sheet' } },
  { name: 'modal on a 360×740 phone (a sheet)', layout: { type: 'modal' }, phone: true },
];

test.describe('axe-core: no serious or critical WCAG 2.1 A/AA violations', () => {
  for (const { name, layout, phone } of LAYOUTS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test.describe(`${name}, ${colorScheme}`, () => {
        test.use(phone ? { colorScheme, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } : { colorScheme, viewport: { width: 1280, height: 800 } });

        test(`${name} in ${colorScheme} mode`, async ({ page }) => {
          await openTestPage(page, { config: makeConfig([fullCampaign('full', layout)], { catalog }) });
          await settled(page);
          await expect(dialog(page).locator('.sm-product')).toHaveCount(2);
          await expect(dialog(page)).toContainText('TRAIL10');
          if (phone) {
            // RELIABILITY §60: no full-screen interstitial on a phone, a bottom sheet of at most 40%.
            const box = (await dialog(page).boundingBox())!;
            expect(Math.round(box.y + box.height)).toBe(740);
            expect(box.height).toBeLessThanOrEqual(740 * 0.4 + 1);
            await expect(dialog(page)).toHaveAttribute('aria-modal', 'true');
          }
          const { serious, report } = await seriousViolations(page);
          expect(serious, `axe violations:\n${report}`).toEqual([]);
        });
      });
    }
  }
});

test.describe('naming', () => {
  test('the dialog is labelled by its visible title in the same shadow root', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([fullCampaign('named', { type: 'modal' })], { catalog }) });
    await expect(page.getByRole('dialog')).toHaveAccessibleName('Complete your camp');
    const title = await page.evaluate(() => {
      const shadow = document.querySelector('segmint-root')!.shadowRoot!;
      const id = shadow.querySelector('[role="dialog"]')!.getAttribute('aria-labelledby');
      const element = id ? shadow.getElementById(id) : null;
      return element && { text: element.textContent, visible: element.getClientRects().length > 0 };
    });
    expect(title).toEqual({ text: 'Complete your camp', visible: true });
  });

  test('a campaign without a title still gets an accessible name (RELIABILITY §59)', async ({ page }) => {
    const campaign = makeCampaign('untitled', { content: { en: { body: 'Free shipping on orders over $75.', cta: 'Shop now', dismiss: 'No thanks' } } });
    await openTestPage(page, { config: makeConfig([campaign]) });
    await expect(dialog(page)).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveAccessibleName(/\S/);
    await expect(dialog(page)).toHaveAttribute('aria-label', /\S/);
    await expect(dialog(page)).not.toHaveAttribute('aria-labelledby', /./);
  });

  test.describe('a de visitor', () => {
    test.use({ locale: 'de-DE' });

    test('a popup with no title, body or CTA is named by a localised fallback, not by the campaign id', async ({ page }) => {
      const campaign = makeCampaign('promo-7', { content: { en: { dismiss: 'OK' }, de: { dismiss: 'OK' } } });
      await openTestPage(page, { config: makeConfig([campaign]) });
      await expect(dialog(page)).toBeVisible();
      const label = await dialog(page).getAttribute('aria-label');
      expect(label ?? '').toMatch(/\S/);
      expect(label, 'the campaign id is not a name in the visitor\'s language').not.toBe('promo-7');
    });

    test('the close control is a real <button> named "Schließen"', async ({ page }) => {
      await openTestPage(page, { config: makeConfig([fullCampaign('de', { type: 'modal' })], { catalog }) });
      const close = dialog(page).getByRole('button', { name: 'Schließen', exact: true });
      await expect(close).toBeVisible();
      expect(await close.evaluate((element) => [element.localName, element.getAttribute('type')])).toEqual(['button', 'button']);
      await close.click();
      await expect(dialog(page)).toHaveCount(0);
    });
  });

  test('the close control is a real <button> named "Close" for an en visitor', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([fullCampaign('en', { type: 'slide-in' })], { catalog }) });
    const close = dialog(page).getByRole('button', { name: 'Close', exact: true });
    await expect(close).toBeVisible();
    expect(await close.evaluate((element) => element.localName)).toBe('button');
  });
});

test.describe('a sheet that has to scroll (RELIABILITY §57: a visible title; §60: no clipped controls)', () => {
  for (const [name, size] of [
    ['on a 360×740 phone (a modal becomes a sheet)', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }],
    ['on a 1280×800 desktop', { viewport: { width: 1280, height: 800 } }],
  ] as const) {
    test.describe(name, () => {
      test.use({ ...size, reducedMotion: 'reduce' });

      test('opens at its top, with the title and the close button in view, while focus is inside', async ({ page }) => {
        const layout = 'isMobile' in size ? { type: 'modal' } : { type: 'sheet' };
        await openTestPage(page, { config: makeConfig([fullCampaign('tall', layout)], { catalog }) });
        await settled(page);
        expect((await focusState(page)).insideDialog).toBe(true);
        const scrolls = await dialog(page).evaluate((box) => box.scrollHeight > box.clientHeight);
        expect(scrolls, 'the test needs content taller than the sheet').toBe(true);
        const clipped = await dialog(page).evaluate((box) => {
          const frame = box.getBoundingClientRect();
          return Array.from(box.querySelectorAll('.sm-title, .sm-close'))
            .filter((element) => {
              const rect = element.getBoundingClientRect();
              return rect.top < frame.top - 0.5 || rect.bottom > frame.bottom + 0.5;
            })
            .map((element) => `${element.className} (top ${Math.round(element.getBoundingClientRect().top)}, dialog top ${Math.round(frame.top)}, scrollTop ${box.scrollTop})`);
        });
        expect(clipped, 'cut off at open').toEqual([]);
      });
    });
  }
});

test.describe('keyboard', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const layout of [{ type: 'modal' }, { type: 'sheet' }]) {
    test(`a ${layout.type} moves focus in on open and Tab / Shift+Tab 20× each never leave it`, async ({ page }) => {
      await openTestPage(page, { config: makeConfig([fullCampaign('trap', layout, onOpen)], { catalog }) });
      await page.locator('#outside').focus();
      await openOnEvent(page);
      await expect(dialog(page)).toHaveAttribute('aria-modal', 'true');
      expect(await focusState(page)).toMatchObject({ document: 'segmint-root', insideDialog: true });

      const controls = await dialog(page).evaluate((box) => box.querySelectorAll('a[href], button').length);
      for (const key of ['Tab', 'Shift+Tab']) {
        const visited = new Set<number>();
        for (let i = 0; i < 20; i++) {
          await page.keyboard.press(key);
          const state = await focusState(page);
          expect(state, `after ${key} #${i + 1}`).toMatchObject({ document: 'segmint-root', insideDialog: true });
          // Visible focus: keyboard focus shows an outline.
          expect(state.outline, `focus ring on ${state.control}`).not.toMatch(/^none|\b0px$/);
          visited.add(await page.evaluate(() => {
            const shadow = document.querySelector('segmint-root')!.shadowRoot!;
            return Array.from(shadow.querySelectorAll('a[href], button')).indexOf(shadow.activeElement!);
          }));
        }
        // Focus really cycles through every control, it is not stuck on one.
        expect(visited.size, `${key} visits every control`).toBe(controls);
      }
    });
  }

  test('Escape closes the modal and focus returns to the element focused before', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([fullCampaign('esc', { type: 'modal' }, onOpen)], { catalog }) });
    await page.locator('#outside').focus();
    await openOnEvent(page);
    expect((await focusState(page)).insideDialog).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(page.locator('#outside')).toBeFocused();
  });

  test('Escape closes the modal and focus goes to body when the element focused before was removed', async ({ page }) => {
    await openTestPage(page, { config: makeConfig([fullCampaign('esc', { type: 'modal' }, onOpen)], { catalog }) });
    await page.locator('#outside').focus();
    await openOnEvent(page);
    await page.evaluate(() => document.getElementById('outside')!.remove());
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });

  for (const layout of [{ type: 'slide-in', position: 'bottom-right' }, { type: 'slide-in', position: 'top-left' }, { type: 'bar', position: 'top' }, { type: 'bar', position: 'bottom' }]) {
    test(`a ${layout.type} (${layout.position}) does not take focus`, async ({ page }) => {
      await openTestPage(page, {
        config: makeConfig([fullCampaign('quiet', layout, onOpen)], { catalog }),
        body: '<main><h1>Test store</h1><input id="search" aria-label="Search"></main>',
      });
      await page.locator('#search').focus();
      await page.keyboard.type('te');
      await openOnEvent(page);
      await settled(page);
      await page.keyboard.type('nt');
      await expect(page.locator('#search')).toBeFocused();
      await expect(page.locator('#search')).toHaveValue('tent');
      await expect(dialog(page)).not.toHaveAttribute('aria-modal', 'true');
    });
  }
});

test.describe('an Arabic visitor', () => {
  test.use({ locale: 'ar', viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });

  for (const layout of [{ type: 'modal' }, { type: 'slide-in', position: 'bottom-right' }, { type: 'bar', position: 'top' }]) {
    test(`gets a right-to-left ${layout.type} with the close button on the left`, async ({ page }) => {
      await openTestPage(page, { config: makeConfig([fullCampaign('rtl', layout)], { catalog }) });
      await expect(dialog(page)).toHaveAttribute('dir', 'rtl');
      await expect(dialog(page)).toHaveAttribute('lang', 'ar');
      const box = (await dialog(page).boundingBox())!;
      const close = (await dialog(page).getByRole('button', { name: 'إغلاق' }).boundingBox())!;
      const title = (await dialog(page).getByRole('heading').boundingBox())!;
      expect(close.x - box.x, 'close button hugs the left edge').toBeLessThan(box.x + box.width - (close.x + close.width));
      expect(close.x + close.width / 2).toBeLessThan(box.x + box.width / 2);
      // The title starts at the right, so its right edge is right of the close button.
      expect(title.x + title.width).toBeGreaterThan(close.x + close.width);
    });
  }
});

test.describe('reduced motion', () => {
  const animationNames = (page: Page) =>
    page.evaluate(() => {
      const shadow = document.querySelector('segmint-root')!.shadowRoot!;
      return Array.from(shadow.querySelectorAll('[role="dialog"], .sm-backdrop')).map((element) => `${element.className}: ${getComputedStyle(element).animationName}`);
    });

  test.describe('with prefers-reduced-motion: reduce', () => {
    test.use({ reducedMotion: 'reduce' });
    for (const layout of [{ type: 'modal' }, { type: 'slide-in' }, { type: 'bar' }, { type: 'sheet' }]) {
      test(`a ${layout.type} does not animate`, async ({ page }) => {
        await openTestPage(page, { config: makeConfig([fullCampaign('calm', layout)], { catalog }) });
        await expect(dialog(page)).toBeVisible();
        const names = await animationNames(page);
        expect(names.length).toBeGreaterThan(0);
        expect(names.every((name) => name.endsWith(': none')), `animation-name of ${names.join(', ')}`).toBe(true);
      });
    }
  });

  test.describe('without a preference', () => {
    test.use({ reducedMotion: 'no-preference' });
    test('the dialog does animate (the check above is not vacuous)', async ({ page }) => {
      await openTestPage(page, { config: makeConfig([fullCampaign('lively', { type: 'slide-in' })], { catalog }) });
      await expect(dialog(page)).toBeVisible();
      expect((await animationNames(page))[0]).not.toMatch(/: none$/);
    });
  });
});

test.describe('at 200% zoom (a 1280×800 window: 640×400 CSS px at device scale 2)', () => {
  // Browser zoom shrinks the CSS viewport and doubles the device pixel ratio; emulate exactly that,
  // so media queries, vw/vh and fixed positioning see what a zoomed visitor's browser does.
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });

  for (const layout of [{ type: 'modal' }, { type: 'slide-in', position: 'bottom-right' }, { type: 'bar', position: 'top' }, { type: 'bar', position: 'bottom' }, { type: 'sheet' }]) {
    test(`no control of a ${layout.type}${'position' in layout ? ` (${layout.position})` : ''} is clipped`, async ({ page }) => {
      await openTestPage(page, { config: makeConfig([fullCampaign('zoom', layout)], { catalog }) });
      await settled(page);
      const viewport = page.viewportSize()!;
      const box = (await dialog(page).boundingBox())!;
      // The dialog itself fits the viewport (its content scrolls inside it if need be).
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);

      const controls = dialog(page).locator('button, a[href]');
      const count = await controls.count();
      expect(count).toBeGreaterThanOrEqual(5); // close, two product links, CTA, dismiss
      for (let i = 0; i < count; i++) {
        const control = controls.nth(i);
        // Reachable: scrolling the dialog (never the page, which may be locked) brings it into view…
        await control.evaluate((element) => element.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
        const rect = (await control.boundingBox())!;
        const label = (await control.getAttribute('aria-label')) ?? (await control.innerText());
        const where = `${label}: ${JSON.stringify(rect)} in viewport ${viewport.width}×${viewport.height}`;
        expect(rect.x, where).toBeGreaterThanOrEqual(-0.5);
        expect(rect.y, where).toBeGreaterThanOrEqual(-0.5);
        expect(rect.x + rect.width, where).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(rect.y + rect.height, where).toBeLessThanOrEqual(viewport.height + 0.5);
        // …and once there it is really visible and clickable: not cut off by the dialog's
        // overflow, not covered by another part of the popup.
        const hit = await control.evaluate((element) => {
          const r = element.getBoundingClientRect();
          const points = [[0.5, 0.5], [0.1, 0.5], [0.9, 0.5]].map(([fx, fy]) => [r.left + r.width * fx, r.top + r.height * fy]);
          const shadow = element.getRootNode() as ShadowRoot;
          return points.every(([x, y]) => {
            const top = shadow.elementFromPoint(x, y);
            return !!top && (top === element || element.contains(top));
          });
        });
        expect(hit, `${where} is covered or clipped`).toBe(true);
      }
    });
  }
});
