import type { Db } from '../../db/connect.js';

// The SQL over `bankid_links` and `bankid_link_requests`. Each function takes the Db or the caller's
// transaction.

/** The account a username names, with the identity it is linked to, if any. */
export async function findBankIdAccount(db: Db, username: string) {
  return db
    .selectFrom('users')
    .leftJoin('bankid_links', 'bankid_links.user_id', 'users.id')
    .select(['users.id', 'users.state', 'users.login_method', 'bankid_links.pin_hmac'])
    .where('users.username', '=', username)
    .executeTakeFirst();
}

/** Whether the identity is linked to an account other than `userId`. */
export async function pinLinkedElsewhere(db: Db, pinHmac: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bankid_links')
    .select('user_id')
    .where('pin_hmac', '=', pinHmac)
    .where('user_id', '!=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Links the account to the identity, replacing any identity it was linked to. */
export async function linkBankId(
  db: Db,
  link: { userId: string; pinHmac: string; pinMasked: string; linkedAt: Date },
): Promise<void> {
  const identity = { pin_hmac: link.pinHmac, pin_masked: link.pinMasked, linked_at: link.linkedAt };
  await db
    .insertInto('bankid_links')
    .values({ user_id: link.userId, ...identity })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(identity))
    .execute();
}

export async function deleteBankIdLink(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('bankid_links').where('user_id', '=', userId).execute();
}

/** Records a request, or refreshes the pending one for the same username and identity; returns its id. */
export async function upsertLinkRequest(
  db: Db,
  request: {
    username: string;
    pinHmac: string;
    pinMasked: string;
    name: string;
    ip: string;
    country: string | null;
    requestedAt: Date;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('bankid_link_requests')
    .values({
      username: request.username,
      pin_hmac: request.pinHmac,
      pin_masked: request.pinMasked,
      name: request.name,
      ip: request.ip,
      country: request.country,
      requested_at: request.requestedAt,
    })
    .onConflict((oc) =>
      oc.columns(['username', 'pin_hmac']).where('state', '=', 'pending').doUpdateSet({
        name: request.name,
        ip: request.ip,
        country: request.country,
        requested_at: request.requestedAt,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The newest requests (pending ones, or all), with the state of the account each names. */
export async function listLinkRequestRows(db: Db, state: 'pending' | 'all') {
  let query = db
    .selectFrom('bankid_link_requests')
    .leftJoin('users', 'users.username', 'bankid_link_requests.username')
    .select([
      'bankid_link_requests.id',
      'bankid_link_requests.username',
      'bankid_link_requests.pin_masked',
      'bankid_link_requests.name',
      'bankid_link_requests.ip',
      'bankid_link_requests.country',
      'bankid_link_requests.requested_at',
      'bankid_link_requests.state',
      'users.state as account_state',
    ])
    .orderBy('bankid_link_requests.requested_at', 'desc')
    .limit(500);
  if (state === 'pending') query = query.where('bankid_link_requests.state', '=', 'pending');
  return query.execute();
}

/** A pending request, locked until the caller's transaction decides it. */
export async function lockPendingLinkRequest(db: Db, id: string) {
  return db
    .selectFrom('bankid_link_requests')
    .selectAll()
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
}

/** Decides a pending request; returns it, or undefined when it was not pending. */
export async function decideLinkRequest(
  db: Db,
  id: string,
  decision: { state: 'approved' | 'rejected'; decidedAt: Date; decidedBy: string },
) {
  return db
    .updateTable('bankid_link_requests')
    .set({ state: decision.state, decided_at: decision.decidedAt, decided_by: decision.decidedBy })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .returning(['username'])
    .executeTakeFirst();
}
