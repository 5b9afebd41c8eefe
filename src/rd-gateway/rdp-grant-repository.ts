import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

// All SQL over rdp_grants. Each function takes the database or the caller's transaction.

export async function insertGrant(
  db: Db,
  grant: {
    tokenSha256: Buffer;
    logonSha256: Buffer;
    sessionId: string;
    userId: string;
    clientIp: string;
    targetHost: string;
    targetPort: number;
    issuedAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('rdp_grants')
    .values({
      token_sha256: grant.tokenSha256,
      logon_sha256: grant.logonSha256,
      session_id: grant.sessionId,
      user_id: grant.userId,
      client_ip: grant.clientIp,
      target_host: grant.targetHost,
      target_port: grant.targetPort,
      issued_at: grant.issuedAt,
      expires_at: grant.expiresAt,
    })
    .execute();
}

/** Marks the grant's tunnel opened, if it was not; answers it, and whether `clientIp` downloaded the file. */
export function spendGatewayToken(db: Db, tokenSha256: Buffer, clientIp: string, now: Date) {
  return db
    .updateTable('rdp_grants')
    .set({ tunnel_at: now })
    .where('token_sha256', '=', tokenSha256)
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
}

/**
 * Marks the logon done, if the secret is the user's, for that host, unspent, after its tunnel and in time;
 * answers the session.
 */
export async function spendLogonSecret(
  db: Db,
  logon: { logonSha256: Buffer; userId: string; hostName: string },
  now: Date,
): Promise<string | undefined> {
  const grant = await db
    .updateTable('rdp_grants')
    .set({ logon_at: now })
    .where('logon_sha256', '=', logon.logonSha256)
    .where('logon_at', 'is', null)
    .where('tunnel_at', 'is not', null)
    .where('user_id', '=', logon.userId)
    .where('target_host', '=', logon.hostName)
    // The login follows the tunnel within seconds, even when the tunnel opened just before the file expired.
    .where(sql<Date>`greatest(expires_at, tunnel_at + interval '60 seconds')`, '>', now)
    .returning('session_id')
    .executeTakeFirst();
  return grant?.session_id;
}

export async function deleteGrantsExpiredBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('rdp_grants').where('expires_at', '<', before).execute();
}
