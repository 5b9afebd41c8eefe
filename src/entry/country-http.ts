import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { admitApprovedCountry, type CountryGate, type Visit } from './approved-country.js';

/** For routes: the request as the country check and its audit see it. */
export function visitOf(request: FastifyRequest): Visit {
  return { ip: request.ip, path: request.routeOptions.url ?? null };
}

/** For routes: passes a request from an approved address; audits and refuses any other. */
export function requireApprovedCountry(
  db: Db,
  gate: CountryGate,
  request: FastifyRequest,
  now: Date,
): Promise<{ country: string | null }> {
  return admitApprovedCountry(db, gate, visitOf(request), now);
}
