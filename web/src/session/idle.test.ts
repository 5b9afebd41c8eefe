import { describe, expect, it } from 'vitest';
import {
  clockAfterActivity,
  clockFromServer,
  formatCountdown,
  idleDuration,
  idlePhase,
  resyncEveryMs,
  secondsLeft,
} from './idle.js';

describe('the idle countdown', () => {
  const answer = { now: '2026-03-01T10:00:00.000Z', expiresAt: '2026-03-01T10:05:00.000Z' };

  it('counts from the server clock, whatever the browser clock says', () => {
    // The browser clock being hours off does not enter: only the server's two times and elapsed time do.
    const clock = clockFromServer(answer, 1_000);
    expect(secondsLeft(clock, 1_000)).toBe(300);
    expect(secondsLeft(clock, 1_000 + 27_500)).toBe(273);
  });

  it('rounds up, so 0 means ended, and never goes below 0', () => {
    const clock = clockFromServer(answer, 0);
    expect(secondsLeft(clock, 299_001)).toBe(1);
    expect(secondsLeft(clock, 300_000)).toBe(0);
    expect(secondsLeft(clock, 900_000)).toBe(0);
  });

  it('treats an unreadable time as already ended', () => {
    expect(secondsLeft(clockFromServer({ now: 'soon', expiresAt: answer.expiresAt }, 0), 0)).toBe(0);
  });

  it('restarts the full idle period after activity', () => {
    expect(secondsLeft(clockAfterActivity(300, 5_000), 5_000)).toBe(300);
  });
});

describe('idlePhase', () => {
  it('warns during the last warningSeconds and ends at 0', () => {
    expect(idlePhase(91, 90)).toBe('active');
    expect(idlePhase(90, 90)).toBe('warning');
    expect(idlePhase(1, 90)).toBe('warning');
    expect(idlePhase(0, 90)).toBe('expired');
  });
});

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(formatCountdown(272)).toBe('4:32');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});

describe('idleDuration', () => {
  it('speaks of minutes for whole minutes and of seconds otherwise', () => {
    expect(idleDuration(300)).toEqual({ unit: 'minutes', count: 5 });
    expect(idleDuration(20)).toEqual({ unit: 'seconds', count: 20 });
  });
});

describe('resyncEveryMs', () => {
  it('asks four times before the warning is due, at most every 15 s and at least every second', () => {
    expect(resyncEveryMs(300, 90)).toBe(15_000);
    expect(resyncEveryMs(20, 10)).toBe(2_500);
    expect(resyncEveryMs(10, 10)).toBe(1_000);
  });
});
