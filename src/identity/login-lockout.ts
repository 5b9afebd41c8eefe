import { recordAudit } from '../audit/audit-service.js';
import { AppError } from '../http/errors.js';
import { accountLockedMail } from '../notify/account-messages.js';
import type { IdentityDeps, WarningLog } from './identity-deps.js';
import { usernameLockedUntil } from './login-attempts.js';
import { recordAttempt } from './login-repository.js';
import { ANONYMOUS } from './login-throttle.js';
import { retryAfterSeconds } from './throttle.js';
import { findUserById } from './user-repository.js';

/** The refusal while a username is locked, with the seconds left. */
export function lockedError(until: Date, now: Date): AppError {
  return new AppError('LOGIN_LOCKED', [
    { field: 'retryAfterSeconds', problem: String(retryAfterSeconds(until, now)) },
  ]);
}

/**
 * A wrong code after the right password: the one failure that counts against
 * the username, so nobody can lock an account without its password. Recorded
 * with its audit event; the failure that begins a lock is audited as the lock
 * in the same transaction, and the user is told by mail (a mail that fails is
 * logged). Returns the end of the lock this failure began, or null.
 */
export async function recordWrongCode(
  deps: IdentityDeps,
  attempt: { ip: string; username: string; userId: string; reason: string; now: Date },
  log: WarningLog,
): Promise<Date | null> {
  const { ip, username, userId, now } = attempt;
  const lockout = deps.settings.lockout;
  const lockedSince = await deps.db.transaction().execute(async (trx) => {
    const before = await usernameLockedUntil(trx, username, lockout, now);
    await recordAttempt(trx, { ip, username, outcome: 'failure', at: now });
    await recordAudit(
      trx,
      { actor: ANONYMOUS, action: 'login.failed', ip, details: { username, reason: attempt.reason } },
      now,
    );
    const until = await usernameLockedUntil(trx, username, lockout, now);
    if (before || !until) return null;
    await recordAudit(
      trx,
      {
        actor: ANONYMOUS,
        action: 'login.locked',
        target: { type: 'user', id: userId },
        ip,
        details: { username, until: until.toISOString() },
      },
      now,
    );
    return until;
  });
  if (lockedSince) await sendLockedMail(deps, { userId, until: lockedSince, ip }, log);
  return lockedSince;
}

async function sendLockedMail(
  deps: IdentityDeps,
  lock: { userId: string; until: Date; ip: string },
  log: WarningLog,
): Promise<void> {
  const user = await findUserById(deps.db, lock.userId);
  if (!deps.mailer || !user) return;
  try {
    await deps.mailer.send(
      accountLockedMail({
        to: user.email,
        fullName: user.full_name,
        username: user.username,
        until: lock.until,
        ip: lock.ip,
        operatorName: deps.operator.name,
        supportEmail: deps.operator.supportEmail,
      }),
    );
  } catch (error) {
    log.warn({ err: error }, 'the account-locked mail was not sent');
  }
}
