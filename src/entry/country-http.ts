import type { FastifyRequest } from 'fastify';
import type { Visit } from './approved-country.js';

/** For routes: the request as the country check and its audit see it. */
export function visitOf(request: FastifyRequest): Visit {
  return { ip: request.ip, path: request.routeOptions.url ?? null };
}
