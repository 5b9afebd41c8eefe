import { timingSafeEqual } from 'node:crypto';
import { vncAuthResponse } from '../../rfb/vnc-auth.js';

/** How long a logon that PAM has just accepted may wait for xrdp's VNC connection. */
export const PENDING_LOGIN_TTL_MS = 30_000;

/**
 * A logon secret PAM has consumed for a session, waiting for xrdp's libvnc to present it as
 * its VncAuth password. Only 8 characters survive VncAuth's DES key, so only those are kept.
 */
export interface PendingLogin {
  sessionId: string;
  secret8: string;
  expiresAt: number;
  /** R25: the connection is closed after this long without keyboard or mouse input; null: never. */
  idleMs: number | null;
}

export function pendingLogin(
  sessionId: string,
  secret: string,
  now = Date.now(),
  idleMs: number | null = null,
): PendingLogin {
  return { sessionId, secret8: secret.slice(0, 8), expiresAt: now + PENDING_LOGIN_TTL_MS, idleMs };
}

/** The pending logins; each is claimed at most once and forgotten when it expires. */
export class PendingLogins {
  private logins: PendingLogin[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    this.prune();
    return this.logins.length;
  }

  add(login: PendingLogin): void {
    this.prune();
    this.logins.push(login);
  }

  /**
   * Removes and returns the login whose secret answers `challenge` with `response`. Returns null
   * when none does, or when logins of different sessions do (the connection cannot be placed).
   */
  claim(challenge: Buffer, response: Buffer): PendingLogin | null {
    this.prune();
    if (response.length !== 16) return null;
    const matches = this.logins.filter((login) =>
      timingSafeEqual(vncAuthResponse(login.secret8, challenge), response),
    );
    const first = matches[0];
    if (!first || matches.some((login) => login.sessionId !== first.sessionId)) return null;
    this.logins = this.logins.filter((login) => login !== first);
    return first;
  }

  private prune(): void {
    const now = this.now();
    this.logins = this.logins.filter((login) => login.expiresAt > now);
  }
}
