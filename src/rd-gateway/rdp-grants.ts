import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { newToken, tokenDigest } from '../identity/tokens.js';

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
  await db
    .insertInto('rdp_grants')
    .values({
      token_sha256: tokenDigest(gatewayToken),
      logon_sha256: tokenDigest(logonSecret),
      session_id: request.sessionId,
      user_id: request.userId,
      client_ip: request.clientIp,
      target_host: request.targetHost,
      target_port: request.targetPort,
      issued_at: now,
      expires_at: new Date(now.getTime() + request.validSeconds * 1000),
    })
    .execute();
  return { gatewayToken, logonSecret };
}

export type TunnelRefusal = 'unknown-or-used' | 'expired' | 'other-address' | 'session-ended';

/**
 * Spends a file's gateway token at tunnel creation: used up at the first look, whatever follows, then it
 * must be in time, from the address that downloaded the file, for a session still running.
 */
export async function consumeGatewayToken(db: Db, token: string, clientIp: string, now: Date) {
  const grant = await db
    .updateTable('rdp_grants')
    .set({ tunnel_at: now })
    .where('token_sha256', '=', tokenDigest(token))
    .where('tunnel_at', 'is', null)
    .returning([
      'session_id',
      'user_id',
      'target_host',
      'target_port',
      'expires_at',
      sql<boolean>`client_ip = ${clientIp}::inet`.as('same_ip'),
    ])
    .executeTakeFirst();
  const refuse = (reason: TunnelRefusal) => ({ ok: false as const, reason, sessionId: grant?.session_id });
  if (!grant) return refuse('unknown-or-used');
  if (grant.expires_at <= now) return refuse('expired');
  if (!grant.same_ip) return refuse('other-address');
  const session = await db
    .selectFrom('desktop_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.host_name', 'u.username'])
    .where('s.id', '=', grant.session_id)
    .where('s.state', '=', 'running')
    .executeTakeFirst();
  if (!session) return refuse('session-ended');
  return {
    ok: true as const,
    grant: {
      sessionId: session.id,
      hostName: session.host_name,
      userId: grant.user_id,
      username: session.username,
      host: grant.target_host,
      port: grant.target_port,
    },
  };
}

/**
 * Spends a file's logon secret, as the session host's login asks for it: once, only after the file's tunnel
 * was opened, in time, for that user's session on that very host. A secret tried on the wrong host or for
 * the wrong user is not spent.
 */
export async function consumeLogonSecret(
  db: Db,
  login: { hostName: string; userId: string; secret: string },
  now: Date,
): Promise<{ sessionId: string } | null> {
  const grant = await db
    .updateTable('rdp_grants')
    .set({ logon_at: now })
    .where('logon_sha256', '=', tokenDigest(login.secret))
    .where('logon_at', 'is', null)
    .where('tunnel_at', 'is not', null)
    .where('user_id', '=', login.userId)
    // The login follows the tunnel within seconds, even when the tunnel opened just before the file expired.
    .where(sql<Date>`greatest(expires_at, tunnel_at + interval '60 seconds')`, '>', now)
    .returning('session_id')
    .executeTakeFirst();
  if (!grant) return null;
  const session = await db
    .selectFrom('desktop_sessions')
    .select('id')
    .where('id', '=', grant.session_id)
    .where('host_name', '=', login.hostName)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return session ? { sessionId: session.id } : null;
}
