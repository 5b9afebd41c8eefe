import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

// All SQL over desktop_connections. Each function takes the database or the caller's transaction.

export async function insertConnection(
  db: Db,
  connection: { sessionId: string; via: 'browser' | 'rdp'; ip: string; now: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('desktop_connections')
    .values({
      session_id: connection.sessionId,
      via: connection.via,
      client_ip: connection.ip,
      opened_at: connection.now,
      seen_at: connection.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function markConnectionSeen(db: Db, connectionId: string, now: Date): Promise<void> {
  await db
    .updateTable('desktop_connections')
    .set({ seen_at: now })
    .where('id', '=', connectionId)
    .where('closed_at', 'is', null)
    .execute();
}

/** undefined when it was closed already. */
export function closeConnection(db: Db, connectionId: string, reason: string, now: Date) {
  return db
    .updateTable('desktop_connections')
    .set({ closed_at: now, close_reason: reason })
    .where('id', '=', connectionId)
    .where('closed_at', 'is', null)
    .returning(['session_id', 'client_ip'])
    .executeTakeFirst();
}

export async function closeSessionConnections(db: Db, sessionId: string, reason: string, now: Date) {
  await db
    .updateTable('desktop_connections')
    .set({ closed_at: now, close_reason: reason })
    .where('session_id', '=', sessionId)
    .where('closed_at', 'is', null)
    .execute();
}

/** Closes the open connections not seen since `before`; answers their sessions. */
export function closeConnectionsSilentSince(db: Db, before: Date, reason: string, now: Date) {
  return db
    .updateTable('desktop_connections')
    .set({ closed_at: now, close_reason: reason })
    .where('closed_at', 'is', null)
    .where('seen_at', '<', before)
    .returning('session_id')
    .execute();
}

export async function countOpenConnections(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('desktop_connections')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('session_id', '=', sessionId)
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
