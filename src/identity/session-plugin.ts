import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.js';
import { AppError } from '../http/errors.js';
import { SESSION_COOKIE } from './login-cookies-http.js';
import { type ActiveSession, findSession, type SessionTimeouts } from './session-service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** "required": refuse without a live portal session; "optional": resolve it when present. */
    auth?: 'required' | 'optional';
    /** False for requests that must not count as the user's activity (polling the session). */
    activity?: boolean;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
  }
}

export interface SessionPluginOptions {
  db: Db;
  timeouts: SessionTimeouts;
  now: () => Date;
}

/** Resolves the portal session for routes that ask for it, before their handler runs. */
export function installSessions(app: FastifyInstance, { db, timeouts, now }: SessionPluginOptions): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (!auth) return;
    const lookup = await findSession(db, request.cookies[SESSION_COOKIE], now(), {
      touch: request.routeOptions.config.activity !== false,
      timeouts,
    });
    request.session = lookup.active;
    if (!lookup.active && auth === 'required') {
      throw new AppError(
        'NOT_AUTHENTICATED',
        lookup.endReason ? [{ field: 'reason', problem: lookup.endReason }] : undefined,
      );
    }
  });
}

/** The session of a route declared `auth: 'required'`. */
export function sessionOf(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('NOT_AUTHENTICATED');
  return request.session;
}
