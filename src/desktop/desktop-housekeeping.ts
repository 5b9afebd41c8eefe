import { SYSTEM_ACTOR } from '../audit/audit-service.js';
import { deleteGrantsExpiredBefore } from '../rd-gateway/rdp-grant-repository.js';
import { closeConnectionsSilentSince } from './connection-repository.js';
import type { AgentAccess, DesktopDeps } from './desktop-deps.js';
import {
  abandonedStarts,
  markDisconnectedIfLast,
  runningDisconnectedBefore,
  runningOnHostsSilentSince,
} from './desktop-session-repository.js';
import { endSession } from './session-lifecycle.js';
import { deleteTicketsExpiredBefore } from './ticket-repository.js';

/** A gateway refreshes its open connections every minute; one silent for this long has no gateway left. */
const CONNECTION_STALE_MS = 3 * 60_000;
const TICKET_KEPT_MS = 3600_000;

/**
 * The session timers that no single gateway or host can keep: connections whose gateway died, sessions left
 * disconnected too long (R26), hosts gone silent, starts whose process died. Run every few seconds by one
 * or more workers; each step is safe to run twice.
 */
export async function desktopHousekeeping(
  deps: AgentAccess & Pick<DesktopDeps, 'now' | 'settings'>,
): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);

  const stale = await closeConnectionsSilentSince(db, ago(CONNECTION_STALE_MS), 'gateway-lost', now);
  for (const { session_id } of stale) await markDisconnectedIfLast(db, session_id, now);

  const abandoned = await runningDisconnectedBefore(db, ago(deps.settings.disconnectedSeconds * 1000));
  for (const { id } of abandoned) {
    await endSession(deps, id, 'disconnected-limit', SYSTEM_ACTOR, {
      disconnectedSeconds: deps.settings.disconnectedSeconds,
    });
  }

  const lost = await runningOnHostsSilentSince(db, ago(deps.settings.hostLostSeconds * 1000));
  for (const session of lost) {
    await endSession(deps, session.id, 'lost', SYSTEM_ACTOR, { host: session.host_name, why: 'host silent' });
  }

  for (const { id } of await abandonedStarts(db, now))
    await endSession(deps, id, 'failed', SYSTEM_ACTOR, { why: 'start abandoned' });

  await deleteTicketsExpiredBefore(db, ago(TICKET_KEPT_MS));
  // An RDP file's logon follows its tunnel, which comes before the file expires: an hour on, nothing is left
  // to spend, and the audit log keeps what happened.
  await deleteGrantsExpiredBefore(db, ago(TICKET_KEPT_MS));
}
