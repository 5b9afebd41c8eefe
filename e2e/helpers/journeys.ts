import { expect, type Page } from '@playwright/test';
import type { Account } from './accounts.js';
import { Authenticator } from './authenticator.js';
import type { Invitation } from './invitations.js';

/** Login up to the code: Accept (approved country), One-time password (OTP), username and password. */
export async function enterCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('button', { name: 'One-time password (OTP)' }).click();
  await fillCredentials(page, username, password);
}

/** The username and password step, as first shown or after a failed attempt. */
export async function fillCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Six-digit code').fill(code);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The whole login journey, ending in the portal. */
export async function logIn(page: Page, account: Account, app: Authenticator): Promise<void> {
  await enterCredentials(page, account.username, account.password);
  await enterCode(page, await app.nextCode());
  await expect(page).toHaveURL('/portal');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
}

/** The authenticator key as the link-account page shows it, grouped in fours. */
export async function shownSecret(page: Page): Promise<string> {
  const key = page
    .locator('dt', { hasText: 'Key for the authenticator app' })
    .locator('xpath=following-sibling::dd[1]');
  return (await key.textContent())?.replace(/\s/g, '') ?? '';
}

/** Links an invited account to OTP without looking left or right; returns the account as it then is. */
export async function linkAccount(
  page: Page,
  invitation: Invitation,
  password: string,
): Promise<{ account: Account; app: Authenticator }> {
  await page.goto(`/link-account?token=${invitation.token}`);
  await page.getByLabel('Username', { exact: true }).fill(invitation.username);
  await page.getByLabel('Initial password (from the letter)').fill(invitation.initialPassword);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the new password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const secret = await shownSecret(page);
  const app = new Authenticator(secret);
  await page.getByLabel('Six-digit code').fill(await app.nextCode());
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByRole('heading', { name: 'Your account is ready' })).toBeVisible();
  return { account: { username: invitation.username, password, secret }, app };
}
