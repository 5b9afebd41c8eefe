import type { Transaction } from 'kysely';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { SessionEndReason, StaffRole } from './identity-tables.js';
import { hashToken, isWellFormedToken, newToken } from './tokens.js';

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
}

export type SessionLookup = { active: ActiveSession } | { active: null; endReason: SessionEndReason | null };

/** Starts a portal session inside the login's transaction; returns the cookie value, which is never stored. */
export async function startSession(
  trx: Transaction<Database>,
  input: { userId: string; method: 'otp' | 'bankid'; ip: string; country: string | null; now: Date },
  timeouts: SessionTimeouts,
): Promise<string> {
  const token = newToken();
  await trx
    .insertInto('portal_sessions')
    .values({
      id_hash: hashToken(token),
      user_id: input.userId,
      method: input.method,
      ip: input.ip,
      country: input.country,
      started_at: input.now,
      last_activity_at: input.now,
      expires_at: new Date(input.now.getTime() + timeouts.idleSeconds * 1000),
    })
    .execute();
  return token;
}

/**
 * The live session a cookie names. With `touch`, the request counts as
 * activity and pushes the idle deadline out again (R30).
 */
export async function findSession(
  db: Db,
  token: unknown,
  now: Date,
  options: { touch: boolean; timeouts: SessionTimeouts },
): Promise<SessionLookup> {
  if (!isWellFormedToken(token)) return { active: null, endReason: null };
  const row = await db
    .selectFrom('portal_sessions')
    .innerJoin('users', 'users.id', 'portal_sessions.user_id')
    .select([
      'portal_sessions.id_hash',
      'portal_sessions.user_id',
      'portal_sessions.method',
      'portal_sessions.started_at',
      'portal_sessions.expires_at',
      'portal_sessions.end_reason',
      'users.username',
      'users.full_name',
      'users.state',
    ])
    .where('portal_sessions.id_hash', '=', hashToken(token))
    .executeTakeFirst();
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
  if (options.touch) {
    expiresAt = new Date(now.getTime() + options.timeouts.idleSeconds * 1000);
    await db
      .updateTable('portal_sessions')
      .set({ last_activity_at: now, expires_at: expiresAt })
      .where('id_hash', '=', row.id_hash)
      .where('ended_at', 'is', null)
      .execute();
  }
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', row.user_id).execute();
  return {
    active: {
      idHash: row.id_hash,
      userId: row.user_id,
      username: row.username,
      fullName: row.full_name,
      roles: roles.map((r) => r.role).sort(),
      method: row.method,
      startedAt: row.started_at,
      expiresAt,
    },
  };
}

/** Ends a session once, auditing why; a session already ended stays as it was. */
export async function endSession(db: Db, idHash: string, reason: SessionEndReason, now: Date, ip?: string) {
  await db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('portal_sessions')
      .set({ ended_at: now, end_reason: reason })
      .where('id_hash', '=', idHash)
      .where('ended_at', 'is', null)
      .returning(['user_id'])
      .executeTakeFirst();
    if (!ended) return;
    const user = await trx
      .selectFrom('users')
      .select('username')
      .where('id', '=', ended.user_id)
      .executeTakeFirst();
    await recordAudit(
      trx,
      {
        actor: reason === 'logout' ? { id: ended.user_id, label: user?.username ?? 'unknown' } : SYSTEM_ACTOR,
        action:
          reason === 'logout'
            ? 'session.logged_out'
            : reason === 'idle'
              ? 'session.expired'
              : 'session.revoked',
        target: { type: 'user', id: ended.user_id },
        ...(ip ? { ip } : {}),
        details: { session: idHash.slice(0, 12) },
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
  await db
    .updateTable('portal_sessions')
    .set({ last_activity_at: now, expires_at: new Date(now.getTime() + timeouts.idleSeconds * 1000) })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** Ends and audits every session whose idle deadline has passed; returns how many. */
export async function sweepIdleSessions(db: Db, now: Date): Promise<number> {
  const expired = await db
    .selectFrom('portal_sessions')
    .select('id_hash')
    .where('ended_at', 'is', null)
    .where('expires_at', '<=', now)
    .limit(500)
    .execute();
  for (const { id_hash } of expired) await endSession(db, id_hash, 'idle', now);
  return expired.length;
}
