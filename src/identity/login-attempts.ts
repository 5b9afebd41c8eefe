import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { IdentityTables } from './identity-tables.js';
import { type LockoutPolicy, lockedUntil } from './throttle.js';

export type AttemptOutcome = IdentityTables['login_attempts']['outcome'];

/** Usernames are compared as the operator assigned them: lower case, trimmed. */
export function normaliseUsername(typed: string): string {
  return typed.trim().toLowerCase();
}

export async function recordAttempt(
  db: Kysely<Database>,
  attempt: { ip: string; username: string | null; outcome: AttemptOutcome; at: Date },
): Promise<void> {
  await db.insertInto('login_attempts').values(attempt).execute();
}

/** Requests from one address in the last minute, whatever their outcome. */
export async function attemptsFromAddress(db: Db, ip: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ip', '=', ip)
    .where('at', '>', new Date(now.getTime() - 60_000))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Until when a username is locked out, counting failures since its last
 * successful login. Applies alike to usernames that exist and that do not,
 * so a lock reveals nothing about existence.
 */
export async function usernameLockedUntil(
  db: Db,
  username: string,
  policy: LockoutPolicy,
  now: Date,
): Promise<Date | null> {
  const horizon = new Date(now.getTime() - (policy.windowSeconds + policy.lockSeconds) * 1000);
  const rows = await db
    .selectFrom('login_attempts')
    .select(['at', 'outcome'])
    .where('username', '=', username)
    .where('outcome', 'in', ['failure', 'success'])
    .where('at', '>', horizon)
    .orderBy('at')
    .execute();
  const lastSuccess = rows.findLast((row) => row.outcome === 'success')?.at;
  const failures = rows.filter((row) => row.outcome === 'failure' && (!lastSuccess || row.at > lastSuccess));
  return lockedUntil(
    failures.map((row) => row.at),
    policy,
    now,
  );
}
