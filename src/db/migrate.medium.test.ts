import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { isFullyMigrated, MigrationError, migrate, readMigrations } from './migrate.js';

let testDb: TestDatabase;
beforeEach(async () => {
  testDb = await createTestDatabase({ empty: true });
});
afterEach(async () => {
  await testDb.drop();
});

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mona-migrations-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function tables(): Promise<string[]> {
  const result = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(testDb.db);
  return result.rows.map((row) => row.tablename);
}

describe('migrate', () => {
  it('applies every migration once, in order', async () => {
    const all = readMigrations();
    expect(await migrate(testDb.db)).toEqual(all.map((m) => m.name));
    expect(await migrate(testDb.db)).toEqual([]);
    expect(await isFullyMigrated(testDb.db)).toBe(true);
    expect(await tables()).toEqual(
      expect.arrayContaining(['audit_events', 'users', 'projects', 'schema_migrations']),
    );
  });

  it('rolls back a failing migration whole and stops there', async () => {
    const dir = migrationsDir({
      '0001_first.sql': 'CREATE TABLE first (id int);',
      '0002_broken.sql': 'CREATE TABLE second (id int);\nSELECT * FROM no_such_table;',
      '0003_third.sql': 'CREATE TABLE third (id int);',
    });
    const error = await migrate(testDb.db, readMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /^migration 0002_broken\.sql failed and was rolled back: .*no_such_table/,
    );
    expect(await tables()).toEqual(['first', 'schema_migrations']);
  });

  it('refuses a migration changed after it was applied', async () => {
    await migrate(
      testDb.db,
      readMigrations(migrationsDir({ '0001_first.sql': 'CREATE TABLE first (id int);' })),
    );
    const changed = readMigrations(migrationsDir({ '0001_first.sql': 'CREATE TABLE first (id bigint);' }));
    await expect(migrate(testDb.db, changed)).rejects.toThrow(
      'migration 0001_first.sql was changed after it was applied',
    );
  });

  it('refuses a database newer than the code', async () => {
    await migrate(
      testDb.db,
      readMigrations(migrationsDir({ '0001_a.sql': 'SELECT 1;', '0002_b.sql': 'SELECT 1;' })),
    );
    const older = readMigrations(migrationsDir({ '0001_a.sql': 'SELECT 1;' }));
    await expect(migrate(testDb.db, older)).rejects.toThrow('which this version of mona does not know');
  });

  it('refuses badly named or out-of-sequence files', () => {
    expect(() => readMigrations(migrationsDir({ 'first.sql': '' }))).toThrow('must look like 0001_name.sql');
    expect(() => readMigrations(migrationsDir({ '0002_b.sql': '' }))).toThrow('out of sequence');
  });

  it('lets two nodes migrate at once without harm', async () => {
    const results = await Promise.all([migrate(testDb.db), migrate(testDb.db)]);
    expect(results.flat()).toHaveLength(readMigrations().length);
  });
});
