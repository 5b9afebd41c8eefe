import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../test/database.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit-service.js';
import { verifyAuditChain } from '../audit/audit-verification.js';
import { loadConfig } from '../config/load.js';
import { connect, type Db } from '../db/connect.js';
import { startEmbedded } from '../db/embedded-postgres.js';
import { migrate, readMigrations } from '../db/migrate.js';
import { openDatabase } from './database.js';

const scratch = mkdtempSync(join(tmpdir(), 'mona-database-'));
// As root, the embedded server runs as "postgres", which must be able to pass through.
chmodSync(scratch, 0o711);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const quiet = { log: () => {} };

async function role(db: Db): Promise<{ name: string; superuser: boolean }> {
  const { rows } = await sql<{ name: string; superuser: boolean }>`
    SELECT current_user AS name, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`.execute(
    db,
  );
  return rows[0] as { name: string; superuser: boolean };
}

/** What the platform's connection must not be able to do to the audit log. */
async function expectAppendOnly(db: Db): Promise<void> {
  await expect(sql`UPDATE audit_events SET action = 'test.other'`.execute(db)).rejects.toThrow(
    /permission denied/,
  );
  await expect(sql`SET session_replication_role = replica`.execute(db)).rejects.toThrow(/permission denied/);
}

describe('the embedded database', () => {
  it('connects the platform as a role of its own from the first start, the owner migrating', async () => {
    const dataDir = join(scratch, 'fresh');
    const config = loadConfig({ env: {} });
    const first = await openDatabase(config, dataDir, {
      embedded: 'own',
      mayInitialise: true,
      migrate: true,
      ...quiet,
    });
    try {
      expect(first.applied).toEqual(readMigrations().map((m) => m.name));
      expect(await role(first.db)).toEqual({ name: 'mona_app', superuser: false });
      expect(statSync(join(dataDir, 'postgres-app-credentials.json')).mode & 0o777).toBe(0o600);
      await first.db
        .transaction()
        .execute((trx) => recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'test.done' }));
      await expectAppendOnly(first.db);

      // An operator's command beside it attaches as the same role.
      const command = await openDatabase(config, dataDir, {
        embedded: 'attach',
        mayInitialise: false,
        migrate: false,
        ...quiet,
      });
      expect(await role(command.db)).toEqual({ name: 'mona_app', superuser: false });
      expect(await verifyAuditChain(command.db)).toMatchObject({ ok: true, events: 1 });
      await command.close();
    } finally {
      await first.close();
    }
  });

  it('gives a data dir an older mona made, whose tables the superuser owns, the role on its next start', async () => {
    const dataDir = join(scratch, 'older');
    const older = await startEmbedded(dataDir, () => {});
    const asOlderMona = connect(older.url, 1);
    await migrate(asOlderMona);
    await asOlderMona
      .transaction()
      .execute((trx) => recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'test.old' }));
    await asOlderMona.destroy();
    await older.stop();

    const database = await openDatabase(loadConfig({ env: {} }), dataDir, {
      embedded: 'own',
      mayInitialise: true,
      migrate: true,
      ...quiet,
    });
    try {
      expect(database.applied).toEqual([]);
      expect(await role(database.db)).toEqual({ name: 'mona_app', superuser: false });
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, events: 1 });
      await expectAppendOnly(database.db);
    } finally {
      await database.close();
    }
  });
});

describe('an external database', () => {
  /** The test server's platform role on an empty database of its own, and the superuser as its owner. */
  async function emptyDatabase() {
    const testDb = await createTestDatabase({ empty: true });
    const app = new URL(inject('postgresAppUrl'));
    app.pathname = new URL(testDb.url).pathname;
    return { testDb, ownerUrl: testDb.url, appUrl: app.toString() };
  }

  it("migrates with the owner's URL and grants the platform's role what it needs, and no more", async () => {
    const { testDb, ownerUrl, appUrl } = await emptyDatabase();
    const config = loadConfig({ env: { DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: ownerUrl } });
    try {
      const migrated = await openDatabase(config, scratch, {
        embedded: 'attach',
        mayInitialise: false,
        migrate: true,
        ...quiet,
      });
      expect(migrated.applied).toHaveLength(readMigrations().length);
      expect((await role(migrated.db)).superuser).toBe(false);
      await migrated.db
        .insertInto('users')
        .values({ username: 'ext', full_name: 'E', email: 'e@mona.test' })
        .execute();
      await migrated.db
        .transaction()
        .execute((trx) => recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'test.done' }));
      await expectAppendOnly(migrated.db);
      await migrated.close();

      // Nodes given only the platform's URL run, as long as nothing is left to migrate.
      const node = await openDatabase(loadConfig({ env: { DATABASE_URL: appUrl } }), scratch, {
        embedded: 'attach',
        mayInitialise: false,
        migrate: true,
        ...quiet,
      });
      expect(node.applied).toEqual([]);
      await node.close();
    } finally {
      await testDb.drop();
    }
  });

  it("says that migrations need the owner when only the platform's role is given", async () => {
    const { testDb, appUrl } = await emptyDatabase();
    try {
      await expect(
        openDatabase(loadConfig({ env: { DATABASE_URL: appUrl } }), scratch, {
          embedded: 'attach',
          mayInitialise: false,
          migrate: true,
          ...quiet,
        }),
      ).rejects.toThrow(
        /permission denied .*migrations run as the owner of the tables: give its URL as database\.migrationUrl/,
      );
    } finally {
      await testDb.drop();
    }
  });
});
