import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import { AppError } from '../http/errors.js';
import { crashPoint } from '../runtime/crash-points.js';
import { returnSessionLicences } from '../software/software-service.js';
import { closeSessionConnections, countOpenConnections } from './connection-repository.js';
import type { DesktopSession } from './desktop-contract.js';
import { type AgentAccess, agentFor, type DesktopDeps } from './desktop-deps.js';
import {
  insertStartingSession,
  liveSessionOf,
  markEnded,
  markRunning,
  renewStart,
} from './desktop-session-repository.js';
import { buildDesktopSpec, newVncPassword } from './desktop-spec-builder.js';
import type { DesktopEndReason } from './desktop-tables.js';
import { listHosts, pickHost } from './host-registry.js';

// A desktop session's life: started on a host (or resumed), seen by its user, ended.

export async function sessionView(deps: DesktopDeps, userId: string): Promise<DesktopSession | null> {
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

/** The starts under way in this process, by user, until their session runs or has failed. */
const startsUnderWay = new Map<string, ReturnType<typeof startSession>>();

/**
 * How long a start holds its session row unrenewed; it renews every third of this while it works. A row
 * still starting past it belongs to a process that died, and a new start may end it (see ensureSession).
 */
export const START_HOLD_MS = 15_000;

/** A start whose process is gone: nothing renewed its hold in time. */
function startAbandoned(session: { state: string; starting_until: Date | null }, now: Date): boolean {
  return session.state === 'starting' && (session.starting_until?.getTime() ?? 0) < now.getTime();
}

/**
 * The user's live session wherever it runs, otherwise a new one on the least loaded host (one with xrdp,
 * when it is for an RDP file).
 */
export async function ensureSession(deps: DesktopDeps, request: OpenRequest, needs: { rdp?: boolean } = {}) {
  const live = await liveSessionOf(deps.db, request.userId);
  if (live?.state === 'running') return live;
  // Looked up and registered with no await in between: this process starts a user's desktop once, and a
  // second open meanwhile waits for that start's outcome.
  const underWay = startsUnderWay.get(request.userId);
  if (underWay) return underWay;
  if (live && !startAbandoned(live, deps.now())) return startedElsewhere(deps, request.userId);
  const actor: Actor = { id: request.userId, label: request.username };
  const start = startSession(deps, request, actor, needs, live?.id ?? null).finally(() =>
    startsUnderWay.delete(request.userId),
  );
  startsUnderWay.set(request.userId, start);
  return start;
}

/**
 * A start this process has no promise for: another instance's (mona serve behind a load balancer), or
 * one of ours that settled since the session was read. Read once more; a session still starting is
 * answered DESKTOP_START_FAILED, which the user retries (and then resumes it), rather than holding the
 * request while polling the row. Housekeeping ends a start whose process died.
 */
async function startedElsewhere(deps: DesktopDeps, userId: string) {
  const session = await liveSessionOf(deps.db, userId);
  if (session?.state !== 'running') throw new AppError('DESKTOP_START_FAILED');
  return session;
}

async function startSession(
  deps: DesktopDeps,
  request: OpenRequest,
  actor: Actor,
  needs: { rdp?: boolean },
  abandoned: string | null,
) {
  // A start whose process died (a crash) left its row starting, and perhaps a desktop on its host.
  if (abandoned) await endSession(deps, abandoned, 'failed', SYSTEM_ACTOR, { why: 'start abandoned' });
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
    startingUntil: new Date(now.getTime() + START_HOLD_MS),
  });
  if (!inserted) return startedElsewhere(deps, request.userId);
  return holdingStart(deps, inserted.id, async () => {
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
      crashPoint('desktop.start');
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
  });
}

/** Runs a start, renewing its hold on the session's row until it is done. */
async function holdingStart<T>(deps: DesktopDeps, sessionId: string, start: () => Promise<T>): Promise<T> {
  const renewal = setInterval(() => {
    renewStart(deps.db, sessionId, new Date(deps.now().getTime() + START_HOLD_MS)).catch(() => {
      // A renewal missed is made good by the next; were they all missed, the start would be taken for dead.
    });
  }, START_HOLD_MS / 3);
  try {
    return await start();
  } finally {
    clearInterval(renewal);
  }
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
    // Connections before the session, the order a gateway closing its connection takes them in
    // (session-connections.ts): the other order deadlocks with a viewer that closes meanwhile.
    await closeSessionConnections(trx, sessionId, 'session-ended', now);
    const row = await markEnded(trx, sessionId, reason, now);
    if (!row) return null;
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
