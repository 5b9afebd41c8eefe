import type { Db } from '../db/connect.js';
import type { IdentityTables } from './identity-tables.js';
import type { Guesses } from './throttle.js';

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

/**
 * Passwords tried from an address since `since` that no login of the same
 * username from that address has followed: how many, and the latest.
 */
export async function unansweredGuessesFromAddress(db: Db, ip: string, since: Date): Promise<Guesses> {
  return unansweredGuesses(db, since, { ip });
}

/** Passwords tried for a username since `since`, from any address, that no login of it has followed. */
export async function unansweredGuessesForUsername(db: Db, username: string, since: Date): Promise<Guesses> {
  return unansweredGuesses(db, since, { username });
}

async function unansweredGuesses(
  db: Db,
  since: Date,
  of: { ip: string } | { username: string },
): Promise<Guesses> {
  const row = await db
    .selectFrom('login_attempts as guess')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('guess.at').as('latest')])
    .where('guess.outcome', '=', 'password_checked')
    .where('guess.at', '>', since)
    .where((eb) => ('ip' in of ? eb('guess.ip', '=', of.ip) : eb('guess.username', '=', of.username)))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('login_attempts as login')
            .select('login.id')
            .where('login.outcome', '=', 'success')
            .whereRef('login.username', '=', 'guess.username')
            .whereRef('login.at', '>=', 'guess.at')
            .$if('ip' in of, (query) => query.whereRef('login.ip', '=', 'guess.ip')),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), latest: row.latest };
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
