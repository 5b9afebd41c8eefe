import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { insertAcceptance } from '../entry/terms-repository.js';
import { currentTerms } from '../entry/terms-service.js';
import { base32Decode, base32Encode } from '../identity/base32.js';
import { replaceOtpCredentials } from '../identity/credential-repository.js';
import { hashPassword } from '../identity/password-hash.js';
import { generateInitialPassword } from '../identity/password-policy.js';
import { newTotpSecret } from '../identity/totp.js';
import { grantRole, insertUser } from '../identity/user-repository.js';
import { upsertMember } from '../projects/membership-repository.js';
import { insertOrganisation, insertProject, projectExists } from '../projects/project-repository.js';
import { seedDemoSoftware } from '../software/demo-software.js';
import { provisionMember, provisionProject, type VaultSettings } from '../storage/provision.js';
import { projectDataDir } from '../storage/vault-paths.js';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION, DEMO_PROJECT } from './demo-fixture.js';
import { writeSyntheticPersons } from './synthetic-persons.js';

export interface DemoLogin {
  username: string;
  description: string;
  password: string;
  totpSecret: string;
}

export interface DemoSummary {
  organisation: string;
  projectId: string;
  projectName: string;
  persons: number;
  files: string[];
  logins: DemoLogin[];
  /** Where the logins were written for later reference, or null when not written. */
  loginsFile: string | null;
}

/** `<data-dir>/demo-accounts.txt`: one line per account, "username password totp-secret". */
export function demoLoginsFile(dataDir: string): string {
  return join(dataDir, 'demo-accounts.txt');
}

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return projectExists(db, DEMO_PROJECT.id);
}

/**
 * Puts the demo organisation, project, accounts and synthetic register data in
 * place. The files are written first (atomically, and again identically on a
 * retry), then every row and its audit event in one transaction.
 */
export async function seedDemo(
  db: Db,
  options: { dataDir: string | null; vaultRoot: string; persons: number; seed: number; actor: Actor },
): Promise<DemoSummary> {
  const projectData = projectDataDir(options.vaultRoot, DEMO_PROJECT.id);
  const files = await writeSyntheticPersons(projectData, { persons: options.persons, seed: options.seed });
  const terms = await currentTerms(db, new Date());
  if (!terms) throw new Error('publish the terms of use before seeding the demo');
  // Demo accounts are linked to OTP at once, so that `mona start` can be tried without the letter and mail.
  const logins: DemoLogin[] = [];
  for (const account of DEMO_ACCOUNTS) {
    logins.push({
      username: account.username,
      description: account.description,
      password: generateInitialPassword(),
      totpSecret: base32Encode(newTotpSecret()),
    });
  }
  const hashes = await Promise.all(logins.map((login) => hashPassword(login.password)));
  const now = new Date();

  await db.transaction().execute(async (trx) => {
    const audit = (action: string, target: { type: string; id: string }, details: Record<string, unknown>) =>
      recordAudit(trx, { actor: options.actor, action, target, details, projectId: DEMO_PROJECT.id });

    const organisationId = await insertOrganisation(trx, DEMO_ORGANISATION);
    await audit(
      'organisation.created',
      { type: 'organisation', id: organisationId },
      { name: DEMO_ORGANISATION.name },
    );

    await insertProject(trx, { ...DEMO_PROJECT, organisation_id: organisationId });
    await audit('project.created', { type: 'project', id: DEMO_PROJECT.id }, { name: DEMO_PROJECT.name });

    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const login = logins[index] as DemoLogin;
      const userId = await insertUser(trx, {
        username: account.username,
        full_name: account.full_name,
        email: account.email,
        state: 'active',
        login_method: 'otp',
      });
      await audit('user.created', { type: 'user', id: userId }, { username: account.username });
      await replaceOtpCredentials(trx, userId, {
        password_hash: hashes[index] as string,
        password_changed_at: now,
        must_change_password: false,
        totp_secret: Buffer.from(base32Decode(login.totpSecret)),
        totp_enrolled_at: now,
        totp_last_step: null,
      });
      await insertAcceptance(trx, { userId, version: terms.version, acceptedAt: now, ip: null });
      await audit(
        'user.linked',
        { type: 'user', id: userId },
        { method: 'otp', demo: true, terms: terms.version },
      );
      for (const role of account.roles) {
        await grantRole(trx, userId, role);
        await audit('user.role_granted', { type: 'user', id: userId }, { role });
      }
      if (account.member) {
        await upsertMember(trx, { projectId: DEMO_PROJECT.id, userId, role: account.member });
        await audit('project.member_added', { type: 'user', id: userId }, { role: account.member });
      }
    }
    await audit(
      'project.data_delivered',
      { type: 'project', id: DEMO_PROJECT.id },
      { files: files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })), synthetic: true },
    );
  });

  // The project's software in the desktop's start menu (R19), one of them with licence seats (R28).
  await seedDemoSoftware(db, DEMO_PROJECT.id, options.actor);

  let loginsFile: string | null = null;
  if (options.dataDir) {
    loginsFile = demoLoginsFile(options.dataDir);
    writeFileSync(loginsFile, logins.map((l) => `${l.username} ${l.password} ${l.totpSecret}\n`).join(''), {
      mode: 0o600,
    });
  }
  return {
    organisation: DEMO_ORGANISATION.name,
    projectId: DEMO_PROJECT.id,
    projectName: DEMO_PROJECT.name,
    persons: options.persons,
    files: files.map((file) => file.path),
    logins,
    loginsFile,
  };
}

/** The demo project's folders and the demo accounts' homes (and, as root, their Unix group and accounts). */
export async function provisionDemo(db: Db, vault: VaultSettings): Promise<void> {
  await provisionProject(db, vault.root, DEMO_PROJECT.id);
  for (const account of DEMO_ACCOUNTS) await provisionMember(db, vault, account.username);
}
