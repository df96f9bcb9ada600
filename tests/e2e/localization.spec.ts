import { test, expect, openTestPage, makeConfig, makeCampaign, dialog } from './fixtures';

const config = makeConfig([makeCampaign('welcome')]);

test.describe('a de-DE visitor', () => {
  test.use({ locale: 'de-DE' });

  test('sees the German copy, marked as German', async ({ page }) => {
    await openTestPage(page, { config });
    await expect(dialog(page)).toBeVisible();
    await expect(dialog(page).getByRole('heading')).toHaveText('Hallo von welcome');
    await expect(dialog(page)).toHaveAttribute('lang', 'de');
    await expect(dialog(page).getByRole('button', { name: 'Schließen' })).toBeVisible();
  });
});

test.describe('an en-US visitor', () => {
  test.use({ locale: 'en-US' });

  test('sees the English copy', async ({ page }) => {
    await openTestPage(page, { config });
    await expect(dialog(page).getByRole('heading')).toHaveText('Hello from welcome');
    await expect(dialog(page)).toHaveAttribute('lang', 'en');
  });

  test('sees German when the shop says data-locale="de-AT"', async ({ page }) => {
    await openTestPage(page, { config, attributes: 'data-locale="de-AT"' });
    await expect(dialog(page).getByRole('heading')).toHaveText('Hallo von welcome');
  });
});

test.describe('a fr-FR visitor with no French copy', () => {
  test.use({ locale: 'fr-FR' });

  test('gets the default locale', async ({ page }) => {
    await openTestPage(page, { config });
    await expect(dialog(page).getByRole('heading')).toHaveText('Hello from welcome');
    await expect(dialog(page)).toHaveAttribute('lang', 'en');
  });
});

test.describe('a de-CH visitor', () => {
  test.use({ locale: 'de-CH' });

  test('gets Swiss words where they differ, German and then English for the rest', async ({ page }) => {
    const campaign = makeCampaign('swiss', {
      content: {
        en: { title: 'Welcome', body: 'English body', cta: 'Shop now', dismiss: 'No thanks' },
        de: { title: 'Willkommen', body: 'Deutscher Text' },
        'de-CH': { title: 'Grüezi' },
      },
    });
    await openTestPage(page, { config: makeConfig([campaign]) });
    await expect(dialog(page).getByRole('heading')).toHaveText('Grüezi');
    await expect(dialog(page)).toContainText('Deutscher Text');
    await expect(dialog(page).getByRole('button', { name: 'Shop now' })).toBeVisible();
    await expect(dialog(page)).toHaveAttribute('lang', 'de-CH');
  });
});

test.describe('an Arabic-speaking visitor', () => {
  test.use({ locale: 'ar-EG' });

  test('reads the popup right to left', async ({ page }) => {
    const campaign = makeCampaign('rtl', { content: { en: { title: 'Hello' }, ar: { title: 'مرحبا' } } });
    await openTestPage(page, { config: makeConfig([campaign]) });
    await expect(dialog(page)).toHaveAttribute('dir', 'rtl');
    await expect(dialog(page).getByRole('heading')).toHaveText('مرحبا');
  });
});
