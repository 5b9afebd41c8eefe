import { recordAudit } from '../../audit/audit-service.js';
import { admitApprovedCountry } from '../../entry/approved-country.js';
import { AppError } from '../../http/errors.js';
import type { IdentityDeps, WarningLog } from '../identity-deps.js';
import { normaliseUsername } from '../login-attempts.js';
import { completeLogin } from '../login-completion.js';
import { currentFlow, type LoginOutcome, type LoginVisit, updateFlow } from '../login-flows.js';
import { recordAttempt } from '../login-repository.js';
import { throttle } from '../login-throttle.js';
import { BankIdRefusal } from './bankid-broker.js';
import { findBankIdAccount } from './bankid-repository.js';
import { hashPin, recordLinkRequest } from './link-requests.js';
import { maskPin } from './personal-identity-number.js';

export const BANKID_CALLBACK_PATH = '/api/login/bankid/callback';

function redirectUri(deps: IdentityDeps): string {
  return new URL(BANKID_CALLBACK_PATH, deps.publicUrl).href;
}

/** After "Accept", "BankID" and the username: off to the broker (R8). */
export async function startBankIdLogin(
  deps: IdentityDeps,
  visit: LoginVisit,
  input: { username: string; language?: 'en' | 'sv' },
  log: WarningLog,
) {
  if (!deps.bankid) throw new AppError('NOT_FOUND');
  const now = deps.now();
  const flow = await currentFlow(deps.db, visit.flowToken, 'login', ['password', 'code', 'bankid'], now);
  await admitApprovedCountry(deps.db, deps.gate, visit, now);
  const normalised = normaliseUsername(input.username);
  await throttle(deps, visit.ip, normalised, now);
  const { url, checks } = await deps.bankid
    .authorizationRequest(redirectUri(deps))
    .catch((error: unknown) => {
      log.warn({ err: error }, 'the BankID broker cannot be reached');
      throw new AppError('BANKID_UNAVAILABLE');
    });
  await updateFlow(deps.db, flow, { step: 'bankid', username: normalised, ...checks });
  return { redirectUrl: url };
}

export type BankIdOutcome =
  | 'portal'
  | 'requested'
  | 'failed'
  | 'cancelled'
  | 'unavailable'
  | 'expired'
  | 'country'
  | 'closed';

/**
 * The broker's redirect back to `callbackUrl` (the path and query it sent the
 * browser to). Every outcome is a page of the web app, so a forged or stale
 * callback ends on a clear message, never an error page.
 */
export async function finishBankIdLogin(
  deps: IdentityDeps,
  visit: LoginVisit & { callbackUrl: string },
  log: WarningLog,
): Promise<LoginOutcome<BankIdOutcome>> {
  const now = deps.now();
  const refuse = async (outcome: BankIdOutcome, reason: string, username: string | null) => {
    await deps.db.transaction().execute(async (trx) => {
      // Toward the address's budget only: a BankID refusal never locks the username.
      await recordAttempt(trx, { ip: visit.ip, username, outcome: 'refused', at: now });
      await recordAudit(
        trx,
        {
          actor: { id: null, label: 'anonymous' },
          action: 'login.bankid_refused',
          ip: visit.ip,
          details: { username, reason },
        },
        now,
      );
    });
    return { answer: outcome, cookies: {} };
  };
  if (!deps.bankid) return refuse('failed', 'bankid_not_configured', null);

  let flow: Awaited<ReturnType<typeof currentFlow<'login', 'bankid'>>>;
  try {
    flow = await currentFlow(deps.db, visit.flowToken, 'login', ['bankid'], now);
  } catch {
    return refuse('expired', 'no_login_in_progress', null);
  }
  const { username, codeVerifier, state, nonce } = flow.state;
  // A callback is good for one try, whatever happens next.
  await updateFlow(deps.db, flow, { step: 'password' });

  const country = deps.gate.check(visit.ip);
  if (!country.allowed) return refuse('country', `country_${country.reason}`, username);

  let identity: Awaited<ReturnType<NonNullable<IdentityDeps['bankid']>['completeAuthorization']>>;
  try {
    identity = await deps.bankid.completeAuthorization(
      new URL(visit.callbackUrl, deps.publicUrl),
      redirectUri(deps),
      { codeVerifier, state, nonce },
    );
  } catch (error) {
    if (!(error instanceof BankIdRefusal)) throw error;
    log.warn({ reason: error.reason, detail: error.message }, 'BankID callback refused');
    const outcome =
      error.reason === 'user_cancelled'
        ? 'cancelled'
        : error.reason === 'broker_unavailable'
          ? 'unavailable'
          : 'failed';
    return refuse(
      outcome,
      error.reason,
      error.reason === 'callback_refused' || error.reason === 'claims_invalid' ? username : null,
    );
  }

  const pinHmac = await hashPin(deps.db, identity.personalIdentityNumber);
  const account = await findBankIdAccount(deps.db, username);
  const linked = account?.login_method === 'bankid' && account.pin_hmac === pinHmac;
  if (linked && account.state === 'active') {
    try {
      const cookies = await completeLogin(deps, visit, {
        userId: account.id,
        username,
        method: 'bankid',
        flowIdHash: flow.idHash,
      });
      return { answer: 'portal', cookies };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CLOSED_FOR_MAINTENANCE')
        return { answer: 'closed', cookies: {} };
      throw error;
    }
  }
  if (account && (account.state === 'suspended' || account.state === 'closed')) {
    return refuse('failed', `account_${account.state}`, username);
  }
  // R9: not (yet) linked to this identity: support checks and links it, then mails the user.
  await recordLinkRequest(deps.db, {
    username,
    pinHmac,
    pinMasked: maskPin(identity.personalIdentityNumber),
    name: identity.name,
    ip: visit.ip,
    country: country.country,
    now,
  });
  return { answer: 'requested', cookies: {} };
}
