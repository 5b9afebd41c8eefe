import { expect, test } from './fixtures.js';
import { demoAccount } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { logIn } from './helpers/journeys.js';
import { mainServer } from './helpers/servers.js';

// R29: "Log out" ends the portal session on the server, not only in the browser.
test('"Log out" ends the session and shows the logged-out page', async ({ page }) => {
  const operator = demoAccount(mainServer.dataDir, 'demo.operator');
  await logIn(page, operator, new Authenticator(operator.secret));
  const sessionStatus = () => page.evaluate(() => fetch('/api/session').then((response) => response.status));
  expect(await sessionStatus()).toBe(200);

  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();

  await expect(page).toHaveURL('/logged-out');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are logged out');
  await expect(page.getByRole('banner')).not.toContainText('Olivia Operator');
  expect(await sessionStatus()).toBe(401);

  // The portal now asks for a login.
  await page.goto('/portal');
  await expect(page).toHaveURL('/login');
});
