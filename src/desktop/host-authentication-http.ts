import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { hostSecretMatches } from './host-registry.js';

/**
 * The session host a request of the agents' API comes from, by its name and secret: never a portal session,
 * and without CSRF tokens, since no browser holds these credentials.
 */
export async function authenticatedHost(db: Db, request: FastifyRequest): Promise<string> {
  const name = request.headers['x-mona-host'];
  const auth = request.headers.authorization;
  if (typeof name !== 'string' || typeof auth !== 'string' || !auth.startsWith('Bearer ')) {
    throw new AppError('HOST_NOT_AUTHENTICATED');
  }
  if (!(await hostSecretMatches(db, name, auth.slice('Bearer '.length)))) {
    throw new AppError('HOST_NOT_AUTHENTICATED');
  }
  return name;
}
