import QRCode from 'qrcode';
import { recordAudit } from '../audit/audit-service.js';
import { admitApprovedCountry, type Visit } from '../entry/approved-country.js';
import { acceptTerms, currentTerms } from '../entry/terms-service.js';
import { AppError } from '../http/errors.js';
import { deleteBankIdLink } from './bankid/bankid-repository.js';
import { base32Decode, base32Encode } from './base32.js';
import { findUsableEnrolmentLink, spendEnrolmentLink, storeTotpSecret } from './credential-repository.js';
import type { IdentityDeps, WarningLog } from './identity-deps.js';
import { sendAccountLinkedMail } from './linked-mail.js';
import { normaliseUsername } from './login-attempts.js';
import {
  currentFlow,
  finishFlow,
  type LoginOutcome,
  type LoginVisit,
  startFlow,
  updateFlow,
} from './login-flows.js';
import { ANONYMOUS, admitPasswordGuess } from './login-throttle.js';
import { prepareNewPassword, storeNewPassword } from './password-change.js';
import { dummyVerify, verifyPassword } from './password-hash.js';
import { hashToken, isWellFormedToken } from './tokens.js';
import { isWellFormedCode, newTotpSecret, otpauthUri, verifyTotp } from './totp.js';
import { activateIfInvited, setLoginMethod } from './user-repository.js';

/**
 * Linking an account to OTP (R6, R11, R12): the welcome mail's link, the
 * letter's password, a new password, the authenticator app, the terms.
 */
export async function startEnrolment(
  deps: IdentityDeps,
  visit: Visit,
  input: { token: string; username: string; password: string },
): Promise<LoginOutcome<{ next: 'new-password' }>> {
  const now = deps.now();
  const { country } = await admitApprovedCountry(deps.db, deps.gate, visit, now);
  const username = normaliseUsername(input.username);
  await admitPasswordGuess(deps, visit.ip, username, now);

  const tokenHash = isWellFormedToken(input.token) ? hashToken(input.token) : null;
  const link = tokenHash ? await findUsableEnrolmentLink(deps.db, tokenHash, now) : undefined;
  const passwordOk = link?.password_hash
    ? await verifyPassword(link.password_hash, input.password)
    : await dummyVerify().then(() => false);
  const ok =
    link &&
    tokenHash &&
    passwordOk &&
    link.username === username &&
    ['invited', 'active'].includes(link.state);
  if (!ok || !link || !tokenHash) {
    // The try is recorded already, toward the delays; it never counts toward a lock.
    await deps.db
      .transaction()
      .execute((trx) =>
        recordAudit(
          trx,
          { actor: ANONYMOUS, action: 'enrolment.failed', ip: visit.ip, details: { username } },
          now,
        ),
      );
    throw new AppError('ENROLMENT_FAILED');
  }
  const flow = await startFlow(deps.db, {
    kind: 'enrolment',
    ip: visit.ip,
    country,
    state: { step: 'new-password', userId: link.id, username, linkHash: tokenHash },
    now,
    ttlSeconds: deps.settings.loginFlowSeconds,
  });
  return { answer: { next: 'new-password' }, cookies: { flow } };
}

export async function chooseEnrolmentPassword(
  deps: IdentityDeps,
  visit: LoginVisit,
  input: { password: string; repeat: string },
) {
  const now = deps.now();
  const flow = await currentFlow(deps.db, visit.flowToken, 'enrolment', ['new-password'], now);
  const { userId, username, linkHash } = flow.state;
  const hash = await prepareNewPassword(deps.db, { id: userId, username }, input);
  const secret = newTotpSecret();
  await deps.db.transaction().execute(async (trx) => {
    await storeNewPassword(trx, { userId, username, hash, ip: visit.ip, now, reason: 'enrolment' });
    await updateFlow(trx, flow, {
      step: 'authenticator',
      userId,
      username,
      linkHash,
      pendingSecret: base32Encode(secret),
    });
  });
  return { next: 'authenticator' as const, authenticator: await authenticatorSetup(deps, username, secret) };
}

async function authenticatorSetup(deps: IdentityDeps, username: string, secret: Buffer) {
  const issuer = deps.operator.name;
  const uri = otpauthUri({ issuer, accountName: username, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    otpauthUri: uri,
    secret: base32Encode(secret),
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    issuer,
    accountName: username,
  };
}

export async function confirmAuthenticator(deps: IdentityDeps, visit: LoginVisit, code: string) {
  const now = deps.now();
  const flow = await currentFlow(deps.db, visit.flowToken, 'enrolment', ['authenticator'], now);
  const { userId, username, linkHash, pendingSecret } = flow.state;
  const secret = base32Decode(pendingSecret);
  const verdict = isWellFormedCode(code) ? verifyTotp(secret, code, now, null) : { ok: false as const };
  if (!verdict.ok) throw new AppError('CODE_WRONG');
  const terms = await currentTerms(deps.db, now);
  if (!terms) throw new Error('no terms of use are published: publish them before linking accounts');
  await deps.db.transaction().execute(async (trx) => {
    await storeTotpSecret(trx, userId, { secret, enrolledAt: now, lastStep: verdict.step });
    await recordAudit(
      trx,
      {
        actor: { id: userId, label: username },
        action: 'user.totp_enrolled',
        target: { type: 'user', id: userId },
        ip: visit.ip,
      },
      now,
    );
    await updateFlow(trx, flow, { step: 'terms', userId, username, linkHash });
  });
  return { next: 'terms' as const, terms: { version: terms.version, en: terms.en, sv: terms.sv } };
}

export async function acceptTermsAndLink(
  deps: IdentityDeps,
  visit: LoginVisit,
  version: string,
  log: WarningLog,
): Promise<LoginOutcome<{ next: 'done' }>> {
  const now = deps.now();
  const flow = await currentFlow(deps.db, visit.flowToken, 'enrolment', ['terms'], now);
  const { userId, username, linkHash } = flow.state;
  await acceptTerms(deps.db, { userId, username, version, ip: visit.ip, now });
  const user = await deps.db.transaction().execute(async (trx) => {
    // R5: exactly one login method; linking OTP removes any BankID link.
    await deleteBankIdLink(trx, userId);
    const linked = await setLoginMethod(trx, userId, 'otp', now);
    await activateIfInvited(trx, userId);
    await spendEnrolmentLink(trx, linkHash, now);
    await recordAudit(
      trx,
      {
        actor: { id: userId, label: username },
        action: 'user.linked',
        target: { type: 'user', id: userId },
        ip: visit.ip,
        details: { method: 'otp' },
      },
      now,
    );
    await finishFlow(trx, flow.idHash);
    return linked;
  });
  await sendAccountLinkedMail(deps, { email: user.email, fullName: user.full_name, username }, 'otp', log);
  return { answer: { next: 'done' }, cookies: { flow: null } };
}
