import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import type { AgentAccess, DesktopDeps } from './desktop-deps.js';
import { endSession, markDisconnectedIfLast } from './desktop-service.js';

/** A gateway refreshes its open connections every minute; one silent for this long has no gateway left. */
const CONNECTION_STALE_MS = 3 * 60_000;
const START_STALE_MS = 2 * 60_000;
const TICKET_KEPT_MS = 3600_000;

/**
 * The session timers that no single gateway or host can keep: connections whose gateway died, sessions left
 * disconnected too long (R26), hosts gone silent, starts that never finished. Run every few seconds by one
 * or more workers; each step is safe to run twice.
 */
export async function desktopHousekeeping(
  deps: AgentAccess & Pick<DesktopDeps, 'now' | 'settings'>,
): Promise<void> {
  const { db } = deps;
  const now = deps.now();

  const stale = await db
    .updateTable('desktop_connections')
    .set({ closed_at: now, close_reason: 'gateway-lost' })
    .where('closed_at', 'is', null)
    .where('seen_at', '<', new Date(now.getTime() - CONNECTION_STALE_MS))
    .returning('session_id')
    .execute();
  for (const { session_id } of stale) await markDisconnectedIfLast(db, session_id, now);

  const abandoned = await db
    .selectFrom('desktop_sessions')
    .select('id')
    .where('state', '=', 'running')
    .where('disconnected_at', '<', new Date(now.getTime() - deps.settings.disconnectedSeconds * 1000))
    .execute();
  for (const { id } of abandoned) {
    await endSession(deps, id, 'disconnected-limit', SYSTEM_ACTOR, {
      disconnectedSeconds: deps.settings.disconnectedSeconds,
    });
  }

  const lost = await db
    .selectFrom('desktop_sessions as s')
    .innerJoin('session_hosts as h', 'h.name', 's.host_name')
    .select(['s.id', 's.host_name'])
    .where('s.state', '=', 'running')
    .where((eb) =>
      eb.or([
        eb('h.last_seen_at', 'is', null),
        eb('h.last_seen_at', '<', new Date(now.getTime() - deps.settings.hostLostSeconds * 1000)),
      ]),
    )
    .execute();
  for (const session of lost) {
    await endSession(deps, session.id, 'lost', SYSTEM_ACTOR, { host: session.host_name, why: 'host silent' });
  }

  const unfinished = await db
    .selectFrom('desktop_sessions')
    .select('id')
    .where('state', '=', 'starting')
    .where('started_at', '<', new Date(now.getTime() - START_STALE_MS))
    .execute();
  for (const { id } of unfinished)
    await endSession(deps, id, 'failed', SYSTEM_ACTOR, { why: 'start unfinished' });

  const spentBefore = new Date(now.getTime() - TICKET_KEPT_MS);
  await db.deleteFrom('desktop_tickets').where('expires_at', '<', spentBefore).execute();
  // An RDP file's logon follows its tunnel, which comes before the file expires: an hour on, nothing is left
  // to spend, and the audit log keeps what happened.
  await db.deleteFrom('rdp_grants').where('expires_at', '<', spentBefore).execute();
}
