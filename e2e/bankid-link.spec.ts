import { expect, test } from './fixtures.js';
import { demoAccount, uniqueUsername } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { logInWithBankId, masked, sessionStatus, testPersons, withDash } from './helpers/bankid.js';
import { emailOf, inviteUser } from './helpers/invitations.js';
import { logIn } from './helpers/journeys.js';
import { mainServer } from './helpers/servers.js';

const person = testPersons.tess;
const recorded =
  'Your BankID login has been recorded. Your account is not yet linked to your BankID: support will check it, link the account and e-mail you. This can take a few days. Then log in the same way.';
const termsHint = 'To see Remote Desktop, accept the terms of use in MONA web, log out and log in again.';

// R8, R9, R10: the first BankID login asks support to link the account; once linked, BankID logs in,
// and Remote Desktop follows the terms of use as for any login.
test('a first BankID login waits for support to link the account; then BankID leads to the portal', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const username = uniqueUsername('bankid');
  const fullName = 'Bodil Bankid';
  // Created by the operator and never linked: the welcome mail and letter go unused.
  await inviteUser(mainServer.dataDir, username, fullName);
  const main = page.getByRole('main');
  const desktopEntry = main.getByRole('link', { name: 'Remote Desktop (RDP file)' });

  await test.step('the first BankID login is recorded for support, without a session', async () => {
    await logInWithBankId(page, username, person);
    await expect(page).toHaveURL('/login/bankid?outcome=requested');
    await expect(main.getByRole('heading', { level: 2 })).toHaveText('Your account is not linked yet');
    await expect(main).toContainText(recorded);
    expect(await sessionStatus(page)).toBe(401);
  });

  await test.step('support sees the request, with the number masked, and approves it', async () => {
    const support = demoAccount(mainServer.dataDir, 'demo.support');
    await logIn(page, support, new Authenticator(support.secret));
    await page.getByRole('navigation').getByRole('link', { name: 'BankID requests' }).click();
    await expect(page).toHaveURL('/support/bankid-requests');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('BankID requests');
    await expect(page.getByRole('radio', { name: 'Pending requests' })).toBeChecked();

    const request = main.getByRole('listitem').filter({ hasText: username });
    await expect(request.getByRole('heading', { name: username })).toBeVisible();
    await expect(request).toContainText(`${person.name}, ${masked(person)}`);
    await expect(request).toContainText('invited, not yet linked');
    await expect(request).not.toContainText('No account with this username');
    // Neither the page nor the API behind it holds the full number.
    for (const text of [
      await page.content(),
      await (await page.request.get('/api/support/bankid-requests?state=all')).text(),
    ]) {
      expect(text).not.toContain(person.number);
      expect(text).not.toContain(withDash(person));
    }

    await request.getByRole('button', { name: 'Approve and link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve and link?' });
    await expect(dialog).toContainText(
      `The account ${username} will be linked to the BankID of ${person.name} (${masked(person)}).`,
    );
    await dialog.getByRole('button', { name: 'Approve and link' }).click();
    await expect(dialog).toBeHidden();
    await expect(main.getByRole('status')).toContainText(`The account ${username} is now linked to BankID.`);
    await expect(main.getByRole('status')).toContainText('The user has been e-mailed.');
    await expect(request).toHaveCount(0);
  });

  await test.step('the user is e-mailed that the account is linked', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Caught mail' }).click();
    const mail = main
      .getByRole('listitem')
      .filter({ hasText: emailOf(username) })
      .first();
    await expect(mail).toContainText('Your account is linked');
    await mail.getByText('Your account is linked').click();
    await expect(mail).toContainText(
      `Your account ${username} at Test Statistics Office is now linked to BankID.`,
    );
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/logged-out');
  });

  await test.step('BankID now leads to the portal, without Remote Desktop before the terms', async () => {
    await logInWithBankId(page, username, person);
    await expect(page).toHaveURL('/portal');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${fullName}`);
    await expect(page.getByRole('banner')).toContainText(fullName);
    await expect(main.getByRole('link', { name: 'MONA web' })).toBeVisible();
    await expect(main.getByText(termsHint)).toBeVisible();
    await expect(desktopEntry).toHaveCount(0);
  });

  await test.step('accepting the terms in MONA web shows Remote Desktop only after a new login', async () => {
    await main.getByRole('link', { name: 'MONA web' }).click();
    await main.getByRole('button', { name: 'Accept' }).click();
    await expect(main.getByText(/^You accepted this version on /)).toBeVisible();
    await page.getByRole('navigation').getByRole('link', { name: 'Portal' }).click();
    await expect(
      main.getByText(
        'You have accepted the terms of use. Remote Desktop appears when you log out and log in again.',
      ),
    ).toBeVisible();
    await expect(desktopEntry).toHaveCount(0);

    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL('/logged-out');
    await logInWithBankId(page, username, person);
    await expect(page).toHaveURL('/portal');
    await expect(desktopEntry).toBeVisible();
    await expect(main.getByRole('status')).toHaveCount(0);
  });
});
