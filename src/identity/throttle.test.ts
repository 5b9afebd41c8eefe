import { describe, expect, it } from 'vitest';
import {
  type GuessDelayPolicy,
  guessDelayedUntil,
  type LockoutPolicy,
  lockedUntil,
  retryAfterSeconds,
} from './throttle.js';

const policy: LockoutPolicy = { maxFailures: 5, windowSeconds: 900, lockSeconds: 1800 };
const start = Date.parse('2026-11-28T10:00:00Z');
const at = (seconds: number) => new Date(start + seconds * 1000);
const failuresAt = (...seconds: number[]) => seconds.map(at);

describe('lockedUntil', () => {
  it('does not lock without failures or below the limit', () => {
    expect(lockedUntil([], policy, at(0))).toBeNull();
    expect(lockedUntil(failuresAt(0, 10, 20, 30), policy, at(31))).toBeNull();
  });

  it('locks at the limit, for lockSeconds after the failure that reached it', () => {
    expect(lockedUntil(failuresAt(0, 10, 20, 30, 40), policy, at(41))).toEqual(at(40 + 1800));
  });

  it('does not care about the order the failures come in', () => {
    expect(lockedUntil(failuresAt(40, 0, 30, 10, 20), policy, at(41))).toEqual(at(1840));
  });

  it('ends the lock when lockSeconds have passed', () => {
    const failures = failuresAt(0, 10, 20, 30, 40);
    expect(lockedUntil(failures, policy, at(1839))).toEqual(at(1840));
    expect(lockedUntil(failures, policy, at(1840))).toBeNull();
    expect(lockedUntil(failures, policy, at(5000))).toBeNull();
  });

  it('does not lock for failures spread wider than the window', () => {
    expect(lockedUntil(failuresAt(0, 300, 600, 900, 901), policy, at(902))).toBeNull();
    expect(lockedUntil(failuresAt(0, 1000, 2000, 3000, 4000, 5000, 6000), policy, at(6001))).toBeNull();
  });

  it('counts failures exactly windowSeconds apart as within the window', () => {
    expect(lockedUntil(failuresAt(0, 300, 600, 899, 900), policy, at(901))).toEqual(at(2700));
  });

  it('finds a burst anywhere in the history, not only at its end', () => {
    const burst = failuresAt(100, 110, 120, 130, 140);
    expect(lockedUntil([...burst, at(1500)], policy, at(1501))).toEqual(at(1940));
  });

  it('takes the latest lock when failures go on during a lock', () => {
    const failures = failuresAt(0, 10, 20, 30, 40, 50);
    expect(lockedUntil(failures, policy, at(51))).toEqual(at(1850));
  });

  it('locks again after expiry when the window still holds enough failures', () => {
    const short: LockoutPolicy = { maxFailures: 3, windowSeconds: 600, lockSeconds: 60 };
    const failures = failuresAt(0, 10, 20);
    expect(lockedUntil(failures, short, at(80))).toBeNull();
    expect(lockedUntil([...failures, at(90)], short, at(91))).toEqual(at(150));
  });

  it('locks at the first failure when maxFailures is 1', () => {
    expect(lockedUntil(failuresAt(0), { maxFailures: 1, windowSeconds: 1, lockSeconds: 5 }, at(1))).toEqual(
      at(5),
    );
  });

  it('refuses a policy that is not made of positive integers, and invalid dates', () => {
    for (const bad of [
      { ...policy, maxFailures: 0 },
      { ...policy, windowSeconds: -1 },
      { ...policy, lockSeconds: 1.5 },
      { ...policy, lockSeconds: Number.NaN },
    ]) {
      expect(() => lockedUntil([], bad, at(0))).toThrow(RangeError);
    }
    expect(() => lockedUntil([new Date(Number.NaN)], policy, at(0))).toThrow(RangeError);
    expect(() => lockedUntil([], policy, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('guessDelayedUntil', () => {
  const delays: GuessDelayPolicy = { freeGuesses: 3, maxDelaySeconds: 60 };
  const guesses = (count: number, latestSecond: number) => ({ count, latest: at(latestSecond) });

  it('lets the free guesses through without waiting', () => {
    expect(guessDelayedUntil({ count: 0, latest: null }, delays, at(0))).toBeNull();
    expect(guessDelayedUntil({ count: 0, latest: null }, { ...delays, freeGuesses: 0 }, at(0))).toBeNull();
    expect(guessDelayedUntil(guesses(2, 0), delays, at(0))).toBeNull();
  });

  it('makes each guess after them wait twice as long as the one before, from the latest', () => {
    expect(guessDelayedUntil(guesses(3, 100), delays, at(100))).toEqual(at(101));
    expect(guessDelayedUntil(guesses(4, 100), delays, at(100))).toEqual(at(102));
    expect(guessDelayedUntil(guesses(5, 100), delays, at(100))).toEqual(at(104));
    expect(guessDelayedUntil(guesses(8, 100), delays, at(100))).toEqual(at(132));
  });

  it('waits no longer than maxDelaySeconds, however many guesses', () => {
    expect(guessDelayedUntil(guesses(9, 100), delays, at(100))).toEqual(at(160));
    expect(guessDelayedUntil(guesses(5000, 100), delays, at(100))).toEqual(at(160));
  });

  it('lets the next guess go once the wait is over', () => {
    expect(guessDelayedUntil(guesses(5, 100), delays, at(103))).toEqual(at(104));
    expect(guessDelayedUntil(guesses(5, 100), delays, at(104))).toBeNull();
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds and never goes below 0', () => {
    expect(retryAfterSeconds(at(1840), at(40))).toBe(1800);
    expect(retryAfterSeconds(at(1840), new Date(at(1839).getTime() + 1))).toBe(1);
    expect(retryAfterSeconds(at(1840), at(1840))).toBe(0);
    expect(retryAfterSeconds(at(1840), at(2000))).toBe(0);
  });
});
