import type { Transaction } from 'kysely';
import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { USERNAME } from '../ids.js';
import { upsertMember } from '../projects/membership-repository.js';
import { projectExists } from '../projects/project-repository.js';
import {
  insertEnrolmentLink,
  replaceOtpCredentials,
  spendUnusedEnrolmentLinks,
} from './credential-repository.js';
import type { StaffRole } from './identity-tables.js';
import { hashPassword } from './password-hash.js';
import { generateInitialPassword } from './password-policy.js';
import { hashToken, newToken } from './tokens.js';
import { findUserByUsername, grantRole, insertUser } from './user-repository.js';

export class UserAdminError extends Error {
  override name = 'UserAdminError';
}

const EMAIL_RULE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  username: string;
  fullName: string;
  email: string;
  roles: StaffRole[];
  projectId: string | null;
}

/** What the operator sends on: the password by registered post, the link by mail. */
export interface Invitation {
  userId: string;
  username: string;
  fullName: string;
  email: string;
  initialPassword: string;
  linkToken: string;
  linkExpiresAt: Date;
}

export async function createUser(
  db: Db,
  input: NewUser,
  options: { actor: Actor; now: Date; linkValidHours: number },
): Promise<Invitation> {
  if (!USERNAME.test(input.username)) {
    throw new UserAdminError(
      `username "${input.username}" must be 2-32 characters: a lower-case letter, then letters, digits, ".", "_" or "-"`,
    );
  }
  if (!EMAIL_RULE.test(input.email) || input.email.length > 254) {
    throw new UserAdminError(`"${input.email}" is not an e-mail address`);
  }
  const fullName = input.fullName.trim();
  if (fullName.length < 1 || fullName.length > 200)
    throw new UserAdminError('the name must be 1-200 characters');

  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username))
      throw new UserAdminError(`username ${input.username} is already taken`);
    if (input.projectId && !(await projectExists(trx, input.projectId)))
      throw new UserAdminError(`project ${input.projectId} does not exist`);
    const userId = await insertUser(trx, {
      username: input.username,
      full_name: fullName,
      email: input.email,
    });
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAudit(
        trx,
        {
          actor: options.actor,
          action,
          target: { type: 'user', id: userId },
          ...(input.projectId && action === 'project.member_added' ? { projectId: input.projectId } : {}),
          details,
        },
        options.now,
      );
    await audit('user.created', { username: input.username });
    for (const role of input.roles) {
      await grantRole(trx, userId, role);
      await audit('user.role_granted', { role });
    }
    if (input.projectId) {
      await upsertMember(trx, { projectId: input.projectId, userId: userId, role: 'member' });
      await audit('project.member_added', { role: 'member' });
    }
    return issueInvitation(
      trx,
      { userId: userId, username: input.username, fullName, email: input.email },
      options,
    );
  });
}

/**
 * A fresh initial password and enrolment link for an account that is not yet
 * linked (or must be linked again): earlier unused links stop working.
 */
export async function reinviteUser(
  db: Db,
  username: string,
  options: { actor: Actor; now: Date; linkValidHours: number },
): Promise<Invitation> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, username);
    if (!user) throw new UserAdminError(`no user ${username}`);
    if (user.state === 'closed' || user.state === 'suspended') {
      throw new UserAdminError(`user ${username} is ${user.state}: it cannot be invited`);
    }
    return issueInvitation(
      trx,
      { userId: user.id, username: user.username, fullName: user.full_name, email: user.email },
      options,
    );
  });
}

async function issueInvitation(
  trx: Transaction<Database>,
  user: { userId: string; username: string; fullName: string; email: string },
  options: { actor: Actor; now: Date; linkValidHours: number },
): Promise<Invitation> {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  // A fresh letter password, which must be changed, and no authenticator until the account is linked again.
  const credentials = {
    password_hash: passwordHash,
    password_changed_at: options.now,
    must_change_password: true,
    totp_secret: null,
    totp_enrolled_at: null,
    totp_last_step: null,
  };
  await replaceOtpCredentials(trx, user.userId, credentials);
  await spendUnusedEnrolmentLinks(trx, user.userId, options.now);
  const linkToken = newToken();
  const linkExpiresAt = new Date(options.now.getTime() + options.linkValidHours * 3600_000);
  await insertEnrolmentLink(trx, {
    tokenHash: hashToken(linkToken),
    userId: user.userId,
    expiresAt: linkExpiresAt,
  });
  await recordAudit(
    trx,
    {
      actor: options.actor,
      action: 'user.invited',
      target: { type: 'user', id: user.userId },
      details: { linkExpiresAt: linkExpiresAt.toISOString() },
    },
    options.now,
  );
  return { ...user, initialPassword, linkToken, linkExpiresAt };
}
