import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import {
  afterClose,
  afterOpenFailed,
  backoffMs,
  giveUpAfterMs,
  type NextStep,
  newStreak,
} from './reconnect.js';

const start = newStreak(0);

describe('backoffMs', () => {
  it('waits 1, 2, 4 and 8 seconds, then every 10', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });
});

describe('afterClose', () => {
  it('does not reconnect by itself after an idle close, nor after the session ended', () => {
    expect(afterClose(4001, start, 0)).toEqual({ action: 'stop', state: 'idle-closed' });
    expect(afterClose(4002, start, 0)).toEqual({ action: 'stop', state: 'ended' });
  });

  it('tries one fresh ticket at once after a refused one, and fails on the second refusal', () => {
    const first = afterClose(4003, start, 0);
    expect(first).toEqual({ action: 'retry', delayMs: 0, streak: { ...start, ticketReplaced: true } });
    const streak = first.action === 'retry' ? first.streak : start;
    expect(afterClose(4003, streak, 500)).toEqual({ action: 'stop', state: 'failed' });
  });

  it('backs off after an unreachable host or a network blip', () => {
    expect(afterClose(4500, start, 0)).toEqual({
      action: 'retry',
      delayMs: 1000,
      streak: { ...start, retries: 1 },
    });
    expect(afterClose(1006, { ...start, retries: 3 }, 20_000)).toMatchObject({
      action: 'retry',
      delayMs: 8000,
    });
  });

  it('keeps trying for about two minutes, then gives up', () => {
    let streak = start;
    let nowMs = 0;
    const delays: number[] = [];
    for (;;) {
      const step: NextStep = afterClose(1006, streak, nowMs);
      if (step.action === 'stop') {
        expect(step.state).toBe('failed');
        break;
      }
      delays.push(step.delayMs);
      streak = step.streak;
      nowMs += step.delayMs;
    }
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(nowMs).toBeLessThanOrEqual(giveUpAfterMs);
    expect(nowMs).toBeGreaterThan(giveUpAfterMs - 10_000);
  });
});

describe('afterOpenFailed', () => {
  const noHost = new ApiError('NO_SESSION_HOST', 'none', { status: 503 });

  it('tells the user at once when they have just asked', () => {
    expect(afterOpenFailed(noHost, undefined, 0)).toEqual({ action: 'stop', state: 'failed' });
  });

  it('backs off while reconnecting when the server or network is in trouble, not when refused', () => {
    expect(afterOpenFailed(noHost, start, 0)).toMatchObject({ action: 'retry', delayMs: 1000 });
    expect(afterOpenFailed(new TypeError('Failed to fetch'), start, 0)).toMatchObject({ action: 'retry' });
    const refused = new ApiError('DESKTOP_NOT_ALLOWED', 'no', { status: 403 });
    expect(afterOpenFailed(refused, start, 0)).toEqual({ action: 'stop', state: 'failed' });
  });
});
