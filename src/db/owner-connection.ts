import pg from 'pg';

/**
 * One connection of its own, for work a pool cannot do: a dump read from one snapshot, a load by COPY. Backups
 * and restores use the tables' owner, who reads and writes every table whatever later migrations grant.
 */
export async function withConnection<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'mona' });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

const SERIALIZATION_FAILURE = '40001';

/**
 * Runs `action` in one REPEATABLE READ transaction, so that everything it reads comes from one snapshot. A row
 * it locks that changed after the snapshot was taken fails the transaction; it is then taken again, after
 * `beforeRetry`, up to `attempts` times.
 */
export async function inSnapshot<T>(
  client: pg.ClientBase,
  action: () => Promise<T>,
  beforeRetry: () => Promise<void>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(client, action, 'REPEATABLE READ');
    } catch (error) {
      if ((error as { code?: string }).code !== SERIALIZATION_FAILURE || attempt >= attempts) throw error;
      await beforeRetry();
    }
  }
}

/** Runs `action` in a transaction on `client`: all of it, or none of it. */
export async function inTransaction<T>(
  client: pg.ClientBase,
  action: () => Promise<T>,
  isolation: 'READ COMMITTED' | 'REPEATABLE READ' = 'READ COMMITTED',
): Promise<T> {
  await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
  try {
    const result = await action();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** How many tables the public schema holds: a restore goes only into a database with none. */
export async function countTables(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public'`,
  );
  return rows[0]?.count ?? 0;
}
