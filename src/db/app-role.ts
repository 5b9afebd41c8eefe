import { sql } from 'kysely';
import type { Db } from './connect.js';

/**
 * The platform's own role: it logs in, and is no superuser (which could switch the audit log's triggers
 * off), makes no roles or databases, replicates nothing and bypasses no row security. An existing role is
 * brought back to this, whatever was changed since.
 */
export async function ensureAppRole(db: Db, role: string, password: string): Promise<void> {
  const { rows } = await sql`SELECT 1 FROM pg_roles WHERE rolname = ${role}`.execute(db);
  const verb = sql.raw(rows.length > 0 ? 'ALTER' : 'CREATE');
  await sql`${verb} ROLE ${sql.id(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${sql.lit(password)}`.execute(
    db,
  );
}

/**
 * What the platform's role may do, granted by the owner after migrations: read and write the tables and
 * draw numbers from the sequences, but only read and append to the audit log and only read the record
 * of migrations. It owns nothing, so it cannot alter a table or switch a trigger off. Tables and
 * sequences later migrations make get the same by default; an append-only table among them must be
 * added to the revocation here.
 */
export async function grantAppPrivileges(db: Db, role: string): Promise<void> {
  const { rows } = await sql<{ migrated: boolean }>`
    SELECT to_regclass('audit_events') IS NOT NULL AS migrated`.execute(db);
  if (!rows[0]?.migrated) return; // nothing to grant on yet; the migrating open grants after
  const grantee = sql.id(role);
  await sql`
    GRANT USAGE ON SCHEMA public TO ${grantee};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${grantee};
    GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${grantee};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${grantee};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${grantee};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${grantee};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${grantee};
  `.execute(db);
}

/** The role a connection acts as. */
export async function currentRole(db: Db): Promise<string> {
  const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(db);
  return rows[0]?.role as string;
}
