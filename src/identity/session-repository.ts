import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { preparedQuery } from '../db/prepared-query.js';
import { acceptanceOfTermsInForce } from '../entry/terms-repository.js';
import type { SessionEndReason, StaffRole } from './identity-tables.js';

// The SQL over `portal_sessions` (read with their users and roles). Each function takes the Db or the caller's transaction.

export async function insertPortalSession(
  db: Db,
  session: {
    idHash: string;
    userId: string;
    method: 'otp' | 'bankid';
    ip: string;
    country: string | null;
    startedAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('portal_sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      method: session.method,
      ip: session.ip,
      country: session.country,
      started_at: session.startedAt,
      last_activity_at: session.startedAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

const portalSessionByHash = preparedQuery('portal_session', (db: Db, idHash: string, now: Date) =>
  db
    .selectFrom('portal_sessions')
    .innerJoin('users', 'users.id', 'portal_sessions.user_id')
    .select(
      sql<
        StaffRole[]
      >`array(select role from user_roles where user_id = portal_sessions.user_id order by role)`.as('roles'),
    )
    .select((eb) => acceptanceOfTermsInForce(eb.ref('portal_sessions.user_id'), now).as('terms_accepted_at'))
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
    .where('portal_sessions.id_hash', '=', idHash),
);

/**
 * A session, ended or not, with the account it belongs to, its staff roles and when it accepted the
 * terms in force at `now` (entry's subquery): one query, asked on every request.
 */
export async function findPortalSession(db: Db, idHash: string, now: Date) {
  return (await portalSessionByHash(db, idHash, now)).rows[0];
}

const touchSession = preparedQuery(
  'touch_portal_session',
  (db: Db, idHash: string, now: Date, expiresAt: Date) =>
    db
      .updateTable('portal_sessions')
      .set({ last_activity_at: now, expires_at: expiresAt })
      .where('id_hash', '=', idHash)
      .where('ended_at', 'is', null),
);

/** Activity: the idle deadline of a live session moves to `expiresAt`. */
export async function touchPortalSession(db: Db, idHash: string, now: Date, expiresAt: Date): Promise<void> {
  await touchSession(db, idHash, now, expiresAt);
}

/** The same for every live session of a user. */
export async function touchPortalSessionsOfUser(
  db: Db,
  userId: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable('portal_sessions')
    .set({ last_activity_at: now, expires_at: expiresAt })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** Ends a live session; returns its user, or undefined when it had ended already. */
export async function endPortalSession(db: Db, idHash: string, reason: SessionEndReason, now: Date) {
  return db
    .updateTable('portal_sessions')
    .set({ ended_at: now, end_reason: reason })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .returning(['user_id'])
    .executeTakeFirst();
}

/** Live sessions past their idle deadline, at most `limit`. */
export async function idleSessionIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('portal_sessions')
    .select('id_hash')
    .where('ended_at', 'is', null)
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((row) => row.id_hash);
}
