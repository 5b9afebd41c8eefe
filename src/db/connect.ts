import { Kysely, PostgresDialect, type PostgresPool, sql } from 'kysely';
import pg from 'pg';
import { preparingPool } from './prepared-query.js';
import type { Database } from './schema.js';

// BIGINT and NUMERIC come back as strings from pg by default; counts and ids here fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date is a date, not a midnight in the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

export function connect(url: string, poolSize: number): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'mona',
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
}

/**
 * Kysely over one connection the caller holds and ends, e.g. inside a transaction it began itself, so that
 * repository functions and statements Kysely cannot make (COPY) share one snapshot.
 */
export function onClient(client: pg.ClientBase): Db {
  const pool = {
    // Kysely releases what it took after each query; the caller's connection stays the caller's.
    connect: async () => ({ query: client.query.bind(client), release: () => {} }),
    end: async () => {},
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as PostgresPool }) });
}

/** A round trip to the database, touching no table: throws when it cannot be used. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** One line an operator can act on, for errors met while connecting. */
export function describeConnectionError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'ECONNREFUSED':
      return 'the database server refused the connection (is it running, and is the host and port right?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the database host name cannot be resolved';
    case '28P01':
    case '28000':
      return 'the database rejected the user name or password';
    case '3D000':
      return `the database does not exist: ${message}`;
    default:
      return message?.includes('timeout')
        ? 'the database server did not answer within 5 s'
        : `${code ?? ''} ${message ?? error}`.trim();
  }
}
