import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { passwordHashOf, storePasswordHash } from './credential-repository.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { checkNewPassword } from './password-policy.js';
import { findUserById } from './user-repository.js';

/**
 * Checks a new password against every rule of R12, including "not the
 * current one" and "not easy to guess" (with the user's name), and returns its
 * hash; refuses naming each rule it breaks, and why it is easy to guess
 * (`passwordHint`) when the estimate can say.
 */
export async function prepareNewPassword(
  db: Db,
  user: { id: string; username: string },
  input: { password: string; repeat: string },
): Promise<string> {
  const fullName = (await findUserById(db, user.id))?.full_name;
  const { rules, hint } = await checkNewPassword({ ...input, username: user.username, fullName });
  const current = await passwordHashOf(db, user.id);
  if (current && !rules.includes('too_long') && (await verifyPassword(current, input.password))) {
    rules.push('same_as_current');
  }
  if (rules.length > 0) {
    throw new AppError('PASSWORD_POLICY', [
      ...rules.map((rule) => ({ field: 'password', problem: rule })),
      ...(hint === null ? [] : [{ field: 'passwordHint', problem: hint }]),
    ]);
  }
  return hashPassword(input.password);
}

/** Stores a prepared password hash, restarting its two-year validity, and audits the change. */
export async function storeNewPassword(
  trx: Transaction<Database>,
  change: { userId: string; username: string; hash: string; ip: string; now: Date; reason: string },
): Promise<void> {
  await storePasswordHash(trx, change.userId, change.hash, change.now);
  await recordAudit(
    trx,
    {
      actor: { id: change.userId, label: change.username },
      action: 'user.password_changed',
      target: { type: 'user', id: change.userId },
      ip: change.ip,
      details: { reason: change.reason },
    },
    change.now,
  );
}
