import type { Transaction } from 'kysely';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { SessionEndReason, StaffRole } from './identity-tables.js';
import {
  endPortalSession,
  findPortalSession,
  idleSessionIds,
  insertPortalSession,
  touchPortalSession,
  touchPortalSessionsOfUser,
} from './session-repository.js';
import { hashToken, isWellFormedToken, newToken } from './tokens.js';
import { findUserById } from './user-repository.js';

export interface SessionTimeouts {
  idleSeconds: number;
  warningSeconds: number;
}

/** The portal session's limits as configured. */
export function sessionTimeoutsOf(identity: Config['identity']): SessionTimeouts {
  return { idleSeconds: identity.sessionIdleSeconds, warningSeconds: identity.sessionWarningSeconds };
}

export interface ActiveSession {
  idHash: string;
  userId: string;
  username: string;
  fullName: string;
  roles: StaffRole[];
  method: 'otp' | 'bankid';
  startedAt: Date;
  expiresAt: Date;
  /** When the user accepted the terms in force, read with the session; null when they have not (R10, R14). */
  termsAcceptedAt: Date | null;
}

export type SessionLookup = { active: ActiveSession } | { active: null; endReason: SessionEndReason | null };

/** Starts a portal session inside the login's transaction; returns the cookie value, which is never stored. */
export async function startSession(
  trx: Transaction<Database>,
  input: { userId: string; method: 'otp' | 'bankid'; ip: string; country: string | null; now: Date },
  timeouts: SessionTimeouts,
): Promise<string> {
  const token = newToken();
  await insertPortalSession(trx, {
    idHash: hashToken(token),
    userId: input.userId,
    method: input.method,
    ip: input.ip,
    country: input.country,
    startedAt: input.now,
    expiresAt: new Date(input.now.getTime() + timeouts.idleSeconds * 1000),
  });
  return token;
}

/**
 * How far activity must push the idle deadline before it is written: a thirtieth of the idle timeout
 * (10 s of 5 minutes). Requests in a burst then write once, not each, and a session still ends no
 * later than the idle timeout after its last activity, on every node; at most this much earlier.
 */
function touchStepMs(timeouts: SessionTimeouts): number {
  return (timeouts.idleSeconds * 1000) / 30;
}

/**
 * The live session a cookie names. With `touch`, the request counts as activity and pushes the idle
 * deadline out again (R30), in steps of `touchStepMs`.
 */
export async function findSession(
  db: Db,
  token: unknown,
  now: Date,
  options: { touch: boolean; timeouts: SessionTimeouts },
): Promise<SessionLookup> {
  if (!isWellFormedToken(token)) return { active: null, endReason: null };
  const row = await findPortalSession(db, hashToken(token), now);
  if (!row) return { active: null, endReason: null };
  if (row.end_reason) return { active: null, endReason: row.end_reason };
  if (row.expires_at <= now) {
    await endSession(db, row.id_hash, 'idle', now);
    return { active: null, endReason: 'idle' };
  }
  if (row.state !== 'active') {
    await endSession(db, row.id_hash, 'revoked', now);
    return { active: null, endReason: 'revoked' };
  }
  let expiresAt = row.expires_at;
  const deadline = new Date(now.getTime() + options.timeouts.idleSeconds * 1000);
  if (options.touch && deadline.getTime() - expiresAt.getTime() >= touchStepMs(options.timeouts)) {
    expiresAt = deadline;
    await touchPortalSession(db, row.id_hash, now, expiresAt);
  }
  return {
    active: {
      idHash: row.id_hash,
      userId: row.user_id,
      username: row.username,
      fullName: row.full_name,
      roles: row.roles,
      method: row.method,
      startedAt: row.started_at,
      expiresAt,
      termsAcceptedAt: row.terms_accepted_at,
    },
  };
}

/** The audit action of each way a session ends. */
const END_ACTIONS: Record<SessionEndReason, string> = {
  logout: 'session.logged_out',
  idle: 'session.expired',
  revoked: 'session.revoked',
  country: 'session.country_refused',
};

/** Ends a session once, auditing why (from where, and what else a reader needs); one already ended stays as it was. */
export async function endSession(
  db: Db,
  idHash: string,
  reason: SessionEndReason,
  now: Date,
  context: { ip?: string; details?: Record<string, unknown> } = {},
) {
  await db.transaction().execute(async (trx) => {
    const ended = await endPortalSession(trx, idHash, reason, now);
    if (!ended) return;
    const user = await findUserById(trx, ended.user_id);
    await recordAudit(
      trx,
      {
        actor: reason === 'logout' ? { id: ended.user_id, label: user?.username ?? 'unknown' } : SYSTEM_ACTOR,
        action: END_ACTIONS[reason],
        target: { type: 'user', id: ended.user_id },
        ...(context.ip ? { ip: context.ip } : {}),
        details: { session: idHash.slice(0, 12), ...context.details },
      },
      now,
    );
  });
}

/**
 * An open remote desktop counts as activity (R30): the desktop gateways call
 * this while a connection is open, keeping the user's portal sessions alive.
 */
export async function reportDesktopActivity(db: Db, userId: string, now: Date, timeouts: SessionTimeouts) {
  await touchPortalSessionsOfUser(db, userId, now, new Date(now.getTime() + timeouts.idleSeconds * 1000));
}

/** Ends and audits every session whose idle deadline has passed; returns how many. */
export async function sweepIdleSessions(db: Db, now: Date): Promise<number> {
  const expired = await idleSessionIds(db, now, 500);
  for (const idHash of expired) await endSession(db, idHash, 'idle', now);
  return expired.length;
}
