import { type Actor, recordAudit } from '../audit/audit-service.js';
import { reportDesktopActivity } from '../identity/session-service.js';
import { closeConnection, insertConnection, markConnectionSeen } from './connection-repository.js';
import type { DesktopDeps } from './desktop-deps.js';
import { markConnected, markDisconnectedIfLast } from './desktop-session-repository.js';

// A gateway's connection to a session, browser viewer or RDP tunnel: while one is open the session is
// connected (R25, R26) and its user's portal sessions count it as activity (R30).

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
