import { sql } from 'kysely';
import { readAuditChain } from '../src/audit/audit-repository.js';
import { GENESIS_HASH, hashEvent } from '../src/audit/chain.js';
import type { Db } from '../src/db/connect.js';

/**
 * What a database superuser can do to the log, as the hardening issue describes: switch the append-only
 * triggers off for the session and change events, here with every hash from the edited event on
 * recomputed, so that the chain alone still verifies.
 */
export async function rewriteAuditEvent(
  superuser: Db,
  seq: number,
  details: Record<string, unknown>,
): Promise<void> {
  await superuser.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`UPDATE audit_events SET details = ${JSON.stringify(details)}::jsonb WHERE seq = ${seq}`.execute(
      trx,
    );
    let prevHash = GENESIS_HASH;
    for await (const row of readAuditChain(trx)) {
      const hash = hashEvent({ ...row, prevHash });
      if (row.seq >= seq) {
        await sql`UPDATE audit_events SET prev_hash = ${prevHash}, hash = ${hash} WHERE seq = ${row.seq}`.execute(
          trx,
        );
      }
      prevHash = hash;
    }
  });
}

/** The same, deleting every event after `seq`: a cut-off tail, which the chain alone cannot show. */
export async function cutAuditLog(superuser: Db, seq: number): Promise<void> {
  await superuser.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`DELETE FROM audit_events WHERE seq > ${seq}`.execute(trx);
  });
}
