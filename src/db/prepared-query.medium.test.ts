import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { connect, type Db } from './connect.js';
import { preparedQuery } from './prepared-query.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  for (const username of ['ada', 'bo'])
    await testDb.db
      .insertInto('users')
      .values({ username, full_name: username, email: `${username}@mona.test`, login_method: 'otp' })
      .execute();
});
afterAll(async () => {
  await testDb.drop();
});

const userByName = preparedQuery('test_user_by_name', (db: Db, username: string) =>
  db.selectFrom('users').select(['username', 'full_name']).where('username', '=', username).limit(1),
);

describe('a prepared query', () => {
  it("answers each call with that call's arguments", async () => {
    expect((await userByName(testDb.db, 'ada')).rows).toEqual([{ username: 'ada', full_name: 'ada' }]);
    expect((await userByName(testDb.db, 'bo')).rows).toEqual([{ username: 'bo', full_name: 'bo' }]);
    expect((await userByName(testDb.db, 'nobody')).rows).toEqual([]);
  });

  it('is parsed once per connection and then only executed', async () => {
    const oneConnection = connect(testDb.url, 1);
    try {
      for (const username of ['ada', 'bo', 'ada', 'bo', 'ada', 'bo', 'ada'])
        await userByName(oneConnection, username);
      const { rows } = await sql<{ name: string; executions: number }>`
        SELECT name, (generic_plans + custom_plans)::int AS executions
        FROM pg_prepared_statements WHERE name LIKE 'mona_%'`.execute(oneConnection);
      expect(rows).toEqual([{ name: 'mona_test_user_by_name', executions: 7 }]);
    } finally {
      await oneConnection.destroy();
    }
  });

  it("sees the caller's transaction", async () => {
    await testDb.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({ username: 'cy', full_name: 'cy', email: 'cy@mona.test', login_method: 'otp' })
          .execute();
        expect((await userByName(trx, 'cy')).rows).toHaveLength(1);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect((await userByName(testDb.db, 'cy')).rows).toEqual([]);
  });

  it('refuses, at its first use, a query that does not take an argument as a value', async () => {
    const unused = preparedQuery('test_unused_argument', (db: Db, _username: string) =>
      db.selectFrom('users').select('username'),
    );
    await expect(unused(testDb.db, 'ada')).rejects.toThrow(
      'prepared query test_unused_argument: argument 0 is not used as a value',
    );
  });
});
