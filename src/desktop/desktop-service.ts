import { join } from 'node:path';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import { AppError } from '../http/errors.js';
import { reportDesktopActivity } from '../identity/session-service.js';
import { newToken, tokenDigest } from '../identity/tokens.js';
import { returnSessionLicences } from '../software/software-service.js';
import { homeDirs } from '../storage/vault-paths.js';
import {
  closeConnection,
  closeSessionConnections,
  countOpenConnections,
  insertConnection,
  markConnectionSeen,
} from './connection-repository.js';
import { type AgentAccess, agentFor, type DesktopDeps } from './desktop-deps.js';
import { readDesktopOccupant } from './desktop-occupant.js';
import {
  insertStartingSession,
  liveSessionOf,
  markConnected,
  markDisconnectedIfLast,
  markEnded,
  markRunning,
  runningSession,
  updateKeyboard,
} from './desktop-session-repository.js';
import { buildDesktopSpec, desktopProjects, newVncPassword } from './desktop-spec-builder.js';
import type { DesktopEndReason } from './desktop-tables.js';
import { listHosts, pickHost } from './host-registry.js';
import { insertTicket, spendTicket } from './ticket-repository.js';

export interface SessionView {
  id: string;
  state: 'starting' | 'running';
  connected: boolean;
  startedAt: string;
  disconnectedSince: string | null;
  /** When a session left disconnected will be ended (R26). */
  endsAt: string | null;
  host: string;
}

/** A start that has not finished in this time has failed. */
const START_LIMIT_MS = 90_000;

export async function sessionView(deps: DesktopDeps, userId: string): Promise<SessionView | null> {
  const session = await liveSessionOf(deps.db, userId);
  if (!session || session.state === 'ended') return null;
  const open = await countOpenConnections(deps.db, session.id);
  const disconnectedSince = open > 0 ? null : session.disconnected_at;
  return {
    id: session.id,
    state: session.state,
    connected: open > 0,
    startedAt: session.started_at.toISOString(),
    disconnectedSince: disconnectedSince?.toISOString() ?? null,
    endsAt: disconnectedSince
      ? new Date(disconnectedSince.getTime() + deps.settings.disconnectedSeconds * 1000).toISOString()
      : null,
    host: session.host_name,
  };
}

export interface OpenRequest {
  userId: string;
  username: string;
  ip: string;
  language: 'sv' | 'en';
}

/**
 * Opening the desktop (R25): the user's live session wherever it runs, otherwise a new one on the least
 * loaded host. Answers a single-use ticket for one connection to it.
 */
export async function openDesktop(deps: DesktopDeps, request: OpenRequest) {
  const session = await ensureSession(deps, request);
  const ticket = await issueTicket(deps, session.id, request.userId, request.ip);
  return { sessionId: session.id, ticket };
}

/**
 * The user's live session wherever it runs, otherwise a new one on the least loaded host (one with xrdp,
 * when it is for an RDP file).
 */
export async function ensureSession(deps: DesktopDeps, request: OpenRequest, needs: { rdp?: boolean } = {}) {
  const actor: Actor = { id: request.userId, label: request.username };
  return (await resumableSession(deps, request.userId)) ?? (await startSession(deps, request, actor, needs));
}

