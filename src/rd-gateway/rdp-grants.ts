import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { isRunningOnHost, runningSession } from '../desktop/desktop-session-repository.js';
import { newToken, tokenDigest } from '../identity/tokens.js';
import { findUserById } from '../identity/user-repository.js';
import { insertGrant, spendGatewayToken, spendLogonSecret } from './rdp-grant-repository.js';

export interface RdpGrantRequest {
  sessionId: string;
  userId: string;
  clientIp: string;
  /** The session's host, as the file names it and the tunnel may reach it. */
  targetHost: string;
  targetPort: number;
  validSeconds: number;
}

/** A new grant for one RDP file: the secrets are returned once, and only their hashes kept. */
export async function issueRdpGrant(
  db: Db,
  request: RdpGrantRequest,
  now: Date,
): Promise<{ gatewayToken: string; logonSecret: string }> {
  const gatewayToken = newToken();
  // The logon secret travels as xrdp's token-login password: letters and digits only.
  const logonSecret = randomBytes(24).toString('hex');
  await insertGrant(db, {
    tokenSha256: tokenDigest(gatewayToken),
    logonSha256: tokenDigest(logonSecret),
    sessionId: request.sessionId,
    userId: request.userId,
    clientIp: request.clientIp,
    targetHost: request.targetHost,
    targetPort: request.targetPort,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + request.validSeconds * 1000),
  });
  return { gatewayToken, logonSecret };
}

export type TunnelRefusal = 'unknown-or-used' | 'expired' | 'other-address' | 'session-ended';

/**
 * Spends a file's gateway token at tunnel creation: used up at the first look, whatever follows, then it
 * must be in time, from the address that downloaded the file, for a session still running.
 */
export async function consumeGatewayToken(db: Db, token: string, clientIp: string, now: Date) {
  const grant = await spendGatewayToken(db, tokenDigest(token), clientIp, now);
  const refuse = (reason: TunnelRefusal) => ({ ok: false as const, reason, sessionId: grant?.session_id });
  if (!grant) return refuse('unknown-or-used');
  if (grant.expires_at <= now) return refuse('expired');
  if (!grant.same_ip) return refuse('other-address');
  const session = await runningSession(db, grant.session_id);
  const user = session && (await findUserById(db, grant.user_id));
  if (!session || !user) return refuse('session-ended');
  return {
    ok: true as const,
    grant: {
      sessionId: session.id,
      hostName: session.host_name,
      userId: grant.user_id,
      username: user.username,
      host: grant.target_host,
      port: grant.target_port,
    },
  };
}

/**
 * Spends a file's logon secret, as the session host's login asks for it: once, only after the file's tunnel
 * was opened, in time, for that user's session on that very host. Presented for another user or on another
 * host, it is refused and not spent: hosts are authenticated, so the wrong one never becomes the right one,
 * and the secret's 192 random bits are not guessed, so spending it would protect nothing and would only let
 * a host void a file meant for another.
 */
export async function consumeLogonSecret(
  db: Db,
  login: { hostName: string; userId: string; secret: string },
  now: Date,
): Promise<{ sessionId: string } | null> {
  const sessionId = await spendLogonSecret(
    db,
    { logonSha256: tokenDigest(login.secret), userId: login.userId, hostName: login.hostName },
    now,
  );
  if (!sessionId) return null;
  return (await isRunningOnHost(db, sessionId, login.hostName)) ? { sessionId } : null;
}
