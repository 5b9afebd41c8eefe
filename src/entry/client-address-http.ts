import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.js';
import { refuseUnusableAddress } from './approved-country.js';
import { usableAddress } from './client-address.js';

/**
 * Refuses every request whose address is no usable IP address before any route sees it, so that
 * routes, the country gate, the audit log and the address columns may take `request.ip` as an IP.
 */
export function refuseUnusableAddresses(app: FastifyInstance, deps: { db: Db; now: () => Date }): void {
  app.addHook('onRequest', async (request) => {
    if (usableAddress(request.ip) !== null) return;
    await refuseUnusableAddress(deps.db, request.routeOptions.url ?? null, deps.now());
  });
}
