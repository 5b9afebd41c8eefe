import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CaughtMail, startSmtpCatcher } from '../../src/notify/smtp-catcher.js';
import { initialPasswordFrom, pdfText } from './letter.js';
import { mona } from './mona-cli.js';

export interface Invitation {
  username: string;
  email: string;
  welcomeMail: CaughtMail;
  /** The one-time token from the welcome mail's link. */
  token: string;
  /** From the registered-post letter. */
  initialPassword: string;
}

/**
 * Creates an account as an operator does, with `mona admin user create`: the welcome mail goes to an
 * SMTP catcher of this test's own (through the CLI's relay settings), the letter to a temporary
 * directory. Returns what the new user would receive. `project` makes them a member at once; `env` is the
 * command's further environment, such as the database of an installation without an embedded one.
 */
export function inviteUser(
  dataDir: string,
  username: string,
  fullName: string,
  { project, env = {} }: { project?: string; env?: Record<string, string> } = {},
): Promise<Invitation> {
  const email = emailOf(username);
  const args = ['admin', 'user', 'create', '--username', username, '--name', fullName, '--email', email];
  return deliver(dataDir, username, project ? [...args, '--project', project] : args, env);
}

/**
 * Invites an existing account again, with `mona admin user invite`: a new welcome mail and letter,
 * through which the user links the account to one-time passwords (which removes BankID, R5).
 * The account must have been created by inviteUser, for its e-mail address.
 */
export function reinviteUser(dataDir: string, username: string): Promise<Invitation> {
  return deliver(dataDir, username, ['admin', 'user', 'invite', username]);
}

/** The e-mail address inviteUser gives an account. */
export function emailOf(username: string): string {
  return `${username}@e2e.mona.example`;
}

async function deliver(
  dataDir: string,
  username: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Invitation> {
  const catcher = await startSmtpCatcher();
  const letters = await mkdtemp(join(tmpdir(), 'mona-e2e-letters-'));
  const email = emailOf(username);
  try {
    const output = await mona([...args, '--letter-dir', letters], dataDir, {
      ...env,
      MONA_MAIL__SMTP__HOST: catcher.host,
      MONA_MAIL__SMTP__PORT: String(catcher.port),
    });
    const letter = /initial-password letter: (\S+\.pdf)/.exec(output)?.[1];
    if (!letter) throw new Error(`mona ${args.slice(0, 3).join(' ')} named no letter:\n${output}`);
    const welcomeMail = await catcher.waitFor((mail) => mail.to.includes(email));
    const token = /\/link-account\?token=([A-Za-z0-9_-]+)/.exec(welcomeMail.text)?.[1];
    if (!token) throw new Error(`no link in the welcome mail:\n${welcomeMail.text}`);
    const initialPassword = initialPasswordFrom(await pdfText(letter));
    return { username, email, welcomeMail, token, initialPassword };
  } finally {
    await catcher.close();
    await rm(letters, { recursive: true, force: true });
  }
}
