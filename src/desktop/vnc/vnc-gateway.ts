import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { recordAudit } from '../../audit/audit-service.js';
import { sessionOf } from '../../identity/session-plugin.js';
import { isWellFormedToken } from '../../identity/tokens.js';
import { agentFor, type DesktopDeps } from '../desktop-deps.js';
import { sessionState } from '../desktop-session-repository.js';
import { connectionClosed, connectionOpened, keepConnectionAlive } from '../session-connections.js';
import { consumeTicket } from '../session-tickets.js';
import { startVncRelay } from './vnc-relay.js';

/** WebSocket close codes the viewer acts on. */
export const CLOSE = {
  idle: 4001,
  sessionEnded: 4002,
  refused: 4003,
  hostUnreachable: 4500,
} as const;

const IDLE_CHECK_MS = 5_000;

/**
 * The browser viewer's gateway (R34): one WebSocket per single-use ticket, relayed to the session's VNC
 * server through the host's agent. The gateway authenticates to VNC itself, so the browser never holds a
 * VNC password, and it closes a connection without input after the idle limit (R25).
 */
export async function vncGateway(app: FastifyInstance, deps: DesktopDeps): Promise<void> {
  app.get<{ Querystring: { ticket?: string } }>(
    '/api/desktop/vnc',
    { websocket: true, config: { auth: 'required', activity: false } },
    (socket, request) => {
      relay(deps, socket, request).catch((error: unknown) => {
        request.log.error({ err: error }, 'desktop gateway failed');
        socket.close(CLOSE.hostUnreachable, 'gateway error');
      });
    },
  );
}

async function relay(
  deps: DesktopDeps,
  socket: WebSocket,
  request: FastifyRequest<{ Querystring: { ticket?: string } }>,
) {
  const user = sessionOf(request);
  const actor = { id: user.userId, label: user.username };
  const refuse = async (reason: string, sessionId?: string) => {
    await deps.db.transaction().execute((trx) =>
      recordAudit(
        trx,
        {
          actor,
          action: 'desktop.ticket_refused',
          ip: request.ip,
          ...(sessionId ? { target: { type: 'desktop_session', id: sessionId } } : {}),
          details: { reason },
        },
        deps.now(),
      ),
    );
    socket.close(CLOSE.refused, reason);
  };

  // The upgrade came from an approved country: the session plugin refuses any other (session-admission.ts).
  const origin = request.headers.origin;
  if (origin !== undefined && originHost(origin) !== request.host) return refuse('cross-origin');
  const ticket = request.query.ticket;
  if (!isWellFormedToken(ticket)) return refuse('unknown-or-used');
  const granted = await consumeTicket(deps, ticket, { userId: user.userId, ip: request.ip });
  if (!granted.ok) return refuse(granted.reason, granted.sessionId);
  const session = granted.session;

  const agent = await agentFor(deps, session.host_name);
  const upstream = await agent?.openRelay(session.id, 'vnc').catch(() => null);
  if (!upstream) {
    socket.close(CLOSE.hostUnreachable, 'session host unreachable');
    return;
  }
  const connectionId = await connectionOpened(deps, session, { via: 'browser', ip: request.ip, actor });

  let lastInput = deps.now().getTime();
  const pasteIn = deps.settings.pasteIn;
  const vnc = startVncRelay({
    browser: socket,
    upstream,
    password: session.vnc_password,
    pasteIn: pasteIn.enabled ? { maxBytes: pasteIn.maxBytes } : null,
    onInput: () => {
      lastInput = deps.now().getTime();
    },
    onPaste: (bytes) => {
      void deps.db.transaction().execute((trx) =>
        recordAudit(
          trx,
          {
            actor,
            action: 'desktop.pasted',
            target: { type: 'desktop_session', id: session.id },
            ip: request.ip,
            details: { bytes },
          },
          deps.now(),
        ),
      );
    },
    handshakeTimeoutMs: 10_000,
    maxBufferedBytes: 4 * 1024 * 1024,
    // Ended (Log out, the disconnected limit, an operator): the viewer must not start a new one by itself.
    onDesktopGone: async () =>
      (await sessionState(deps.db, session.id)) === 'ended'
        ? { code: CLOSE.sessionEnded, reason: 'the session ended' }
        : { code: CLOSE.hostUnreachable, reason: 'desktop connection lost' },
  });

  let closedBy: string | null = null;
  const idleCheck = setInterval(() => {
    if (deps.now().getTime() - lastInput > deps.settings.idleSeconds * 1000) {
      closedBy = 'idle';
      vnc.close(CLOSE.idle, 'no input for the idle limit');
    }
  }, IDLE_CHECK_MS);
  const stopKeepalive = await keepConnectionAlive(deps, connectionId, user.userId);

  const end = await vnc.done;
  clearInterval(idleCheck);
  stopKeepalive();
  const ended = (await sessionState(deps.db, session.id)) === 'ended';
  const reason = closedBy ?? (ended ? 'session-ended' : `${end.by}: ${end.reason}`);
  await connectionClosed(deps, connectionId, reason, actor);
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
