import { sql } from 'kysely';
import type { Db } from '../src/db/connect.js';

/**
 * Makes the database refuse audit events of `action` until the answer is called: a change audited in its
 * own transaction must then not be committed either. `db` must own the table (the superuser).
 */
export async function refuseAuditEvents(db: Db, action: string): Promise<() => Promise<void>> {
  await sql`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the test refuses this audit event'; END $$`.execute(db);
  await sql`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW
    WHEN (NEW.action = ${sql.lit(action)}) EXECUTE FUNCTION test_refuse_audit()`.execute(db);
  return async () => {
    await sql`DROP TRIGGER test_refuse_audit ON audit_events`.execute(db);
    await sql`DROP FUNCTION test_refuse_audit()`.execute(db);
  };
}
