/**
 * The idle countdown. The server's own clock says how much time was left when it answered;
 * from then on we count with the browser's monotonic clock (performance.now()), so a browser
 * whose wall clock is wrong still logs out when the server does.
 */
export interface IdleClock {
  /** Milliseconds left when the answer arrived. */
  leftMs: number;
  /** performance.now() when the answer arrived. */
  atMs: number;
}

export function clockFromServer(session: { expiresAt: string; now: string }, atMs: number): IdleClock {
  const leftMs = Date.parse(session.expiresAt) - Date.parse(session.now);
  return { leftMs: Number.isFinite(leftMs) ? leftMs : 0, atMs };
}

/** After any call the server counts as activity, it restarts the full idle period. */
export function clockAfterActivity(idleSeconds: number, atMs: number): IdleClock {
  return { leftMs: idleSeconds * 1000, atMs };
}

/** Whole seconds left, rounded up so that 0 means the session has ended. */
export function secondsLeft(clock: IdleClock, nowMs: number): number {
  return Math.max(0, Math.ceil((clock.leftMs - (nowMs - clock.atMs)) / 1000));
}

export type IdlePhase = 'active' | 'warning' | 'expired';

export function idlePhase(seconds: number, warningSeconds: number): IdlePhase {
  if (seconds <= 0) return 'expired';
  return seconds <= warningSeconds ? 'warning' : 'active';
}

/** 272 -> "4:32". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** The idle period in words: whole minutes when it is whole minutes (the default 300 s), else seconds. */
export function idleDuration(seconds: number): { unit: 'minutes' | 'seconds'; count: number } {
  return seconds % 60 === 0 ? { unit: 'minutes', count: seconds / 60 } : { unit: 'seconds', count: seconds };
}

/**
 * How often to ask for the session while the server keeps it alive by itself (an open remote desktop, R30).
 * The server renews it only every so often too: a quarter of the time before the warning leaves it most of it.
 */
export function resyncEveryMs(idleSeconds: number, warningSeconds: number): number {
  return Math.min(15_000, Math.max(1000, ((idleSeconds - warningSeconds) * 1000) / 4));
}
