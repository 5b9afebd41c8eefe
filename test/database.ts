import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Db } from '../src/db/connect.js';

export interface TestDatabase {
  /** As the platform's role, which owns nothing and may only read and append to the audit log. */
  db: Db;
  /** The same, for a mona process. */
  url: string;
  /** The server's superuser on this database, for what the platform must not be able to do. */
  superuser(): Db;
  /** Closes the pools and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of its own, cloned from the template in
 * milliseconds; or an empty one, for tests of migration itself, where `db` is
 * the superuser.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = inject('postgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}${options.empty ? '' : ' TEMPLATE mona_template'}`);
  const url = databaseUrl(options.empty ? serverUrl : inject('postgresAppUrl'), name);
  const db = connect(url, 4);
  let superuser: Db | null = null;
  return {
    db,
    url,
    superuser: () => {
      superuser ??= connect(databaseUrl(serverUrl, name), 2);
      return superuser;
    },
    drop: async () => {
      await db.destroy();
      await superuser?.destroy();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
