import type { FastifyRequest } from 'fastify';
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

export function createCountryGate(geoIp: GeoIp, policy: CountryPolicy): CountryGate {
  return { check: (ip) => evaluateCountry(geoIp, ip, policy) };
}

/** Passes an approved address; audits and refuses any other. */
export async function requireApprovedCountry(
  db: Db,
  gate: CountryGate,
  request: FastifyRequest,
  now: Date,
): Promise<{ country: string | null }> {
  const verdict = gate.check(request.ip);
  if (verdict.allowed) return { country: verdict.country };
  await auditRefusal(db, request, verdict, now);
  throw new AppError('COUNTRY_NOT_APPROVED');
}

export async function auditRefusal(db: Db, request: FastifyRequest, verdict: CountryVerdict, now: Date) {
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        actor: { id: null, label: 'anonymous' },
        action: 'access.country_refused',
        ip: request.ip,
        details: { country: verdict.country, reason: verdict.reason, path: request.routeOptions.url ?? null },
      },
      now,
    ),
  );
}
