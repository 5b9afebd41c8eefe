import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorizeDesktopUse, desktopEntryOf } from '../entry/desktop-entry-policy.js';
import { AppError } from '../http/errors.js';
import type { ZodTypeProvider } from '../http/zod-provider.js';
import { sessionOf } from '../identity/session-plugin.js';
import { issueRdpFile, rdpFileAvailable } from '../rd-gateway/rdp-file-service.js';
import {
  desktopOpened,
  desktopOpenRequest,
  desktopStatus,
  keyboardChange,
  noFields,
} from './desktop-contract.js';
import type { DesktopDeps } from './desktop-deps.js';
import { lastEndedSession, liveSessionOf } from './desktop-session-repository.js';
import { hostTakesSessions, listHosts } from './host-registry.js';
import { changeKeyboard } from './session-changes.js';
import { endSession, type OpenRequest, sessionView } from './session-lifecycle.js';
import { openDesktop } from './session-tickets.js';

/** The portal's Remote Desktop (R14, R25-R28): the session's state, opening it, its keyboard, ending it. */
export async function desktopRoutes(fastify: FastifyInstance, deps: DesktopDeps): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** Who opens the desktop, once they may: terms accepted before this login (R14). */
  const openRequestOf = async (
    request: FastifyRequest,
    chosen: 'sv' | 'en' | undefined,
  ): Promise<OpenRequest> => {
    const session = sessionOf(request);
    authorizeDesktopUse(session);
    return {
      userId: session.userId,
      username: session.username,
      ip: request.ip,
      language: chosen ?? browserLanguage(request),
    };
  };

  // Polled by the desktop page: it must not keep the portal session alive by itself.
  app.get(
    '/api/desktop',
    { config: { auth: 'required', activity: false }, schema: { response: { 200: desktopStatus } } },
    async (request) => {
      const hosts = await listHosts(deps.db, deps.now(), deps.settings.hostLostSeconds);
      const session = await sessionView(deps, sessionOf(request).userId);
      const ended = session ? undefined : await lastEndedSession(deps.db, sessionOf(request).userId);
      return {
        available: hosts.some(hostTakesSessions),
        allowed: desktopEntryOf(sessionOf(request)).remoteDesktop,
        session,
        lastEnded:
          ended?.ended_at && ended.end_reason ? { endedAt: ended.ended_at, reason: ended.end_reason } : null,
        limits: {
          idleSeconds: deps.settings.idleSeconds,
          disconnectedSeconds: deps.settings.disconnectedSeconds,
        },
        pasteIn: deps.settings.pasteIn.enabled ? { maxBytes: deps.settings.pasteIn.maxBytes } : null,
        rdpFile: deps.rdp && rdpFileAvailable(hosts, session) ? { validSeconds: deps.rdp.fileSeconds } : null,
      };
    },
  );

  // POST, with the CSRF token: it may start a session, and it hands out secrets.
  app.post(
    '/api/desktop/rdp',
    { config: { auth: 'required' }, schema: { body: desktopOpenRequest } },
    async (request, reply) => {
      const file = await issueRdpFile(deps, await openRequestOf(request, request.body.language));
      return reply
        .header('content-type', 'application/x-rdp; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  );

  app.post(
    '/api/desktop/open',
    { config: { auth: 'required' }, schema: { body: desktopOpenRequest, response: { 200: desktopOpened } } },
    async (request) => {
      const opened = await openDesktop(deps, await openRequestOf(request, request.body.language));
      return {
        sessionId: opened.sessionId,
        ticket: opened.ticket,
        websocketPath: `/api/desktop/vnc?ticket=${encodeURIComponent(opened.ticket)}`,
      };
    },
  );

  app.post(
    '/api/desktop/keyboard',
    { config: { auth: 'required' }, schema: { body: keyboardChange } },
    async (request, reply) => {
      const session = sessionOf(request);
      authorizeDesktopUse(session);
      const changed = await changeKeyboard(deps, session.userId, request.body.layout);
      if (!changed) throw new AppError('NOT_FOUND');
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/desktop/end',
    { config: { auth: 'required' }, schema: { body: noFields } },
    async (request, reply) => {
      const session = sessionOf(request);
      const live = await liveSessionOf(deps.db, session.userId);
      if (!live) throw new AppError('NOT_FOUND');
      await endSession(
        deps,
        live.id,
        'logout',
        { id: session.userId, label: session.username },
        { from: 'portal' },
      );
      return reply.code(204).send();
    },
  );
}

/** For callers that do not say, as the web app does: the browser's language. */
function browserLanguage(request: FastifyRequest): 'sv' | 'en' {
  return /^sv\b/i.test(request.headers['accept-language'] ?? '') ? 'sv' : 'en';
}
