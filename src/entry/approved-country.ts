import { recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { type CountryPolicy, type CountryVerdict, evaluateCountry } from './country-policy.js';
import type { GeoIp } from './geoip.js';

/**
 * The approved-country check (R3, R7), run at every login step and by the
 * desktop gateways on every connection.
 */
export interface CountryGate {
  check(ip: string): CountryVerdict;
}

/** A request as the audit log of a refusal names it: from where, to which route. */
export interface Visit {
  ip: string;
  /** The route's path pattern, or null where there is none. */
  path: string | null;
}

export function createCountryGate(geoIp: GeoIp, policy: CountryPolicy): CountryGate {
  return { check: (ip) => evaluateCountry(geoIp, ip, policy) };
}

/** The verdict on the visitor's address; a refusal is audited. */
export async function judgeCountry(
  db: Db,
  gate: CountryGate,
  visit: Visit,
  now: Date,
): Promise<CountryVerdict> {
  const verdict = gate.check(visit.ip);
  if (!verdict.allowed) await auditRefusal(db, visit, verdict, now);
  return verdict;
}

/** Passes an approved address; audits and refuses any other. */
export async function admitApprovedCountry(
  db: Db,
  gate: CountryGate,
  visit: Visit,
  now: Date,
): Promise<{ country: string | null }> {
  const verdict = await judgeCountry(db, gate, visit, now);
  if (!verdict.allowed) throw new AppError('COUNTRY_NOT_APPROVED');
  return { country: verdict.country };
}

/**
 * Refuses a request whose address is no usable IP address (see usableAddress), as the gate refuses
 * one: no country can be judged from it. The refusal is audited without the address.
 */
export async function refuseUnusableAddress(db: Db, path: string | null, now: Date): Promise<never> {
  await auditRefusal(db, { ip: null, path }, { allowed: false, country: null, reason: 'not_an_ip' }, now);
  throw new AppError('COUNTRY_NOT_APPROVED');
}

async function auditRefusal(
  db: Db,
  visit: { ip: string | null; path: string | null },
  verdict: CountryVerdict,
  now: Date,
) {
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        actor: { id: null, label: 'anonymous' },
        action: 'access.country_refused',
        ip: visit.ip,
        details: { country: verdict.country, reason: verdict.reason, path: visit.path },
      },
      now,
    ),
  );
}
