import { expect, open, test } from './fixtures.js';

// Set by the web server's environment in playwright.config.ts.
const operatorName = 'Test Statistics Office';
const startTitle = { en: 'Secure remote access to microdata', sv: 'Säker fjärråtkomst till mikrodata' };

test.describe('start page', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`shows the operator and the rules at ${viewport.width}x${viewport.height} without horizontal scrolling`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await open(page, '/');

      await expect(page.getByRole('banner')).toContainText(operatorName);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(startTitle.en);
      await expect(page.getByText('Using MONA from the USA or Canada is not allowed.')).toBeVisible();
      await expect(page.getByRole('contentinfo').getByRole('link', { name: /@/ })).toBeVisible();
      // R19: the published software catalogue, with the licences a program has.
      const software = page.getByRole('region', { name: 'Software in the remote desktop' });
      await expect(software).toContainText('Gnumeric spreadsheet');
      await expect(software).toContainText('2 licences, shared');

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'horizontal overflow in pixels').toBe(0);
    });
  }

  test('is served with the security headers', async ({ page }) => {
    const headers = (await open(page, '/')).headers();

    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();
  });
});

test.describe('language', () => {
  test('switching to Svenska translates the page, sets <html lang> and survives a reload', async ({
    page,
  }) => {
    await open(page, '/');
    const heading = page.getByRole('heading', { level: 1 });
    const html = page.locator('html');
    await expect(heading).toHaveText(startTitle.en);
    await expect(html).toHaveAttribute('lang', 'en');

    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect(heading).toHaveText(startTitle.sv);
    await expect(html).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('button', { name: 'Svenska' })).toHaveAttribute('aria-pressed', 'true');

    await page.reload();
    await expect(heading).toHaveText(startTitle.sv);
    await expect(html).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeAttached();

    // The switch works from the keyboard too.
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText(startTitle.en);
    await expect(html).toHaveAttribute('lang', 'en');
  });
});

test.describe('keyboard', () => {
  test('the first Tab shows "Skip to content", which moves focus to the main content', async ({ page }) => {
    await open(page, '/');
    await expect(page.getByRole('banner')).toContainText(operatorName);
    const skipLink = page.getByRole('link', { name: 'Skip to content' });
    await expect(skipLink).not.toBeInViewport();

    await page.keyboard.press('Tab');
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();

    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});

test.describe('unknown paths', () => {
  test('show "Page not found" from the SPA fallback, with a working link home', async ({ page }) => {
    const response = await open(page, '/no/such/page');
    expect(response.status()).toBe(200);

    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Page not found');
    await expect(page).toHaveTitle(/Page not found/);

    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await expect(page).toHaveURL('/');
    await expect(heading).toHaveText(startTitle.en);
  });
});

test('no page logs console errors or CSP violations', async ({ page, pageErrors }) => {
  for (const path of ['/', '/no/such/page']) {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan hittades inte');
  expect(pageErrors).toEqual([]);
});
