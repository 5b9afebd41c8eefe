import type { Db } from '../db/connect.js';
import type { DesktopEndReason } from './desktop-tables.js';

// All SQL over desktop_sessions. Each function takes the database or the caller's transaction. Users' names
// are identity's: they are asked of its repository, never joined.

export function liveSessionOf(db: Db, userId: string) {
  return db
    .selectFrom('desktop_sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('state', '<>', 'ended')
    .executeTakeFirst();
}

/** A new session in state starting, held until `startingUntil`; undefined when the user has a live one already. */
export function insertStartingSession(
  db: Db,
  session: {
    userId: string;
    hostName: string;
    vncPassword: string;
    keyboard: 'se' | 'us';
    now: Date;
    startingUntil: Date;
  },
) {
  return db
    .insertInto('desktop_sessions')
    .values({
      user_id: session.userId,
      host_name: session.hostName,
      state: 'starting',
      vnc_password: session.vncPassword,
      keyboard: session.keyboard,
      started_at: session.now,
      disconnected_at: session.now,
      starting_until: session.startingUntil,
    })
    .onConflict((conflict) => conflict.column('user_id').where('state', '<>', 'ended').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The start under way holds the session for longer. */
export async function renewStart(db: Db, sessionId: string, startingUntil: Date): Promise<void> {
  await db
    .updateTable('desktop_sessions')
    .set({ starting_until: startingUntil })
    .where('id', '=', sessionId)
    .where('state', '=', 'starting')
    .execute();
}

export function markRunning(db: Db, sessionId: string) {
  return db
    .updateTable('desktop_sessions')
    .set({ state: 'running', starting_until: null })
    .where('id', '=', sessionId)
    .where('state', '=', 'starting')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** undefined when it had ended already. */
export function markEnded(db: Db, sessionId: string, reason: DesktopEndReason, now: Date) {
  return db
    .updateTable('desktop_sessions')
    .set({ state: 'ended', ended_at: now, end_reason: reason, starting_until: null })
    .where('id', '=', sessionId)
    .where('state', '<>', 'ended')
    .returning(['id', 'user_id', 'host_name'])
    .executeTakeFirst();
}

export async function updateKeyboard(db: Db, sessionId: string, layout: 'se' | 'us'): Promise<void> {
  await db.updateTable('desktop_sessions').set({ keyboard: layout }).where('id', '=', sessionId).execute();
}

/** The user's most recently ended session's end, if any. */
export async function lastEndedSession(db: Db, userId: string) {
  return db
    .selectFrom('desktop_sessions')
    .select(['ended_at', 'end_reason'])
    .where('user_id', '=', userId)
    .where('state', '=', 'ended')
    .orderBy('ended_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function sessionState(db: Db, sessionId: string) {
  const row = await db
    .selectFrom('desktop_sessions')
    .select('state')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row?.state;
}

export function runningSession(db: Db, sessionId: string) {
  return db
    .selectFrom('desktop_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .where('state', '=', 'running')
    .executeTakeFirst();
}

export async function isRunningOnHost(db: Db, sessionId: string, hostName: string): Promise<boolean> {
  const session = await db
    .selectFrom('desktop_sessions')
    .select('id')
    .where('id', '=', sessionId)
    .where('host_name', '=', hostName)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return session !== undefined;
}

/** A live session on that host, with its user's name (asked of identity) for the audit event. */
export function liveSessionOnHost(db: Db, sessionId: string, hostName: string) {
  return db
    .selectFrom('desktop_sessions')
    .select(['id', 'user_id'])
    .where('id', '=', sessionId)
    .where('host_name', '=', hostName)
    .where('state', '<>', 'ended')
    .executeTakeFirst();
}

export function liveSessionsOnHost(db: Db, hostName: string) {
  return db
    .selectFrom('desktop_sessions')
    .select(['id', 'state', 'started_at'])
    .where('host_name', '=', hostName)
    .where('state', '<>', 'ended')
    .execute();
}

/** Every live session, oldest first. */
export function liveSessions(db: Db) {
  return db
    .selectFrom('desktop_sessions')
    .select(['id', 'user_id', 'host_name', 'state', 'started_at', 'disconnected_at'])
    .where('state', '<>', 'ended')
    .orderBy('started_at')
    .execute();
}

/** The user id of a live session, the session's row share-locked until the caller's transaction ends. */
export async function lockLiveSessionOwner(trx: Db, sessionId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('desktop_sessions')
    .select('user_id')
    .where('id', '=', sessionId)
    .where('state', '<>', 'ended')
    .forShare()
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function markConnected(db: Db, sessionId: string): Promise<void> {
  await db
    .updateTable('desktop_sessions')
    .set({ disconnected_at: null })
    .where('id', '=', sessionId)
    .execute();
}

/** From now on the session is disconnected, unless another connection to it is still open. */
export async function markDisconnectedIfLast(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('desktop_sessions')
    .set({ disconnected_at: now })
    .where('id', '=', sessionId)
    .where('state', '<>', 'ended')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('desktop_connections')
            .select('id')
            .where('session_id', '=', sessionId)
            .where('closed_at', 'is', null),
        ),
      ),
    )
    .execute();
}

export function runningDisconnectedBefore(db: Db, before: Date) {
  return db
    .selectFrom('desktop_sessions')
    .select('id')
    .where('state', '=', 'running')
    .where('disconnected_at', '<', before)
    .execute();
}

/** Running sessions whose host has not reported since `before`, or never. */
export function runningOnHostsSilentSince(db: Db, before: Date) {
  return db
    .selectFrom('desktop_sessions as s')
    .innerJoin('session_hosts as h', 'h.name', 's.host_name')
    .select(['s.id', 's.host_name'])
    .where('s.state', '=', 'running')
    .where((eb) => eb.or([eb('h.last_seen_at', 'is', null), eb('h.last_seen_at', '<', before)]))
    .execute();
}

/** Starts no process holds any more: their process died. */
export function abandonedStarts(db: Db, now: Date) {
  return db
    .selectFrom('desktop_sessions')
    .select('id')
    .where('state', '=', 'starting')
    .where((eb) => eb.or([eb('starting_until', 'is', null), eb('starting_until', '<', now)]))
    .execute();
}
