import type { Db } from '../db/connect.js';
import type { IdentityTables } from './identity-tables.js';

// The SQL over `login_flows` and `login_attempts`. Each function takes the Db or the caller's transaction.

export type AttemptOutcome = IdentityTables['login_attempts']['outcome'];
type FlowKind = IdentityTables['login_flows']['kind'];

export async function insertLoginFlow(
  db: Db,
  flow: {
    idHash: string;
    kind: FlowKind;
    ip: string;
    country: string | null;
    state: unknown;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('login_flows')
    .values({
      id_hash: flow.idHash,
      kind: flow.kind,
      ip: flow.ip,
      country: flow.country,
      state: JSON.stringify(flow.state),
      expires_at: flow.expiresAt,
    })
    .execute();
}

/** A live flow of that kind, or undefined. */
export async function findLoginFlow(db: Db, idHash: string, kind: FlowKind, now: Date) {
  return db
    .selectFrom('login_flows')
    .select(['id_hash', 'country', 'state'])
    .where('id_hash', '=', idHash)
    .where('kind', '=', kind)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function updateLoginFlowState(db: Db, idHash: string, state: unknown): Promise<void> {
  await db
    .updateTable('login_flows')
    .set({ state: JSON.stringify(state) })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteLoginFlow(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('login_flows').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredLoginFlows(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('login_flows').where('expires_at', '<=', now).execute();
}

export async function recordAttempt(
  db: Db,
  attempt: { ip: string; username: string | null; outcome: AttemptOutcome; at: Date },
): Promise<void> {
  await db.insertInto('login_attempts').values(attempt).execute();
}

export async function countAttemptsFromAddressSince(db: Db, ip: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A username's failures and successes since `since`, oldest first. */
export async function verdictsForUsernameSince(db: Db, username: string, since: Date) {
  return db
    .selectFrom('login_attempts')
    .select(['at', 'outcome'])
    .where('username', '=', username)
    .where('outcome', 'in', ['failure', 'success'])
    .where('at', '>', since)
    .orderBy('at')
    .execute();
}

export async function deleteAttemptsBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', before).execute();
}
