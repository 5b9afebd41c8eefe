import { expect, test } from './fixtures.js';
import { uniqueUsername } from './helpers/accounts.js';
import { inviteUser } from './helpers/invitations.js';
import { enterCode, enterCredentials, fillCredentials, linkAccount } from './helpers/journeys.js';
import { mainServer } from './helpers/servers.js';

// identity.lockout.maxFailures, at its default.
const maxFailures = 5;

// Wrong codes after the right password lock the username for a while, and the lock holds even for the
// right password and code (no requirement names this; it protects R13's six-digit codes from guessing).
test('five wrong codes lock the account, and say for how long', async ({ page }) => {
  test.setTimeout(90_000);
  // An account of its own: the lock would spoil any other test's logins for 15 minutes.
  const invitation = await inviteUser(mainServer.dataDir, uniqueUsername('locked'), 'Lars Locked');
  const { account, app } = await linkAccount(page, invitation, 'Quiet-Meadow-Stone-17');
  const alert = page.getByRole('alert');

  await enterCredentials(page, account.username, account.password);
  for (let failure = 1; failure < maxFailures; failure++) {
    await enterCode(page, app.wrongCode());
    await expect(alert).toHaveText('The username, password or code is wrong.');
    await fillCredentials(page, account.username, account.password);
  }
  await enterCode(page, app.wrongCode());
  await expect(alert).toContainText('logging in to this account is locked');
  await expect(alert).toContainText(/Try again in \d+ minutes?\./);

  // The right password and code change nothing while the lock lasts; only they are told of it.
  await fillCredentials(page, account.username, account.password);
  await enterCode(page, await app.nextCode());
  await expect(alert).toContainText('logging in to this account is locked');
  await expect(page).not.toHaveURL('/portal');
});