async function resumableSession(deps: DesktopDeps, userId: string) {
  // A start under way in another request is waited for rather than doubled.
  for (let waited = 0; waited < START_LIMIT_MS; waited += 250) {
    const session = await liveSessionOf(deps.db, userId);
    if (!session || session.state === 'running') return session;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

async function startSession(deps: DesktopDeps, request: OpenRequest, actor: Actor, needs: { rdp?: boolean }) {
  const now = deps.now();
  const hosts = await listHosts(deps.db, now, deps.settings.hostLostSeconds);
  const host = pickHost(needs.rdp ? hosts.filter((each) => each.rdpPort !== null) : hosts);
  if (!host) throw new AppError('NO_SESSION_HOST');
  const keyboard = request.language === 'sv' ? 'se' : 'us';
  const inserted = await insertStartingSession(deps.db, {
    userId: request.userId,
    hostName: host.name,
    vncPassword: newVncPassword(),
    keyboard,
    now,
  });
  if (!inserted) {
    const other = await resumableSession(deps, request.userId);
    if (!other) throw new AppError('DESKTOP_START_FAILED');
    return other;
  }
  try {
    const agent = await agentFor(deps, host.name);
    if (!agent) throw new Error(`host ${host.name} has no agent`);
    const spec = await buildDesktopSpec(
      deps.db,
      deps.vault,
      deps.settings,
      { ...request, sessionId: inserted.id, vncPassword: inserted.vnc_password, keyboard },
      now,
    );
    await agent.startSession(spec);
  } catch (error) {
    await endSession(deps, inserted.id, 'failed', SYSTEM_ACTOR, {
      error: (error as Error).message.slice(0, 300),
    });
    throw new AppError('DESKTOP_START_FAILED');
  }
  return deps.db.transaction().execute(async (trx) => {
    const running = await markRunning(trx, inserted.id);
    await recordAudit(
      trx,
      {
        actor,
        action: 'desktop.session_started',
        target: { type: 'desktop_session', id: inserted.id },
        ip: request.ip,
        details: { host: host.name },
      },
      deps.now(),
    );
    return running;
  });
}

/**
 * Ends a session and records why; its licences go back (R28). The host is told to stop it, except when the
 * host is the one that lost it. Answers false when it had ended already.
 */
export async function endSession(
  deps: AgentAccess & Pick<DesktopDeps, 'now'>,
  sessionId: string,
  reason: DesktopEndReason,
  actor: Actor,
  details: Record<string, unknown> = {},
): Promise<boolean> {
  const now = deps.now();
  const ended = await deps.db.transaction().execute(async (trx) => {
    const row = await markEnded(trx, sessionId, reason, now);
    if (!row) return null;
    await closeSessionConnections(trx, sessionId, 'session-ended', now);
    await recordAudit(
      trx,
      {
        actor,
        action: 'desktop.session_ended',
        target: { type: 'desktop_session', id: sessionId },
        details: { reason, host: row.host_name, ...details },
      },
      now,
    );
    return row;
  });
  if (!ended) return false;
  await returnSessionLicences(deps.db, sessionId, reason, now);
  if (reason !== 'lost') {
    const agent = await agentFor(deps, ended.host_name);
    await agent?.endSession(sessionId).catch(() => {
      // A host that cannot be told now reports the session at its next report and is told to stop it then.
    });
  }
  return true;
}

async function issueTicket(
  deps: DesktopDeps,
  sessionId: string,
  userId: string,
  ip: string,
): Promise<string> {
  const token = newToken();
  await insertTicket(deps.db, {
    tokenSha256: tokenDigest(token),
    sessionId,
    userId,
    clientIp: ip,
    expiresAt: new Date(deps.now().getTime() + deps.settings.ticketSeconds * 1000),
  });
  return token;
}

export type TicketRefusal = 'unknown-or-used' | 'expired' | 'other-user' | 'other-address' | 'session-ended';

/**
 * Uses a ticket up, whatever comes next: a ticket seen once is gone, so a replayed or stolen one never opens
 * anything. Then it must be in time, the presenter's, from the address it was issued to, for a live session.
 */
export async function consumeTicket(
  deps: Pick<DesktopDeps, 'db' | 'now'>,
  token: string,
  presenter: { userId: string; ip: string },
) {
  const now = deps.now();
  const ticket = await spendTicket(deps.db, tokenDigest(token), presenter.ip, now);
  const refuse = (reason: TicketRefusal) => ({ ok: false as const, reason, sessionId: ticket?.session_id });
  if (!ticket) return refuse('unknown-or-used');
  if (ticket.expires_at <= now) return refuse('expired');
  if (ticket.user_id !== presenter.userId) return refuse('other-user');
  if (!ticket.same_ip) return refuse('other-address');
  const session = await runningSession(deps.db, ticket.session_id);
  if (!session) return refuse('session-ended');
  return { ok: true as const, session };
}

/** Changes the keyboard layout of the user's running desktop; false when none runs. */
export async function changeKeyboard(
  deps: AgentAccess,
  userId: string,
  layout: 'se' | 'us',
): Promise<boolean> {
  const live = await liveSessionOf(deps.db, userId);
  if (live?.state !== 'running') return false;
  await updateKeyboard(deps.db, live.id, layout);
  await (await agentFor(deps, live.host_name))?.setKeyboard(live.id, layout);
  return true;
}

/** A connection through a gateway opened: the session is connected (R25) and no longer counts down (R26). */
export async function connectionOpened(
  deps: Pick<DesktopDeps, 'db' | 'now'>,
  session: { id: string; user_id: string },
  connection: { via: 'browser' | 'rdp'; ip: string; actor: Actor },
): Promise<string> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertConnection(trx, {
      sessionId: session.id,
      via: connection.via,
      ip: connection.ip,
      now,
    });
    await markConnected(trx, session.id);
    await recordAudit(
      trx,
      {
        actor: connection.actor,
        action: 'desktop.connected',
        target: { type: 'desktop_session', id: session.id },
        ip: connection.ip,
        details: { via: connection.via, connection: id },
      },
      now,
    );
    return id;
  });
}

