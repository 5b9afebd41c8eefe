import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import type { Account } from './accounts.js';
import { Authenticator } from './authenticator.js';
import { logIn } from './journeys.js';
import { root } from './servers.js';

/** Where a spec file keeps the cookies of its login, under the ignored .tmp/. */
export function loginStateFile(name: string): string {
  return resolve(root, '.tmp', 'e2e-logins', `${name}.json`);
}

/**
 * Logs in once and saves the browser's cookies to `file`, so that the tests of one spec file can
 * start logged in (`test.use({ storageState: file })`) instead of each waiting for a fresh code.
 */
export async function saveLogin(browser: Browser, baseURL: string, account: Account, file: string) {
  mkdirSync(dirname(file), { recursive: true });
  // Not the file's own storageState, which test.use gives every new context, and which this writes.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await logIn(page, account, new Authenticator(account.secret));
    await context.storageState({ path: file });
  } finally {
    await context.close();
  }
}
