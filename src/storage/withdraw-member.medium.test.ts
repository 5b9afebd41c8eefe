import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { provisionMember, withdrawMember } from './provision.js';
import { runCommand, runningAsRoot, unixUserName } from './unix-accounts.js';
import { projectDirs } from './vault-paths.js';

let testDb: TestDatabase;
let vaultRoot: string;
const username = `wd${process.pid}`;

beforeAll(async () => {
  testDb = await createTestDatabase();
  vaultRoot = await mkdtemp(join(tmpdir(), 'mona-withdraw-'));
});
afterAll(async () => {
  await runCommand('userdel', [unixUserName(username)]).catch(() => {});
  await runCommand('groupdel', [unixUserName(username)]).catch(() => {});
  await rm(vaultRoot, { recursive: true, force: true });
  await testDb.drop();
});

/** Lists the folder as the member, with the groups the account has now (as a desktop started earlier would). */
async function canList(folder: string, groups: string): Promise<boolean> {
  return runCommand('setpriv', [
    `--reuid=${unixUserName(username)}`,
    `--regid=${unixUserName(username)}`,
    `--groups=${groups}`,
    'ls',
    folder,
  ]).then(
    () => true,
    () => false,
  );
}

describe.runIf(runningAsRoot())('withdrawing a member', () => {
  it('closes the project folder at once, also to processes still holding the group, until re-added', async () => {
    const org = await testDb.db
      .insertInto('organisations')
      .values({ name: 'W', dpa_reference: 'D', dpa_signed_on: '2026-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await testDb.db
      .insertInto('projects')
      .values({ id: 'P8801', name: 'W', organisation_id: org.id })
      .execute();
    const user = await testDb.db
      .insertInto('users')
      .values({ username, full_name: 'W', email: 'w@mona.test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await testDb.db.insertInto('project_members').values({ project_id: 'P8801', user_id: user.id }).execute();
    const vault = { root: vaultRoot, homeQuotaBytes: 1024 * 1024, quotaImages: false };
    await provisionMember(testDb.db, vault, username);
    const project = await testDb.db.selectFrom('projects').select('unix_gid').executeTakeFirstOrThrow();
    const folder = projectDirs(vaultRoot, 'P8801').gem;
    const startedEarlier = String(project.unix_gid);

    expect(await canList(folder, startedEarlier)).toBe(true);
    await testDb.db.deleteFrom('project_members').execute();
    await withdrawMember(vaultRoot, username, 'P8801');
    expect(await canList(folder, startedEarlier)).toBe(false);

    await testDb.db.insertInto('project_members').values({ project_id: 'P8801', user_id: user.id }).execute();
    await provisionMember(testDb.db, vault, username);
    expect(await canList(folder, startedEarlier)).toBe(true);
  });
});
