import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { type ChainedFields, GENESIS_HASH, hashEvent } from './chain.js';

// Serialises appends so that each event sees the one before it; held until the transaction ends.
const AUDIT_APPEND_LOCK_KEY = 7_302_002;

export type AuditRow = ChainedFields & { hash: string };

/** Appends one event inside the caller's transaction, chained to the latest one. */
export async function insertAuditEvent(
  trx: Transaction<Database>,
  fields: Omit<ChainedFields, 'seq' | 'prevHash'>,
): Promise<AuditRow> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK_KEY})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await sql<{ seq: number }>`
    SELECT nextval(pg_get_serial_sequence('audit_events', 'seq'))::bigint AS seq`.execute(trx);
  const chained: ChainedFields = {
    ...fields,
    seq: next.rows[0]?.seq as number,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashEvent(chained);
  await trx
    .insertInto('audit_events')
    .values({
      seq: chained.seq,
      occurred_at: chained.occurredAt,
      actor_id: chained.actorId,
      actor_label: chained.actorLabel,
      action: chained.action,
      target_type: chained.targetType,
      target_id: chained.targetId,
      project_id: chained.projectId,
      ip: chained.ip,
      details: JSON.stringify(chained.details) as unknown as Record<string, unknown>,
      prev_hash: chained.prevHash,
      hash,
    })
    .execute();
  return { ...chained, hash };
}

/** The newest event's number and hash; null for an empty log. */
export async function readAuditHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const head = await db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return head ?? null;
}

/** Events in chain order, a page at a time, for verification. */
export async function* readAuditChain(db: Db, pageSize = 1000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      yield {
        seq: row.seq,
        occurredAt: row.occurred_at,
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        projectId: row.project_id,
        ip: row.ip,
        details: row.details,
        prevHash: row.prev_hash,
        hash: row.hash,
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.seq as number;
  }
}
