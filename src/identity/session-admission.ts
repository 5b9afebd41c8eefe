import type { Db } from '../db/connect.js';
import type { CountryGate, Visit } from '../entry/approved-country.js';
import { AppError } from '../http/errors.js';
import { endSession, findSession, type SessionLookup, type SessionTimeouts } from './session-service.js';

export interface SessionAdmissionDeps {
  db: Db;
  gate: CountryGate;
  timeouts: SessionTimeouts;
}

/**
 * The portal session a request's cookie names, judged on every request by where the request comes
 * from (R3, R7), not only at login: a live session used from an address outside the approved
 * countries ends there and then, audited with the address and its country, and the request is
 * refused with COUNTRY_NOT_APPROVED. A request without a live session is left to its route.
 */
export async function admitSession(
  deps: SessionAdmissionDeps,
  request: { token: unknown; visit: Visit; activity: boolean },
  now: Date,
): Promise<SessionLookup> {
  const verdict = deps.gate.check(request.visit.ip);
  // A refused request is no activity: it must not push out the deadline of the session it ends.
  const lookup = await findSession(deps.db, request.token, now, {
    touch: request.activity && verdict.allowed,
    timeouts: deps.timeouts,
  });
  if (verdict.allowed || !lookup.active) return lookup;
  await endSession(deps.db, lookup.active.idHash, 'country', now, {
    // The log's ip column takes addresses only: one the gate could not read is left out.
    ...(verdict.reason === 'not_an_ip' ? {} : { ip: request.visit.ip }),
    details: { country: verdict.country, reason: verdict.reason, path: request.visit.path },
  });
  throw new AppError('COUNTRY_NOT_APPROVED');
}
