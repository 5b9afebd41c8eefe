import { recordAudit } from '../audit/audit-service.js';
import { admitApprovedCountry, type Visit } from '../entry/approved-country.js';
import { AppError } from '../http/errors.js';
import { refuseDuringClosure } from '../notices/notice-service.js';
import { claimTotpStep, findOtpAccount, findPasswordLogin } from './credential-repository.js';
import type { IdentityDeps, WarningLog } from './identity-deps.js';
import { normaliseUsername, usernameLockedUntil } from './login-attempts.js';
import { completeLogin } from './login-completion.js';
import type { CodeOutcome } from './login-contract.js';
import {
  currentFlow,
  type Flow,
  type LoginOutcome,
  type LoginVisit,
  startFlow,
  updateFlow,
} from './login-flows.js';
import { lockedError, recordWrongCode } from './login-lockout.js';
import { recordAttempt } from './login-repository.js';
import { ANONYMOUS, admitPasswordGuess, throttle } from './login-throttle.js';
import { prepareNewPassword, storeNewPassword } from './password-change.js';
import { dummyVerify, verifyPassword } from './password-hash.js';
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
  await admitPasswordGuess(deps, visit.ip, username, now);

  const account = await findPasswordLogin(deps.db, username);
  let passwordOk = false;
  if (account?.password_hash) passwordOk = await verifyPassword(account.password_hash, input.password);
  else await dummyVerify();

  await updateFlow(deps.db, flow, { step: 'code', username, userId: account?.id ?? null, passwordOk });
  return { next: 'code' };
}

/**
 * Step 3: the six-digit code. Only here does the user learn whether the login
 * succeeded. A wrong password, an unknown username or an account that cannot
 * log in is refused alike and counts only toward the address's budget; a wrong
 * code after the right password counts toward the username's lock. While the
 * lock lasts only the right password and code are told of it, so the lock
 * reveals neither the account nor its password.
 */
export async function submitCode(
  deps: IdentityDeps,
  visit: LoginVisit,
  code: string,
  log: WarningLog,
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
          : null;
  if (refusal !== null || !account?.totp_secret || !userId) {
    await refuseCode(deps, visit, flow, { username, reason: refusal ?? 'not_linked_to_otp', now });
    throw new AppError('LOGIN_FAILED');
  }

  const lockedUntil = await usernameLockedUntil(deps.db, username, deps.settings.lockout, now);
  const totp = isWellFormedCode(code)
    ? verifyTotp(account.totp_secret, code, now, account.totp_last_step)
    : { ok: false as const };
  if (lockedUntil && totp.ok) {
    await refuseCode(deps, visit, flow, { username, reason: 'locked', now });
    throw lockedError(lockedUntil, now);
  }
  // Claimed atomically, so two requests cannot both use one code.
  const accepted = !lockedUntil && totp.ok && (await claimTotpStep(deps.db, userId, totp.step));
  if (!accepted) {
    const reason = !isWellFormedCode(code)
      ? 'malformed_code'
      : verifyTotp(account.totp_secret, code, now, null).ok
        ? 'replayed_code'
        : 'wrong_code';
    await updateFlow(deps.db, flow, { step: 'password' });
    const locked = await recordWrongCode(deps, { ip: visit.ip, username, userId, reason, now }, log);
    throw locked ? lockedError(locked, now) : new AppError('LOGIN_FAILED');
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

/** A refused code step that does not count against the username; back to username and password. */
async function refuseCode(
  deps: IdentityDeps,
  visit: LoginVisit,
  flow: Flow<'login'>,
  refusal: { username: string; reason: string; now: Date },
): Promise<void> {
  const { username, reason, now } = refusal;
  await deps.db.transaction().execute(async (trx) => {
    await recordAttempt(trx, { ip: visit.ip, username, outcome: 'refused', at: now });
    await recordAudit(
      trx,
      { actor: ANONYMOUS, action: 'login.failed', ip: visit.ip, details: { username, reason } },
      now,
    );
    await updateFlow(trx, flow, { step: 'password' });
  });
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
