import { isIP } from 'node:net';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { insertAuditEvent, readAuditChain } from './audit-repository.js';
import { GENESIS_HASH, hashEvent } from './chain.js';

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

export type ChainVerdict =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the whole log; the first event whose hash or link does not hold is named. */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let events = 0;
  for await (const row of readAuditChain(db)) {
    events += 1;
    if (row.prevHash !== previous.hash) {
      return {
        ok: false,
        events,
        brokenAt: row.seq,
        reason:
          previous.seq === 0
            ? 'it does not link to the start of the log: events before it were deleted'
            : `it does not link to event ${previous.seq} before it: an event between them was deleted, or events were reordered`,
      };
    }
    if (hashEvent(row) !== row.hash) {
      return {
        ok: false,
        events,
        brokenAt: row.seq,
        reason: 'its contents do not match its hash: it was edited',
      };
    }
    previous = row;
  }
  return { ok: true, events, head: previous.hash };
}
