import { expect, test } from './fixtures.js';
import { demoAccount, uniqueUsername } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { emailOf, inviteUser } from './helpers/invitations.js';
import { linkAccount, logIn } from './helpers/journeys.js';
import { mona } from './helpers/mona-cli.js';
import { mainServer } from './helpers/servers.js';

// R31: My account shows who the user is and lets them order the account closed and deleted.
test('a user sees their account and projects, and orders its deletion; support and the user are mailed', async ({
  page,
  secondPage,
}) => {
  // Linking and the first login each need a code of a fresh time step.
  test.setTimeout(90_000);
  const username = uniqueUsername('leaving');
  const reason = 'My project has ended and I have exported my results.';
  const main = page.getByRole('main');

  await test.step('a new member of P0001 links the account and logs in', async () => {
    const invitation = await inviteUser(mainServer.dataDir, username, 'Lova Leaving');
    await mona(['admin', 'project', 'add-member', 'P0001', username], mainServer.dataDir);
    const { account, app } = await linkAccount(page, invitation, 'Quiet-Meadow-Lantern-7');
    await logIn(page, account, app);
  });

  await test.step('My account shows the account and its projects', async () => {
    await main.getByRole('link', { name: 'MONA web' }).click();
    await page.getByRole('tab', { name: 'My account' }).click();
    await expect(main.getByRole('definition').getByText(username, { exact: true })).toBeVisible();
    await expect(main).toContainText('Lova Leaving');
    await expect(main).toContainText(emailOf(username));
    await expect(main).toContainText('One-time password (OTP)');
    await expect(main.getByRole('listitem').filter({ hasText: 'P0001' })).toContainText(
      'Demo register study (member)',
    );
  });

  await test.step('ordering the deletion asks first, then confirms it', async () => {
    await main.getByLabel('Reason (optional)').fill(reason);
    await main.getByRole('button', { name: 'Delete account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close and delete your account?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(main.getByRole('button', { name: 'Delete account' })).toBeFocused();

    await main.getByRole('button', { name: 'Delete account' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete my account' }).click();
    await expect(
      main.getByText(
        /^Your request was received on .+\. Support will handle it and you have been sent a confirmation e-mail\.$/,
      ),
    ).toBeVisible();
    await expect(main.getByRole('button', { name: 'Delete account' })).toHaveCount(0);
  });

  await test.step('the order is still shown after a reload, instead of the button', async () => {
    await page.reload();
    await expect(main.getByText(/^Your request was received on /)).toBeVisible();
    await expect(main.getByRole('button', { name: 'Delete account' })).toHaveCount(0);
  });

  await test.step('support and the user have been mailed', async () => {
    const support = demoAccount(mainServer.dataDir, 'demo.support');
    await logIn(secondPage, support, new Authenticator(support.secret));
    await secondPage.getByRole('navigation').getByRole('link', { name: 'Caught mail' }).click();
    const mails = secondPage.getByRole('main').getByRole('listitem');

    const toUser = mails.filter({ hasText: emailOf(username) }).filter({ hasText: 'Closing your account' });
    await expect(toUser).toHaveCount(1);
    await toUser.getByText('Closing your account').click();
    await expect(toUser).toContainText(`We have received your order`);

    const toSupport = mails.filter({ hasText: `Account closure ordered: ${username}` });
    await expect(toSupport).toHaveCount(1);
    await toSupport.getByText(`Account closure ordered: ${username}`).click();
    await expect(toSupport).toContainText(`Reason: ${reason}`);
  });
});
