import { expect, test } from './fixtures.js';

// The main server trusts X-Forwarded-For from 127.0.0.1 (playwright.config.ts), so a test can pose as
// a visitor from anywhere. The addresses' countries come from the GeoIP data shipped with mona.
const usAddress = '8.8.8.8';
const swedishAddress = '194.71.11.69';

// R3, R7: only approved countries reach the login, and a refusal says why.
test.describe('the approved-country check', () => {
  test('turns away a visitor from the USA, saying where the address appears to be', async ({ page }) => {
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': usAddress });
    await page.goto('/login');

    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { name: 'You cannot log in from where you are' })).toBeVisible();
    await expect(main).toContainText(
      'Your address appears to be in a country that is not approved for MONA (United States).',
    );
    await expect(main.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  });

  test('lets a visitor from Sweden confirm and choose a login method', async ({ page }) => {
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': swedishAddress });
    const check = await page.request.get('/api/login/country', {
      headers: { 'X-Forwarded-For': swedishAddress },
    });
    expect(await check.json()).toEqual({ allowed: true, country: 'SE' });

    await page.goto('/login');
    await expect(page.getByText('I confirm that I am in an approved country.')).toBeVisible();
    await page.getByRole('button', { name: 'Accept' }).click();
    // `mona start` runs the development BankID broker, so both methods are offered, BankID first.
    const methods = page.getByRole('main').getByRole('listitem').getByRole('button');
    await expect(methods).toHaveText(['BankID', 'One-time password (OTP)']);
  });
});