/**
 * While a gateway holds a connection open: its record stays fresh (the worker closes silent ones) and, R30,
 * the user's portal sessions count it as activity, often enough to stay out of their warning. Answers the
 * stopper.
 */
export async function keepConnectionAlive(
  deps: Pick<DesktopDeps, 'db' | 'now' | 'portalTimeouts'>,
  connectionId: string,
  userId: string,
): Promise<() => void> {
  const { idleSeconds, warningSeconds } = deps.portalTimeouts;
  const beat = () => reportDesktopActivity(deps.db, userId, deps.now(), deps.portalTimeouts);
  const keepalive = setInterval(
    () => {
      void markConnectionSeen(deps.db, connectionId, deps.now()).catch(() => {});
      void beat().catch(() => {});
    },
    Math.min(60_000, ((idleSeconds - warningSeconds) * 1000) / 3),
  );
  await beat();
  return () => clearInterval(keepalive);
}

/** A connection closed; when it was the last, the session is disconnected from now on (R25, R26). */
export async function connectionClosed(
  deps: Pick<DesktopDeps, 'db' | 'now'>,
  connectionId: string,
  reason: string,
  actor: Actor,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const closed = await closeConnection(trx, connectionId, reason, now);
    if (!closed) return;
    await markDisconnectedIfLast(trx, closed.session_id, now);
    await recordAudit(
      trx,
      {
        actor,
        action: 'desktop.disconnected',
        target: { type: 'desktop_session', id: closed.session_id },
        ip: closed.client_ip,
        details: { reason, connection: connectionId },
      },
      now,
    );
  });
}

/**
 * After a change of membership: the user's live desktop gets the shortcuts of the projects they have now,
 * and its host takes away what a removed project's folder was still open in. The folder itself is denied
 * regardless (see withdrawMember), even when the desktop's host cannot be reached.
 */
export async function refreshDesktopProjects(
  access: AgentAccess,
  vaultRoot: string,
  username: string,
): Promise<'no-desktop' | 'told' | 'unreachable'> {
  const { db } = access;
  const occupant = await readDesktopOccupant(db, username);
  const live = occupant ? await liveSessionOf(db, occupant.id) : undefined;
  if (!occupant || live?.state !== 'running') return 'no-desktop';
  const agent = await agentFor(access, live.host_name);
  const change = {
    myDocuments: homeDirs(vaultRoot, username).myDocuments,
    projectsRoot: join(vaultRoot, 'projects'),
    projects: desktopProjects(vaultRoot, occupant),
  };
  const told = await agent?.setProjects(live.id, change).then(
    () => true,
    () => false,
  );
  return told ? 'told' : 'unreachable';
}
