import { expect, test } from './fixtures.js';
import { demoAccount } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { logIn } from './helpers/journeys.js';
import { idleServer } from './helpers/servers.js';

// Runs against the idle server (see playwright.config.ts): logout after 20 s idle, warning for the last 10.

/** The session as the browser's own cookies give it, without counting as activity. */
const sessionStatus = (page: import('@playwright/test').Page) =>
  page.evaluate(() => fetch('/api/session').then((response) => response.status));

// R30: the warning, staying logged in, and the logout when the warning is ignored.
test('the idle warning keeps the session on request and ends it when ignored', async ({ page }) => {
  test.setTimeout(90_000);
  const account = demoAccount(idleServer.dataDir, 'demo.researcher');
  await logIn(page, account, new Authenticator(account.secret));

  const dialog = page.getByRole('dialog', { name: 'Do you want to stay logged in?' });
  const warningDue = { timeout: (idleServer.idleSeconds - idleServer.warningSeconds + 5) * 1000 };

  await test.step('the warning appears, modal, with the focus on staying', async () => {
    await expect(dialog).toBeVisible(warningDue);
    await expect(dialog).toContainText(/You will be logged out in 0:\d\d\./);
    await expect(dialog.getByRole('button', { name: 'Stay logged in' })).toBeFocused();
    await expect(dialog.getByRole('button', { name: 'Log out' })).toBeVisible();
  });

  await test.step('"Stay logged in" extends the session', async () => {
    await dialog.getByRole('button', { name: 'Stay logged in' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('timer')).toHaveText(/Logged out in 0:(1[1-9]|20) without activity/);
    expect(await sessionStatus(page)).toBe(200);
  });

  await test.step('ignoring the warning logs out and says why', async () => {
    await expect(dialog).toBeVisible(warningDue);
    await expect(page).toHaveURL('/logged-out?idle=20', { timeout: (idleServer.warningSeconds + 5) * 1000 });
    await expect(page.getByRole('main')).toContainText(
      'You were logged out because you were inactive for 20 seconds.',
    );
    await expect(dialog).toBeHidden();
    expect(await sessionStatus(page)).toBe(401);
  });
});
