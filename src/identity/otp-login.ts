import { recordAudit } from '../audit/audit-service.js';
import { admitApprovedCountry, type Visit } from '../entry/approved-country.js';
import { AppError } from '../http/errors.js';
import { refuseDuringClosure } from '../notices/notice-service.js';
import { claimTotpStep, findOtpAccount, findPasswordLogin } from './credential-repository.js';
import type { IdentityDeps } from './identity-deps.js';
import { attemptsFromAddress, normaliseUsername, usernameLockedUntil } from './login-attempts.js';
import { completeLogin } from './login-completion.js';
import type { CodeOutcome } from './login-contract.js';
import { currentFlow, type LoginOutcome, type LoginVisit, startFlow, updateFlow } from './login-flows.js';
import { recordAttempt } from './login-repository.js';
import { prepareNewPassword, storeNewPassword } from './password-change.js';
import { dummyVerify, verifyPassword } from './password-hash.js';
import { retryAfterSeconds } from './throttle.js';
import { isWellFormedCode, verifyTotp } from './totp.js';

/** Step 1: the visitor confirmed being in an approved country ("Accept"); the address must agree. */
export async function startLogin(
  deps: IdentityDeps,
  visit: Visit,
): Promise<LoginOutcome<{ next: 'method' }>> {
  const now = deps.now();
  await refuseDuringClosure(deps.db, now);
  const { country } = await admitApprovedCountry(deps.db, deps.gate, visit, now);
  const flow = await startFlow(deps.db, {
    kind: 'login',
    ip: visit.ip,
    country,
    state: { step: 'password' },
    now,
    ttlSeconds: deps.settings.loginFlowSeconds,
  });
  return { answer: { next: 'method' }, cookies: { flow } };
}

/**
 * Refuses a request from an address over its per-minute budget, or for a
 * locked username; both refusals are audited (a lock once per lock).
 */
export async function throttle(deps: IdentityDeps, ip: string, username: string | null, now: Date) {
  const recent = await attemptsFromAddress(deps.db, ip, now);
  if (recent >= deps.settings.throttle.perIpPerMinute) {
    await deps.db.transaction().execute(async (trx) => {
      await recordAttempt(trx, { ip, username, outcome: 'throttled', at: now });
      // One audit event when an address first goes over its budget, not one per refused request.
      if (recent === deps.settings.throttle.perIpPerMinute) {
        await recordAudit(trx, { actor: ANONYMOUS, action: 'login.throttled', ip }, now);
      }
    });
    throw new AppError('RATE_LIMITED');
  }
  if (username === null) return;
  const until = await usernameLockedUntil(deps.db, username, deps.settings.lockout, now);
  if (until) throw lockedError(until, now);
}

const ANONYMOUS = { id: null, label: 'anonymous' };

function lockedError(until: Date, now: Date): AppError {
  return new AppError('LOGIN_LOCKED', [
    { field: 'retryAfterSeconds', problem: String(retryAfterSeconds(until, now)) },
  ]);
}

/**
 * Step 2: username and password. The verdict is kept for the code step, and
 * the answer is the same whether they were right or wrong, so the password
 * alone cannot be guessed through this step.
 */
export async function submitPassword(
  deps: IdentityDeps,
  visit: LoginVisit,
  input: { username: string; password: string },
): Promise<{ next: 'code' }> {
  const now = deps.now();
  const flow = await currentFlow(deps.db, visit.flowToken, 'login', ['password', 'code'], now);
  await admitApprovedCountry(deps.db, deps.gate, visit, now);
  const username = normaliseUsername(input.username);
  await throttle(deps, visit.ip, username, now);

  const account = await findPasswordLogin(deps.db, username);
  let passwordOk = false;
  if (account?.password_hash) passwordOk = await verifyPassword(account.password_hash, input.password);
  else await dummyVerify();

  await recordAttempt(deps.db, { ip: visit.ip, username, outcome: 'password_checked', at: now });
  await updateFlow(deps.db, flow, { step: 'code', username, userId: account?.id ?? null, passwordOk });
  return { next: 'code' };
}

