import { expect, test } from './fixtures.js';
import { uniqueUsername } from './helpers/accounts.js';
import { Authenticator } from './helpers/authenticator.js';
import { inviteUser } from './helpers/invitations.js';
import { enterCode, enterCredentials, shownSecret } from './helpers/journeys.js';
import { mainServer } from './helpers/servers.js';

// R6, R11, R13: from the operator creating the account to the new user's first login.
test('a new user links the account to OTP with the letter and the welcome mail, then logs in', async ({
  page,
}) => {
  // Two codes from the authenticator may need a wait for a fresh time step (at most 30 s).
  test.setTimeout(90_000);
  const username = uniqueUsername('first');
  const password = 'Tall-Harbour-Lamp-42';

  const invitation = await test.step('the operator creates the account', async () => {
    const sent = await inviteUser(mainServer.dataDir, username, 'Frida First');
    expect(sent.welcomeMail.subject).toContain('Your new account');
    expect(sent.welcomeMail.text).toContain(username);
    // The password travels by registered post only.
    expect(sent.welcomeMail.text).not.toContain(sent.initialPassword);
    return sent;
  });

  await test.step('the link and the letter’s password open the linking', async () => {
    await page.goto(`/link-account?token=${invitation.token}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Link your account');
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Initial password (from the letter)').fill(invitation.initialPassword);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  });

  await test.step('the password policy is shown, and a refusal names the rule broken', async () => {
    const newPassword = page.getByLabel('New password', { exact: true });
    const repeat = page.getByLabel('Repeat the new password', { exact: true });
    const choose = async (first: string, second = first) => {
      await newPassword.fill(first);
      await repeat.fill(second);
      await page.getByRole('button', { name: 'Continue' }).click();
    };
    await expect(page.getByText('be at least 12 characters long')).toBeVisible();

    await choose('Short-1a');
    await expect(
      page.getByText('The password is too short: it must be at least 12 characters long.'),
    ).toBeVisible();
    await expect(newPassword).toHaveAttribute('aria-invalid', 'true');
    await expect(newPassword).toBeFocused();

    await choose(`${username}-Extra9`);
    await expect(page.getByText('The password must not contain your username.')).toBeVisible();

    await choose(password, `${password}!`);
    await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
    await expect(repeat).toHaveAttribute('aria-invalid', 'true');

    await choose(password);
  });

  const app = await test.step('the authenticator app is set up from the key shown', async () => {
    await expect(page.getByRole('img', { name: 'QR code to scan with the authenticator app' })).toBeVisible();
    const secret = await shownSecret(page);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const authenticator = new Authenticator(secret);

    await page.getByLabel('Six-digit code').fill(authenticator.wrongCode());
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('The code is wrong.');

    await page.getByLabel('Six-digit code').fill(await authenticator.nextCode());
    await page.getByRole('button', { name: 'Continue' }).click();
    return authenticator;
  });

  await test.step('the terms of use are read and accepted', async () => {
    await expect(page.getByRole('heading', { level: 2, name: 'Terms of use' })).toBeVisible();
    // The Markdown's own headings sit under the step's.
    await expect(page.getByRole('main').getByRole('heading', { level: 3 }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect(page.getByRole('heading', { name: 'Your account is ready' })).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
    await expect(page).toHaveURL('/login');
  });

  await test.step('the first login leads to the portal with both entries', async () => {
    await enterCredentials(page, username, password);
    // The code of the linking was used: the login needs the app's next one.
    await enterCode(page, await app.nextCode());
    await expect(page).toHaveURL('/portal');
    await expect(page.getByRole('banner')).toContainText('Frida First');
    await expect(page.getByRole('banner')).toContainText(/Logged out in \d:\d\d without activity/);
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: 'MONA web' })).toBeVisible();
    await expect(main.getByRole('link', { name: 'Remote Desktop (RDP file)' })).toBeVisible();
  });
});
