import type { Db } from '../db/connect.js';
import { countAttemptsFromAddressSince, verdictsForUsernameSince } from './login-repository.js';
import { type LockoutPolicy, lockedUntil } from './throttle.js';

/** Usernames are compared as the operator assigned them: lower case, trimmed. */
export function normaliseUsername(typed: string): string {
  return typed.trim().toLowerCase();
}

/** Requests from one address in the last minute, whatever their outcome. */
export async function attemptsFromAddress(db: Db, ip: string, now: Date): Promise<number> {
  return countAttemptsFromAddressSince(db, ip, new Date(now.getTime() - 60_000));
}

/**
 * Until when a username is locked out, counting failures (wrong codes after
 * the right password) since its last successful login.
 */
export async function usernameLockedUntil(
  db: Db,
  username: string,
  policy: LockoutPolicy,
  now: Date,
): Promise<Date | null> {
  const horizon = new Date(now.getTime() - (policy.windowSeconds + policy.lockSeconds) * 1000);
  const rows = await verdictsForUsernameSince(db, username, horizon);
  const lastSuccess = rows.findLast((row) => row.outcome === 'success')?.at;
  const failures = rows.filter((row) => row.outcome === 'failure' && (!lastSuccess || row.at > lastSuccess));
  return lockedUntil(
    failures.map((row) => row.at),
    policy,
    now,
  );
}
