import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connect.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any constant works; it keeps two nodes starting at once from migrating together.
const MIGRATION_LOCK_KEY = 7_302_001;

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new MigrationError(`migration file name ${file} must look like 0001_name.sql`);
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: file,
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `migration ${migration.name} is out of sequence: expected number ${index + 1}`,
      );
    }
  });
  return migrations;
}

/** Runs `action` while no other node migrates or grants: a session lock on one connection. */
export async function withMigrationLock<T>(db: Db, action: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await action(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

/**
 * Applies every pending migration, each in its own transaction; the first
 * failure rolls back that migration and throws. Returns the names applied.
 * With none pending it changes nothing, so a role that may not change the
 * schema can run it too.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  return withMigrationLock(db, async (conn) => {
    const recorded = await sql<{ present: boolean }>`
      SELECT to_regclass('schema_migrations') IS NOT NULL AS present`.execute(conn);
    const applied = recorded.rows[0]?.present
      ? (
          await sql<{ version: number; name: string; checksum: string }>`
            SELECT version, name, checksum FROM schema_migrations ORDER BY version`.execute(conn)
        ).rows
      : [];
    const appliedVersions = new Set(applied.map((row) => row.version));
    for (const row of applied) {
      const known = migrations.find((migration) => migration.version === row.version);
      if (!known) {
        throw new MigrationError(
          `the database has migration ${row.name}, which this version of mona does not know: is it older than the database?`,
        );
      }
      if (known.checksum !== row.checksum) {
        throw new MigrationError(
          `migration ${row.name} was changed after it was applied; add a new migration instead`,
        );
      }
    }
    const pending = migrations.filter((m) => !appliedVersions.has(m.version));
    if (pending.length > 0 && !recorded.rows[0]?.present) {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`
        .execute(conn)
        .catch((error: Error) => {
          throw new MigrationError(`migrations cannot be recorded: ${error.message}${ownerHint(error)}`);
        });
    }
    const done: string[] = [];
    for (const migration of pending) {
      try {
        await conn.transaction().execute(async (trx) => {
          await sql.raw(migration.sql).execute(trx);
          await sql`INSERT INTO schema_migrations (version, name, checksum)
            VALUES (${migration.version}, ${migration.name}, ${migration.checksum})`.execute(trx);
        });
      } catch (error) {
        throw new MigrationError(
          `migration ${migration.name} failed and was rolled back: ${(error as Error).message}${ownerHint(error)}`,
        );
      }
      done.push(migration.name);
    }
    return done;
  });
}

/** A role without the right to change the schema is most likely the platform's own. */
function ownerHint(error: unknown): string {
  return (error as { code?: string }).code === '42501'
    ? ' (migrations run as the owner of the tables: give its URL as database.migrationUrl, MIGRATION_DATABASE_URL)'
    : '';
}

/** The migrations the database has, in order: its schema's level. */
export async function appliedMigrations(db: Db): Promise<Omit<Migration, 'sql'>[]> {
  const result = await sql<{ version: number; name: string; checksum: string }>`
    SELECT version, name, checksum FROM schema_migrations ORDER BY version`.execute(db);
  return result.rows;
}

/** True when every known migration is applied: the readiness check. */
export async function isFullyMigrated(db: Db, migrations = readMigrations()): Promise<boolean> {
  const result = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM schema_migrations`.execute(db);
  return result.rows[0]?.count === migrations.length;
}
