import { timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { newToken, tokenDigest } from '../identity/tokens.js';

export class HostError extends Error {
  override name = 'HostError';
}

const HOST_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Adds a session host and returns its secret, shown once: the platform keeps only its hash. The agent
 * proves the secret when it registers and with every report.
 */
export async function addHost(db: Db, name: string, capacity: number, actor: Actor): Promise<string> {
  if (!HOST_NAME.test(name)) throw new HostError(`"${name}" is not a host name: use a-z, 0-9 and -`);
  const secret = `mh_${newToken()}`;
  await db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('session_hosts')
      .values({ name, secret_sha256: tokenDigest(secret), capacity })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .returning('name')
      .executeTakeFirst();
    if (!added) throw new HostError(`a host named ${name} exists already`);
    await recordAudit(trx, { actor, action: 'host.added', target: { type: 'host', id: name } });
  });
  return secret;
}

/** A new secret for a host; the old one stops working at once. */
export async function rotateHostSecret(db: Db, name: string, actor: Actor): Promise<string> {
  const secret = `mh_${newToken()}`;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('session_hosts')
      .set({ secret_sha256: tokenDigest(secret), agent_token: null, agent_url: null })
      .where('name', '=', name)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new HostError(`no host named ${name}`);
    await recordAudit(trx, { actor, action: 'host.secret_rotated', target: { type: 'host', id: name } });
  });
  return secret;
}

export async function setHostEnabled(db: Db, name: string, enabled: boolean, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('session_hosts')
      .set({ enabled })
      .where('name', '=', name)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new HostError(`no host named ${name}`);
    await recordAudit(trx, {
      actor,
      action: enabled ? 'host.enabled' : 'host.disabled',
      target: { type: 'host', id: name },
    });
  });
}

/** Whether `secret` is the host's; compared in constant time, and false for a host that does not exist. */
export async function hostSecretMatches(db: Db, name: string, secret: string): Promise<boolean> {
  if (!HOST_NAME.test(name)) return false;
  const host = await db
    .selectFrom('session_hosts')
    .select('secret_sha256')
    .where('name', '=', name)
    .executeTakeFirst();
  const given = tokenDigest(secret);
  const expected = host?.secret_sha256 ?? tokenDigest(newToken());
  return timingSafeEqual(given, expected) && host !== undefined;
}

export interface Registration {
  agentUrl: string;
  agentToken: string;
  capacity: number;
  /** Where tunnels reach the host's xrdp (through its agent); null: no RDP there. */
  rdpPort: number | null;
}

/** An agent (re)started: where the platform now reaches it and with which token. */
export async function registerHost(db: Db, name: string, registration: Registration, now: Date) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('session_hosts')
      .set({
        agent_url: registration.agentUrl,
        agent_token: registration.agentToken,
        capacity: registration.capacity,
        rdp_port: registration.rdpPort,
        registered_at: now,
        last_seen_at: now,
      })
      .where('name', '=', name)
      .execute();
    await recordAudit(
      trx,
      {
        actor: { id: null, label: `host:${name}` },
        action: 'host.registered',
        target: { type: 'host', id: name },
        details: {
          agentUrl: registration.agentUrl,
          capacity: registration.capacity,
          rdpPort: registration.rdpPort,
        },
      },
      now,
    );
  });
}

/** A report: the host is up, and its xrdp may have stopped or started since. */
export async function markHostSeen(db: Db, name: string, now: Date, rdpPort: number | null): Promise<void> {
  await db
    .updateTable('session_hosts')
    .set({ last_seen_at: now, rdp_port: rdpPort })
    .where('name', '=', name)
    .execute();
}

export interface HostView {
  name: string;
  enabled: boolean;
  capacity: number;
  liveSessions: number;
  agentUrl: string | null;
  lastSeenAt: Date | null;
  up: boolean;
  rdpPort: number | null;
}

export async function listHosts(db: Db, now: Date, lostAfterSeconds: number): Promise<HostView[]> {
  const rows = await db
    .selectFrom('session_hosts as h')
    .select((eb) => [
      'h.name',
      'h.enabled',
      'h.capacity',
      'h.agent_url',
      'h.last_seen_at',
      'h.rdp_port',
      eb
        .selectFrom('desktop_sessions as s')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('s.host_name', '=', 'h.name')
        .where('s.state', '<>', 'ended')
        .as('live'),
    ])
    .orderBy('h.name')
    .execute();
  const cutoff = now.getTime() - lostAfterSeconds * 1000;
  return rows.map((row) => ({
    name: row.name,
    enabled: row.enabled,
    capacity: row.capacity,
    liveSessions: row.live ?? 0,
    agentUrl: row.agent_url,
    lastSeenAt: row.last_seen_at,
    up: row.agent_url !== null && row.last_seen_at !== null && row.last_seen_at.getTime() >= cutoff,
    rdpPort: row.rdp_port,
  }));
}

/** Enabled, up, and with room for another session. */
export function hostTakesSessions(host: HostView): boolean {
  return host.enabled && host.up && host.liveSessions < host.capacity;
}

/** The host for a new session: enabled, up, with room, and the least loaded relative to its capacity. */
export function pickHost(hosts: HostView[]): HostView | null {
  const candidates = hosts.filter(hostTakesSessions);
  candidates.sort(
    (a, b) => a.liveSessions / a.capacity - b.liveSessions / b.capacity || a.name.localeCompare(b.name),
  );
  return candidates[0] ?? null;
}

export async function agentEndpoint(db: Db, name: string): Promise<{ url: string; token: string } | null> {
  const host = await db
    .selectFrom('session_hosts')
    .select(['agent_url', 'agent_token'])
    .where('name', '=', name)
    .executeTakeFirst();
  if (!host?.agent_url || !host.agent_token) return null;
  return { url: host.agent_url, token: host.agent_token };
}
