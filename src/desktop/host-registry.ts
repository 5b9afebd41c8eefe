import { timingSafeEqual } from 'node:crypto';
import { type Actor, recordAudit } from '../audit/audit-service.js';
import type { Db } from '../db/connect.js';
import { newToken, tokenDigest } from '../identity/tokens.js';
import {
  hostAgent,
  hostExists,
  hostSecretDigest,
  hostsWithLoad,
  insertHost,
  updateHostEnabled,
  updateHostSecret,
  updateLastSeen,
  updateRegistration,
} from './host-repository.js';

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
    const added = await insertHost(trx, { name, secretSha256: tokenDigest(secret), capacity });
    if (!added) throw new HostError(`a host named ${name} exists already`);
    await recordAudit(trx, { actor, action: 'host.added', target: { type: 'host', id: name } });
  });
  return secret;
}

/** A new secret for a host; the old one stops working at once. */
export async function rotateHostSecret(db: Db, name: string, actor: Actor): Promise<string> {
  const secret = `mh_${newToken()}`;
  await db.transaction().execute(async (trx) => {
    if (!(await updateHostSecret(trx, name, tokenDigest(secret))))
      throw new HostError(`no host named ${name}`);
    await recordAudit(trx, { actor, action: 'host.secret_rotated', target: { type: 'host', id: name } });
  });
  return secret;
}

export async function setHostEnabled(db: Db, name: string, enabled: boolean, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await updateHostEnabled(trx, name, enabled))) throw new HostError(`no host named ${name}`);
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
  const known = await hostSecretDigest(db, name);
  const given = tokenDigest(secret);
  const expected = known ?? tokenDigest(newToken());
  return timingSafeEqual(given, expected) && known !== undefined;
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
    await updateRegistration(trx, name, registration, now);
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
  await updateLastSeen(db, name, now, rdpPort);
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
  const rows = await hostsWithLoad(db);
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
  const host = await hostAgent(db, name);
  if (!host?.agent_url || !host.agent_token) return null;
  return { url: host.agent_url, token: host.agent_token };
}

/** Whether the host's current agent is the one that gave this token when it registered. */
export async function isCurrentAgent(db: Db, name: string, agentToken: string): Promise<boolean> {
  return (await hostAgent(db, name))?.agent_token === agentToken;
}

/** Where RD gateway tunnels reach the host's xrdp; null when it runs none. */
export async function hostRdpPort(db: Db, name: string): Promise<number | null> {
  const host = await hostAgent(db, name);
  if (!host) throw new Error(`no host named ${name}`);
  return host.rdp_port;
}

export async function isKnownHost(db: Db, name: string): Promise<boolean> {
  return hostExists(db, name);
}
