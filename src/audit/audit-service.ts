import type { KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { insertAuditEvent, readAuditHead } from './audit-repository.js';
import { type Checkpoint, signCheckpoint } from './checkpoint.js';
import { appendCheckpoint } from './checkpoint-file.js';

export interface Actor {
  /** The user's id, or null for the platform itself and operators at the command line. */
  id: string | null;
  /** Who it was in words: a username, "system", or "cli:<os user>". */
  label: string;
}

export interface AuditEvent {
  actor: Actor;
  /** Dotted, lower case: "<module>.<what happened>", e.g. "demo.seeded". */
  action: string;
  target?: { type: string; id: string };
  projectId?: string;
  /** The client's address; null (or left out) where there is none or it was no usable IP address. */
  ip?: string | null;
  /** Context for a reader of the log; never a password, token or other secret. */
  details?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

/**
 * Records an event in the caller's transaction, so that the event exists if
 * and only if the change it describes was committed.
 */
export async function recordAudit(
  trx: Transaction<Database>,
  event: AuditEvent,
  now = new Date(),
): Promise<void> {
  if (event.ip != null && isIP(event.ip) === 0) throw new Error(`audit: not an IP address: ${event.ip}`);
  await insertAuditEvent(trx, {
    occurredAt: now,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    projectId: event.projectId ?? null,
    ip: event.ip ?? null,
    details: event.details ?? {},
  });
}

/**
 * Signs the chain's head and appends the checkpoint to the file; null, and nothing written, for an
 * empty log or a head the last checkpoint of this process already signed.
 */
export async function checkpointAuditChain(
  db: Db,
  options: { privateKey: KeyObject; file: string; now: Date; after?: Checkpoint | null },
): Promise<Checkpoint | null> {
  const head = await readAuditHead(db);
  if (!head || (options.after?.seq === head.seq && options.after.hash === head.hash)) return null;
  const checkpoint = signCheckpoint(head, options.now, options.privateKey);
  await appendCheckpoint(options.file, checkpoint);
  return checkpoint;
}
