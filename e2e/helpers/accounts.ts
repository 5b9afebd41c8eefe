import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { root } from './servers.js';

export interface Account {
  username: string;
  password: string;
  /** The TOTP secret, base32, as the authenticator app holds it. */
  secret: string;
}

/** A demo account of a test server, from the `<data-dir>/demo-accounts.txt` that `mona start` writes. */
export function demoAccount(dataDir: string, username: string): Account {
  const lines = readFileSync(resolve(root, dataDir, 'demo-accounts.txt'), 'utf8').split('\n');
  for (const line of lines) {
    const [name, password, secret] = line.trim().split(/\s+/);
    if (name === username && password && secret) return { username, password, secret };
  }
  throw new Error(`no demo account ${username} in ${dataDir}/demo-accounts.txt`);
}

/** A username no other test uses, for tests that change an account's state. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
