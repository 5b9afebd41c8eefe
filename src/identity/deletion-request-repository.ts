import type { Db } from '../db/connect.js';

// The SQL over `account_deletion_requests`. Each function takes the Db or the caller's transaction.

/** R31: the user's open request to close and delete their account, if any. */
export async function openDeletionRequestOf(db: Db, userId: string) {
  return db
    .selectFrom('account_deletion_requests')
    .select(['requested_at', 'state'])
    .where('user_id', '=', userId)
    .where('state', '=', 'open')
    .executeTakeFirst();
}

export async function insertDeletionRequest(
  db: Db,
  request: { userId: string; requestedAt: Date; ip: string; reason: string | null },
): Promise<void> {
  await db
    .insertInto('account_deletion_requests')
    .values({
      user_id: request.userId,
      requested_at: request.requestedAt,
      ip: request.ip,
      reason: request.reason,
    })
    .execute();
}
