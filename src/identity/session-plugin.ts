import type { FastifyInstance, FastifyRequest } from 'fastify';
import { visitOf } from '../entry/country-http.js';
import { AppError } from '../http/errors.js';
import { SESSION_COOKIE } from './login-cookies-http.js';
import { admitSession, type SessionAdmissionDeps } from './session-admission.js';
import type { ActiveSession } from './session-service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * "required": refuse without a live portal session; "optional": resolve it when present. Either way a
     * session used from outside the approved countries ends, and the request is refused (session-admission.ts).
     */
    auth?: 'required' | 'optional';
    /** False for requests that must not count as the user's activity (polling the session). */
    activity?: boolean;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
  }
}

export interface SessionPluginOptions extends SessionAdmissionDeps {
  now: () => Date;
}

/** Resolves the portal session for routes that ask for it, before their handler runs. */
export function installSessions(app: FastifyInstance, { now, ...deps }: SessionPluginOptions): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (!auth) return;
    const lookup = await admitSession(
      deps,
      {
        token: request.cookies[SESSION_COOKIE],
        visit: visitOf(request),
        activity: request.routeOptions.config.activity !== false,
      },
      now(),
    );
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
