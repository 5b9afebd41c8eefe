import { recordAudit } from '../audit/audit-service.js';
import { AppError } from '../http/errors.js';
import type { IdentityDeps } from './identity-deps.js';
import { attemptsFromAddress } from './login-attempts.js';
import {
  recordAttempt,
  unansweredGuessesForUsername,
  unansweredGuessesFromAddress,
} from './login-repository.js';
import { guessDelayedUntil, retryAfterSeconds } from './throttle.js';

export const ANONYMOUS = { id: null, label: 'anonymous' };

/** Refuses an address over its per-minute budget of login requests; the first refusal is audited. */
export async function throttle(deps: IdentityDeps, ip: string, username: string | null, now: Date) {
  const recent = await attemptsFromAddress(deps.db, ip, now);
  if (recent < deps.settings.throttle.perIpPerMinute) return;
  await deps.db.transaction().execute(async (trx) => {
    await recordAttempt(trx, { ip, username, outcome: 'throttled', at: now });
    // One audit event when an address first goes over its budget, not one per refused request.
    if (recent === deps.settings.throttle.perIpPerMinute) {
      await recordAudit(trx, { actor: ANONYMOUS, action: 'login.throttled', ip }, now);
    }
  });
  throw new AppError('RATE_LIMITED');
}

/**
 * Lets a password be checked, or refuses with the seconds to wait: the
 * address's budget, then the growing delays for passwords tried without a
 * login following, from this address and for this username. Usernames that
 * exist and that do not are counted alike, so a delay reveals nothing. Records
 * the try; a try that makes the next one wait is audited.
 */
export async function admitPasswordGuess(deps: IdentityDeps, ip: string, username: string, now: Date) {
  await throttle(deps, ip, username, now);
  const { guessWindowSeconds, perAddress, perUsername } = deps.settings.throttle;
  const since = new Date(now.getTime() - guessWindowSeconds * 1000);
  const fromAddress = await unansweredGuessesFromAddress(deps.db, ip, since);
  const forUsername = await unansweredGuessesForUsername(deps.db, username, since);
  const waits = [
    guessDelayedUntil(fromAddress, perAddress, now),
    guessDelayedUntil(forUsername, perUsername, now),
  ].filter((wait) => wait !== null);
  const until = waits.length > 0 ? new Date(Math.max(...waits.map((wait) => wait.getTime()))) : null;
  if (until) {
    await recordAttempt(deps.db, { ip, username, outcome: 'throttled', at: now });
    throw new AppError('RATE_LIMITED', [
      { field: 'retryAfterSeconds', problem: String(retryAfterSeconds(until, now)) },
    ]);
  }
  await deps.db.transaction().execute(async (trx) => {
    await recordAttempt(trx, { ip, username, outcome: 'password_checked', at: now });
    const guesses = { fromAddress: fromAddress.count + 1, forUsername: forUsername.count + 1 };
    if (guesses.fromAddress >= perAddress.freeGuesses || guesses.forUsername >= perUsername.freeGuesses) {
      await recordAudit(
        trx,
        { actor: ANONYMOUS, action: 'login.guesses_delayed', ip, details: { username, ...guesses } },
        now,
      );
    }
  });
}
