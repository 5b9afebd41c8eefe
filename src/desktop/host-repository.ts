import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

// All SQL over session_hosts. Each function takes the database or the caller's transaction.

/** False when a host of that name exists already. */
export async function insertHost(
  db: Db,
  host: { name: string; secretSha256: Buffer; capacity: number },
): Promise<boolean> {
  const added = await db
    .insertInto('session_hosts')
    .values({ name: host.name, secret_sha256: host.secretSha256, capacity: host.capacity })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  return added !== undefined;
}

/** A new secret; the agent registered with the old one is forgotten. False when there is no such host. */
export async function updateHostSecret(db: Db, name: string, secretSha256: Buffer): Promise<boolean> {
  const updated = await db
    .updateTable('session_hosts')
    .set({ secret_sha256: secretSha256, agent_token: null, agent_url: null })
    .where('name', '=', name)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

/** False when there is no such host. */
export async function updateHostEnabled(db: Db, name: string, enabled: boolean): Promise<boolean> {
  const updated = await db
    .updateTable('session_hosts')
    .set({ enabled })
    .where('name', '=', name)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

export async function hostExists(db: Db, name: string): Promise<boolean> {
  const host = await db
    .selectFrom('session_hosts')
    .select('name')
    .where('name', '=', name)
    .executeTakeFirst();
  return host !== undefined;
}

export async function hostSecretDigest(db: Db, name: string): Promise<Buffer | undefined> {
  const host = await db
    .selectFrom('session_hosts')
    .select('secret_sha256')
    .where('name', '=', name)
    .executeTakeFirst();
  return host?.secret_sha256;
}

export async function updateRegistration(
  db: Db,
  name: string,
  registration: { agentUrl: string; agentToken: string; capacity: number; rdpPort: number | null },
  now: Date,
): Promise<void> {
  await db
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
}

export async function updateLastSeen(db: Db, name: string, now: Date, rdpPort: number | null): Promise<void> {
  await db
    .updateTable('session_hosts')
    .set({ last_seen_at: now, rdp_port: rdpPort })
    .where('name', '=', name)
    .execute();
}

/** Every host with its number of live sessions, by name. */
export function hostsWithLoad(db: Db) {
  return db
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
}

/** Where the host's agent is reached and with which token; both null until it registers. */
export function hostAgent(db: Db, name: string) {
  return db
    .selectFrom('session_hosts')
    .select(['agent_url', 'agent_token', 'rdp_port'])
    .where('name', '=', name)
    .executeTakeFirst();
}
