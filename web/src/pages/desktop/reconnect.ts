import { isTransient } from './desktop-api.js';

/** How the viewer's connection stands; its root element carries it as `data-state` for the end-to-end tests. */
export type ViewerState = 'connecting' | 'connected' | 'reconnecting' | 'idle-closed' | 'ended' | 'failed';

/** The desktop gateway's own WebSocket close codes that do not mean "try again" (4500, host unreachable, does). */
export const closeCodes = {
  /** No keyboard or mouse input for the desktop's idle period (R25); the session keeps running. */
  idle: 4001,
  /** The session ended: logged out, ended from the portal, or left disconnected too long (R26). */
  ended: 4002,
  /** The ticket was expired, used already, or presented from another address. */
  ticketRefused: 4003,
} as const;

/** The failures since the connection last worked (or since the user asked to connect). */
export interface Streak {
  /** performance.now() at the first failure. */
  startedMs: number;
  retries: number;
  /** A refused ticket has been replaced once already. */
  ticketReplaced: boolean;
}

export const newStreak = (nowMs: number): Streak => ({ startedMs: nowMs, retries: 0, ticketReplaced: false });

export type NextStep =
  | { action: 'stop'; state: 'idle-closed' | 'ended' | 'failed' }
  | { action: 'retry'; delayMs: number; streak: Streak };

/** After a lost connection: 1, 2, 4 and 8 s, then every 10 s, for up to two minutes. */
export function backoffMs(retries: number): number {
  return [1000, 2000, 4000, 8000][retries] ?? 10_000;
}

export const giveUpAfterMs = 120_000;

const stop = (state: 'idle-closed' | 'ended' | 'failed'): NextStep => ({ action: 'stop', state });

function backOff(streak: Streak, nowMs: number): NextStep {
  const delayMs = backoffMs(streak.retries);
  if (nowMs + delayMs - streak.startedMs > giveUpAfterMs) return stop('failed');
  return { action: 'retry', delayMs, streak: { ...streak, retries: streak.retries + 1 } };
}

/** What to do after the gateway's WebSocket closed with `code`. */
export function afterClose(code: number, streak: Streak, nowMs: number): NextStep {
  switch (code) {
    // Reconnecting by itself would defeat the idle rule: the user asks.
    case closeCodes.idle:
      return stop('idle-closed');
    case closeCodes.ended:
      return stop('ended');
    // A fresh ticket may do (the first expired, say); a second refusal will not.
    case closeCodes.ticketRefused:
      return streak.ticketReplaced
        ? stop('failed')
        : { action: 'retry', delayMs: 0, streak: { ...streak, ticketReplaced: true } };
    // The session host unreachable (4500), or the network (1006 and the like).
    default:
      return backOff(streak, nowMs);
  }
}

/**
 * What to do after `POST /api/desktop/open` failed. Without a streak the user has just asked and hears
 * why at once; while reconnecting, a server or network in trouble is given the same time as a lost connection.
 */
export function afterOpenFailed(error: unknown, streak: Streak | undefined, nowMs: number): NextStep {
  return streak && isTransient(error) ? backOff(streak, nowMs) : stop('failed');
}
