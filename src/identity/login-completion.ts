import { recordAudit } from '../audit/audit-service.js';
import { admitApprovedCountry, type Visit } from '../entry/approved-country.js';
import { refuseDuringClosure } from '../notices/notice-service.js';
import type { IdentityDeps } from './identity-deps.js';
import { finishFlow, type LoginCookies } from './login-flows.js';
import { recordAttempt } from './login-repository.js';
import { startSession } from './session-service.js';

/**
 * The end of every successful login, whatever the method: the country once
 * more, then the session, the audit event and the end of the flow together.
 * Returns the cookies: the flow forgotten, the session's token.
 */
export async function completeLogin(
  deps: IdentityDeps,
  visit: Visit,
  input: { userId: string; username: string; method: 'otp' | 'bankid'; flowIdHash: string },
): Promise<LoginCookies> {
  const now = deps.now();
  // A closure that began while the user was logging in still keeps them out (R33).
  await refuseDuringClosure(deps.db, now);
  const { country } = await admitApprovedCountry(deps.db, deps.gate, visit, now);
  const session = await deps.db.transaction().execute(async (trx) => {
    await recordAttempt(trx, { ip: visit.ip, username: input.username, outcome: 'success', at: now });
    const sessionToken = await startSession(
      trx,
      { userId: input.userId, method: input.method, ip: visit.ip, country, now },
      { idleSeconds: deps.settings.sessionIdleSeconds, warningSeconds: deps.settings.sessionWarningSeconds },
    );
    await recordAudit(
      trx,
      {
        actor: { id: input.userId, label: input.username },
        action: 'login.succeeded',
        target: { type: 'user', id: input.userId },
        ip: visit.ip,
        details: { method: input.method, country },
      },
      now,
    );
    await finishFlow(trx, input.flowIdHash);
    return sessionToken;
  });
  return { flow: null, session };
}
