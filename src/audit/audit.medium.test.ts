import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { type AuditEvent, recordAudit, SYSTEM_ACTOR } from './audit-service.js';
import { verifyAuditChain } from './audit-verification.js';

let testDb: TestDatabase;
beforeEach(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  await testDb.drop();
});

const event = (n: number): AuditEvent => ({
  actor: { id: null, label: `user${n}` },
  action: 'test.happened',
  target: { type: 'thing', id: String(n) },
  ip: '192.0.2.1',
  details: { n, nested: { b: 1, a: 2 } },
});

async function recordMany(count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) {
    await testDb.db.transaction().execute((trx) => recordAudit(trx, event(n)));
  }
}

/** What an attacker with database superuser rights could do: lift the append-only guard. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await testDb
    .superuser()
    .transaction()
    .execute(async (trx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
      await statement.execute(trx);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
    });
}

describe('the audit log', () => {
  it('verifies an untouched chain and reports its length and head', async () => {
    await recordMany(5);
    const verdict = await verifyAuditChain(testDb.db);
    expect(verdict).toMatchObject({ ok: true, events: 5 });
    const head = await testDb.db
      .selectFrom('audit_events')
      .select('hash')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(verdict.ok && verdict.head).toBe(head?.hash);
  });

  it('verifies an empty log', async () => {
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true, events: 0 });
  });

  it('keeps no event of a transaction that rolled back', async () => {
    await expect(
      testDb.db.transaction().execute(async (trx) => {
        await recordAudit(trx, event(1));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await recordMany(1);
    expect(await testDb.db.selectFrom('audit_events').select('actor_label').execute()).toEqual([
      { actor_label: 'user1' },
    ]);
    expect((await verifyAuditChain(testDb.db)).ok).toBe(true);
  });

  it('stays one chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        testDb.db.transaction().execute((trx) => recordAudit(trx, event(n))),
      ),
    );
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true, events: 20 });
  });

  it("refuses the platform's role any change but appending, and any way round the guard", async () => {
    await recordMany(1);
    const refused = /permission denied for table audit_events/;
    await expect(sql`UPDATE audit_events SET action = 'test.other'`.execute(testDb.db)).rejects.toThrow(
      refused,
    );
    await expect(sql`DELETE FROM audit_events`.execute(testDb.db)).rejects.toThrow(refused);
    await expect(sql`TRUNCATE audit_events`.execute(testDb.db)).rejects.toThrow(refused);
    await expect(sql`SET session_replication_role = replica`.execute(testDb.db)).rejects.toThrow(
      /permission denied to set parameter "session_replication_role"/,
    );
    await expect(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(testDb.db)).rejects.toThrow(
      /must be owner of table audit_events/,
    );
    await expect(
      sql`SELECT setval(pg_get_serial_sequence('audit_events', 'seq'), 1)`.execute(testDb.db),
    ).rejects.toThrow(/permission denied for sequence/);
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: true, events: 1 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE even to the owner, while its triggers are on', async () => {
    await recordMany(1);
    const owner = testDb.superuser();
    await expect(sql`UPDATE audit_events SET action = 'test.other'`.execute(owner)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(sql`DELETE FROM audit_events`.execute(owner)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql`TRUNCATE audit_events`.execute(owner)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('names an edited event', async () => {
    await recordMany(5);
    await tamper(sql`UPDATE audit_events SET details = '{"n": 99}' WHERE seq = 3`);
    expect(await verifyAuditChain(testDb.db)).toEqual({
      ok: false,
      events: 3,
      brokenAt: 3,
      reason: 'its contents do not match its hash: it was edited',
    });
  });

  it('names the event after a deleted one', async () => {
    await recordMany(5);
    await tamper(sql`DELETE FROM audit_events WHERE seq = 2`);
    const verdict = await verifyAuditChain(testDb.db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 3 });
    expect(verdict.ok || verdict.reason).toMatch(
      /does not link to event 1 before it: an event between them was deleted/,
    );
  });

  it('notices deletion of the first events', async () => {
    await recordMany(3);
    await tamper(sql`DELETE FROM audit_events WHERE seq = 1`);
    expect(await verifyAuditChain(testDb.db)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('names reordered events, even when their hashes were carried along', async () => {
    await recordMany(5);
    // Swap events 2 and 4 whole, hashes included, by moving them through a free sequence number.
    await tamper(sql`UPDATE audit_events SET seq = 100 WHERE seq = 2`);
    await tamper(sql`UPDATE audit_events SET seq = 2 WHERE seq = 4`);
    await tamper(sql`UPDATE audit_events SET seq = 4 WHERE seq = 100`);
    const verdict = await verifyAuditChain(testDb.db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 2 });
    expect(verdict.ok || verdict.reason).toMatch(/reordered/);
  });

  it('refuses an IP that is not one', async () => {
    await expect(
      testDb.db.transaction().execute((trx) => recordAudit(trx, { ...event(1), ip: 'not-an-ip' })),
    ).rejects.toThrow('not an IP address');
  });

  it('records the system actor', async () => {
    await testDb.db
      .transaction()
      .execute((trx) => recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'test.done' }));
    const row = await testDb.db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: null, actor_label: 'system', action: 'test.done', details: {} });
  });
});
