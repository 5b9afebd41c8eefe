import { expect, test } from './fixtures.js';
import { uniqueUsername } from './helpers/accounts.js';
import { logInWithBankId, pendingRequestId, testPersons } from './helpers/bankid.js';
import { inviteUser, reinviteUser } from './helpers/invitations.js';
import { linkAccount, logIn } from './helpers/journeys.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer } from './helpers/servers.js';

const person = testPersons.sven;

// R5: an account has exactly one login method; linking one-time passwords removes BankID.
test('linking one-time passwords through a new invitation removes the BankID link', async ({ page }) => {
  // The OTP login after linking may wait for a fresh authenticator time step.
  test.setTimeout(120_000);
  const username = uniqueUsername('switch');
  await inviteUser(mainServer.dataDir, username, 'Sigge Switch');

  await test.step('the account is linked to BankID (approved with the CLI)', async () => {
    await logInWithBankId(page, username, person);
    await expect(page).toHaveURL('/login/bankid?outcome=requested');
    const id = await pendingRequestId(mainServer.dataDir, username);
    expect(await mona(['admin', 'bankid-requests', 'approve', id], mainServer.dataDir)).toContain(
      `linked ${username} to BankID`,
    );
    await logInWithBankId(page, username, person);
    await expect(page).toHaveURL('/portal');
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/logged-out');
  });

  const { account, app } = await test.step('invited again, the user links one-time passwords', async () => {
    const invitation = await reinviteUser(mainServer.dataDir, username);
    return linkAccount(page, invitation, 'Brisk-Valley-Lantern-58');
  });

  await test.step('BankID no longer logs in: the login is a new link request', async () => {
    await logInWithBankId(page, username, person);
    await expect(page).toHaveURL('/login/bankid?outcome=requested');
    await expect(page.getByRole('main')).toContainText('Your account is not yet linked to your BankID');
  });

  await test.step('one-time passwords do', async () => {
    await logIn(page, account, app);
  });
});
