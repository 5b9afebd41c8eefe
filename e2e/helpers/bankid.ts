import { expect, type Page } from '@playwright/test';
import { mona } from './mona-cli.js';

/** A test person of the development broker (`mona dev-idp`), as its form lists them. */
export interface TestPerson {
  name: string;
  /** 12 digits, YYYYMMDDNNNN. */
  number: string;
}

/**
 * The broker's test persons. An identity can be linked to one account only, so each spec that links
 * or asks for a link uses a person of its own: Tess (bankid-link), Sven (bankid-switch), Greta
 * (bankid-refusals).
 */
export const testPersons = {
  tess: { name: 'Tess Testberg', number: '196503129840' },
  sven: { name: 'Sven Provsson', number: '197809219913' },
  greta: { name: 'Greta Testlund', number: '195011079828' },
  fia: { name: 'Fia Fiktiv', number: '198804309865' },
  demo: { name: 'Demo Demosson', number: '199912249936' },
} satisfies Record<string, TestPerson>;

/** The number as the broker shows it, and as the full number must never appear in mona. */
export const withDash = (person: TestPerson) => `${person.number.slice(0, 8)}-${person.number.slice(8)}`;

/** As mona shows it to support staff: the date of birth only. */
export const masked = (person: TestPerson) => `${person.number.slice(0, 8)}-****`;

/** The login up to the broker: Accept (approved country), BankID, the username, Continue. */
export async function startBankIdLogin(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('button', { name: 'BankID', exact: true }).click();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByRole('button', { name: 'Continue' }).click();
  // The development broker, on an origin of its own.
  await expect(page.getByText('TEST SERVICE — not real BankID.')).toBeVisible();
}

/** At the broker: "BankID on this computer", the test person, "Approve (test)"; back to mona. */
export async function approveAtBroker(page: Page, person: TestPerson): Promise<void> {
  await page.getByRole('link', { name: 'BankID on this computer' }).click();
  await page.getByLabel(person.name).check();
  await page.getByRole('button', { name: 'Approve (test)' }).click();
}

/** The whole BankID login; where it ends (portal, or a page saying why not) is for the test to check. */
export async function logInWithBankId(page: Page, username: string, person: TestPerson): Promise<void> {
  await startBankIdLogin(page, username);
  await approveAtBroker(page, person);
  await page.waitForURL((url) => url.pathname === '/portal' || url.pathname === '/login/bankid');
}

/** The id of the pending link request of a username, from `mona admin bankid-requests list`. */
export async function pendingRequestId(dataDir: string, username: string): Promise<string> {
  const output = await mona(['admin', 'bankid-requests', 'list'], dataDir);
  const line = output.split('\n').find((row) => row.includes(`  ${username} (`));
  const id = line && /^(\S+)\s+pending\s/.exec(line)?.[1];
  if (!id) throw new Error(`no pending BankID request for ${username}:\n${output}`);
  return id;
}

/** GET /api/session from the page: 200 when logged in, 401 when not. */
export function sessionStatus(page: Page): Promise<number> {
  return page.evaluate(() => fetch('/api/session').then((response) => response.status));
}