/** Step 3: the six-digit code. Only here does the user learn whether the login succeeded. */
export async function submitCode(
  deps: IdentityDeps,
  visit: LoginVisit,
  code: string,
): Promise<LoginOutcome<CodeOutcome>> {
  const now = deps.now();
  const flow = await currentFlow(deps.db, visit.flowToken, 'login', ['code'], now);
  const { username, userId, passwordOk } = flow.state;
  await throttle(deps, visit.ip, username, now);

  const account = userId ? await findOtpAccount(deps.db, userId) : undefined;

  const refusal = !account
    ? 'unknown_user'
    : !passwordOk
      ? 'wrong_password'
      : account.state !== 'active'
        ? `account_${account.state}`
        : account.login_method !== 'otp' || !account.totp_secret
          ? 'not_linked_to_otp'
          : !isWellFormedCode(code)
            ? 'malformed_code'
            : null;
  const totp =
    account?.totp_secret && !refusal
      ? verifyTotp(account.totp_secret, code, now, account.totp_last_step)
      : null;
  const accepted =
    totp?.ok === true &&
    userId !== null &&
    // Claimed atomically, so two requests cannot both use one code.
    (await claimTotpStep(deps.db, userId, totp.step));

  if (!accepted || !account || !userId) {
    const replayed = !refusal && account?.totp_secret && verifyTotp(account.totp_secret, code, now, null).ok;
    const reason = refusal ?? (replayed ? 'replayed_code' : 'wrong_code');
    await deps.db.transaction().execute(async (trx) => {
      await recordAttempt(trx, { ip: visit.ip, username, outcome: 'failure', at: now });
      await recordAudit(
        trx,
        { actor: ANONYMOUS, action: 'login.failed', ip: visit.ip, details: { username, reason } },
        now,
      );
      await updateFlow(trx, flow, { step: 'password' });
    });
    const until = await usernameLockedUntil(deps.db, username, deps.settings.lockout, now);
    if (until) {
      await deps.db.transaction().execute((trx) =>
        recordAudit(
          trx,
          {
            actor: ANONYMOUS,
            action: 'login.locked',
            ip: visit.ip,
            details: { username, until: until.toISOString() },
          },
          now,
        ),
      );
      throw lockedError(until, now);
    }
    throw new AppError('LOGIN_FAILED');
  }

  const expired =
    now.getTime() - account.password_changed_at.getTime() > deps.settings.passwordMaxAgeDays * 86_400_000;
  if (account.must_change_password || expired) {
    const reason = account.must_change_password ? 'first_login' : 'expired';
    await updateFlow(deps.db, flow, { step: 'new-password', username, userId, reason });
    return { answer: { next: 'new-password', reason }, cookies: {} };
  }
  const cookies = await completeLogin(deps, visit, {
    userId,
    username,
    method: 'otp',
    flowIdHash: flow.idHash,
  });
  return { answer: { next: 'portal' }, cookies };
}

/** Step 4, when required: a new password (R12), then the portal. */
export async function submitNewPassword(
  deps: IdentityDeps,
  visit: LoginVisit,
  input: { password: string; repeat: string },
): Promise<LoginOutcome<{ next: 'portal' }>> {
  const now = deps.now();
  const flow = await currentFlow(deps.db, visit.flowToken, 'login', ['new-password'], now);
  const { userId, username } = flow.state;
  const hash = await prepareNewPassword(deps.db, { id: userId, username }, input);
  await deps.db
    .transaction()
    .execute((trx) =>
      storeNewPassword(trx, { userId, username, hash, ip: visit.ip, now, reason: flow.state.reason }),
    );
  const cookies = await completeLogin(deps, visit, {
    userId,
    username,
    method: 'otp',
    flowIdHash: flow.idHash,
  });
  return { answer: { next: 'portal' }, cookies };
}
