/**
 * When too many logins fail, the account is locked for a while. Pure policy:
 * the caller stores the failures (since the last successful login) and passes
 * the clock in.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

function assertPolicy(policy: LockoutPolicy): void {
  for (const name of ['maxFailures', 'windowSeconds', 'lockSeconds'] as const) {
    const value = policy[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  }
}

function msOf(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  return ms;
}

/**
 * A failure triggers a lock when it and the maxFailures - 1 failures before it
 * fall within windowSeconds (both ends included); the lock lasts lockSeconds
 * from that failure. Returns the end of the latest lock if it is still in
 * force, else null. Every failure is considered, not only the latest, so
 * recording refused attempts during a lock never shortens it.
 */
export function lockedUntil(failureTimes: Date[], policy: LockoutPolicy, now: Date): Date | null {
  assertPolicy(policy);
  const nowMs = msOf(now);
  const times = failureTimes.map(msOf).sort((a, b) => a - b);
  let until: number | null = null;
  for (const [i, last] of times.entries()) {
    const first = times[i - policy.maxFailures + 1];
    if (first !== undefined && last - first <= policy.windowSeconds * 1000)
      until = last + policy.lockSeconds * 1000;
  }
  return until !== null && until > nowMs ? new Date(until) : null;
}

/** Whole seconds to wait, rounded up, for a Retry-After header; 0 once the lock is over. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(0, Math.ceil((msOf(until) - msOf(now)) / 1000));
}
