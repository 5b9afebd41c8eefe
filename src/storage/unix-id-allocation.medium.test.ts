import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { runCommand, runningAsRoot } from './unix-accounts.js';
import { allocateGid, allocateUid } from './unix-id-allocation.js';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

async function newUsers(count: number): Promise<string[]> {
  const rows = await testDb.db
    .insertInto('users')
    .values(
      Array.from({ length: count }, (_, i) => ({
        username: `user${i}`,
        full_name: `User ${i}`,
        email: `user${i}@mona.test`,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

async function newProjects(ids: string[]): Promise<void> {
  const organisation = await testDb.db
    .insertInto('organisations')
    .values({ name: 'Test', dpa_reference: 'DPA-1', dpa_signed_on: '2026-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await testDb.db
    .insertInto('projects')
    .values(ids.map((id) => ({ id, name: id, organisation_id: organisation.id })))
    .execute();
}

describe('allocateUid', () => {
  it('gives each user one uid from the sequence, the same on every call, even when called at once', async () => {
    const users = await newUsers(6);
    // Pool of 4 connections: calls for the same user really race each other.
    const calls = users.flatMap((id) => Array.from({ length: 5 }, () => allocateUid(testDb.db, id)));
    const uids = await Promise.all(calls);
    const perUser = users.map((_, i) => new Set(uids.slice(i * 5, i * 5 + 5)));
    for (const set of perUser) expect(set.size).toBe(1);
    const distinct = perUser.map((set) => [...set][0] as number);
    expect(new Set(distinct).size).toBe(users.length);
    for (const uid of distinct) expect(uid).toBeGreaterThanOrEqual(200_000);

    const stored = await testDb.db
      .selectFrom('users')
      .select(['id', 'unix_uid'])
      .where('id', 'in', users)
      .execute();
    for (const row of stored) expect(row.unix_uid).toBe(distinct[users.indexOf(row.id)]);
    expect(await allocateUid(testDb.db, users[0] as string)).toBe(distinct[0]);
  });

  it('fails for a user that does not exist', async () => {
    await expect(allocateUid(testDb.db, '00000000-0000-0000-0000-000000000000')).rejects.toThrow('no user');
  });
});

describe('allocateGid', () => {
  it('gives each project one gid from its own sequence, the same on every call', async () => {
    await newProjects(['P0001', 'P0002']);
    const gids = await Promise.all(
      ['P0001', 'P0001', 'P0002', 'P0002'].map((id) => allocateGid(testDb.db, id)),
    );
    expect(gids[0]).toBe(gids[1]);
    expect(gids[2]).toBe(gids[3]);
    expect(gids[0]).not.toBe(gids[2]);
    for (const gid of gids) expect(gid).toBeGreaterThanOrEqual(300_000);
    expect(await allocateGid(testDb.db, 'P0002')).toBe(gids[2]);
    await expect(allocateGid(testDb.db, 'P9999')).rejects.toThrow('no project P9999');
  });
});

describe('allocation on a host that already has accounts', () => {
  const made: string[][] = [];
  afterAll(async () => {
    for (const command of made.reverse())
      await runCommand(command[0] as string, command.slice(1)).catch(() => {});
  });

  it.runIf(runningAsRoot())('skips numbers this host already uses', async () => {
    const [userId] = await newUser('skipper');
    await sql`SELECT setval('unix_uid_seq', 250000)`.execute(testDb.superuser());
    await runCommand('groupadd', ['-g', '250001', 'mt-taken-250001']);
    made.push(['groupdel', 'mt-taken-250001']);
    expect(await allocateUid(testDb.db, userId as string)).toBe(250002);
  });

  it.runIf(runningAsRoot())(
    'adopts the account mona made for the same user before (a reinstall)',
    async () => {
      const [userId] = await newUser('adoptee');
      await runCommand('useradd', [
        '-u',
        '250100',
        '-M',
        '-N',
        '-c',
        'mona user',
        '-s',
        '/usr/sbin/nologin',
        'm-adoptee',
      ]);
      made.push(['userdel', 'm-adoptee']);
      expect(await allocateUid(testDb.db, userId as string)).toBe(250100);
    },
  );
});

async function newUser(username: string): Promise<string[]> {
  const rows = await testDb.db
    .insertInto('users')
    .values({ username, full_name: username, email: `${username}@mona.test` })
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
