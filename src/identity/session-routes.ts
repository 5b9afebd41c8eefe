import type { FastifyInstance, FastifyRequest } from 'fastify';
import { desktopEntryOf } from '../entry/desktop-entry-policy.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import type { IdentityDeps } from './identity-deps.js';
import { clearSessionCookie } from './login-cookies-http.js';
import { loggedOut, sessionInfo } from './session-contract.js';
import { sessionOf } from './session-plugin.js';
import { endSession } from './session-service.js';

/** The portal session (R29, R30): what the web app shows, staying logged in, logging out. */
export async function sessionRoutes(fastify: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const sessionView = async (request: FastifyRequest) => {
    const session = sessionOf(request);
    const now = deps.now();
    const entry = desktopEntryOf(session);
    return {
      user: { username: session.username, fullName: session.fullName, roles: session.roles },
      session: {
        startedAt: session.startedAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        now: now.toISOString(),
        idleSeconds: deps.settings.sessionIdleSeconds,
        warningSeconds: deps.settings.sessionWarningSeconds,
      },
      portal: { remoteDesktop: entry.remoteDesktop, termsAccepted: entry.termsAccepted },
    };
  };

  // Polling the session must not keep it alive: only real activity does.
  const answer = { response: { 200: sessionInfo } };
  app.get('/api/session', { config: { auth: 'required', activity: false }, schema: answer }, sessionView);
  app.post('/api/session/extend', { config: { auth: 'required' }, schema: answer }, sessionView);

  app.post(
    '/api/session/logout',
    { config: { auth: 'required', activity: false }, schema: { response: { 200: loggedOut } } },
    async (request, reply) => {
      await endSession(deps.db, sessionOf(request).idHash, 'logout', deps.now(), { ip: request.ip });
      clearSessionCookie(reply);
      return { loggedOut: true } as const;
    },
  );
}
