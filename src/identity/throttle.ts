/**
 * When too many logins fail, the account is locked for a while, and password
 * guessing is slowed down. Pure policy: the caller stores the failures and
 * guesses and passes the clock in.
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
  let until = Number.NEGATIVE_INFINITY;
  for (const [i, last] of times.entries()) {
    // Before the maxFailures-th failure there is no first one: as if infinitely long ago, outside any window.
    const first = times[i - policy.maxFailures + 1] ?? Number.NEGATIVE_INFINITY;
    if (last - first <= policy.windowSeconds * 1000) until = last + policy.lockSeconds * 1000;
  }
  return until > nowMs ? new Date(until) : null;
}

/** Passwords tried without a login following that are let through at once, and the longest wait after them. */
export interface GuessDelayPolicy {
  freeGuesses: number;
  maxDelaySeconds: number;
}

/** How many guesses count, and when the latest was made (null when none). */
export interface Guesses {
  count: number;
  latest: Date | null;
}

/**
 * Until when the next password guess must wait, or null if it may go now. The
 * guess that reaches freeGuesses makes the next wait 1 s, each one after it
 * twice as long, up to maxDelaySeconds, counted from the latest guess.
 */
export function guessDelayedUntil(guesses: Guesses, policy: GuessDelayPolicy, now: Date): Date | null {
  const over = guesses.count - policy.freeGuesses;
  if (over < 0 || guesses.latest === null) return null;
  const until = msOf(guesses.latest) + Math.min(policy.maxDelaySeconds, 2 ** over) * 1000;
  return until > msOf(now) ? new Date(until) : null;
}

/** Whole seconds to wait, rounded up, for a Retry-After header; 0 once the lock is over. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(0, Math.ceil((msOf(until) - msOf(now)) / 1000));
}
