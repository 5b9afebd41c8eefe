import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

// All SQL over desktop_tickets. Each function takes the database or the caller's transaction.

export async function insertTicket(
  db: Db,
  ticket: { tokenSha256: Buffer; sessionId: string; userId: string; clientIp: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('desktop_tickets')
    .values({
      token_sha256: ticket.tokenSha256,
      session_id: ticket.sessionId,
      user_id: ticket.userId,
      client_ip: ticket.clientIp,
      expires_at: ticket.expiresAt,
    })
    .execute();
}

/** Marks the ticket used, if it was not; answers it, and whether `presenterIp` is the address it was issued to. */
export function spendTicket(db: Db, tokenSha256: Buffer, presenterIp: string, now: Date) {
  return db
    .updateTable('desktop_tickets')
    .set({ used_at: now })
    .where('token_sha256', '=', tokenSha256)
    .where('used_at', 'is', null)
    .returning([
      'session_id',
      'user_id',
      'expires_at',
      sql<boolean>`client_ip = ${presenterIp}::inet`.as('same_ip'),
    ])
    .executeTakeFirst();
}

export async function deleteTicketsExpiredBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('desktop_tickets').where('expires_at', '<', before).execute();
}
