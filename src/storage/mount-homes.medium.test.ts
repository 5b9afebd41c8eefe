import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createOtpUser } from '../../test/users.js';
import { mountHomes, provisionMember, type VaultSettings } from './provision.js';
import { unmountQuotaImage } from './quota-image.js';
import { runCommand, runningAsRoot, unixUserName } from './unix-accounts.js';
import { homeDirs } from './vault-paths.js';

let testDb: TestDatabase;
let vault: VaultSettings;
const username = `mh${process.pid}`;
const closed = `mc${process.pid}`;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const root = await mkdtemp(join(tmpdir(), 'mona-mount-homes-'));
  vault = { root, homeQuotaBytes: 16 * 1024 * 1024, quotaImages: true };
});
afterAll(async () => {
  for (const name of [username, closed]) {
    await unmountQuotaImage(homeDirs(vault.root, name).myDocuments).catch(() => undefined);
    await runCommand('userdel', [unixUserName(name)]).catch(() => undefined);
    await runCommand('groupdel', [unixUserName(name)]).catch(() => undefined);
  }
  await rm(vault.root, { recursive: true, force: true });
  await testDb.drop();
});

describe.runIf(runningAsRoot())("mounting the users' homes at start-up", () => {
  it('mounts each My Documents image again after a reboot, so that the files are there, not an empty folder', async () => {
    await createOtpUser(testDb.db, { username });
    const { myDocuments } = await provisionMember(testDb.db, vault, username);
    await writeFile(join(myDocuments, 'results.csv'), 'rows\n');
    // What a reboot leaves: the folder, without the image on it.
    await unmountQuotaImage(myDocuments);
    await expect(readFile(join(myDocuments, 'results.csv'), 'utf8')).rejects.toThrow(/ENOENT/);

    expect(await mountHomes(testDb.db, vault)).toBe(1);
    expect(await readFile(join(myDocuments, 'results.csv'), 'utf8')).toBe('rows\n');
    // Again, with the images mounted: nothing changes.
    expect(await mountHomes(testDb.db, vault)).toBe(1);
    expect(await readFile(join(myDocuments, 'results.csv'), 'utf8')).toBe('rows\n');
  });

  it("leaves a closed account's home alone, and does nothing without quota images", async () => {
    const user = await createOtpUser(testDb.db, { username: closed });
    await provisionMember(testDb.db, vault, closed);
    await unmountQuotaImage(homeDirs(vault.root, closed).myDocuments);
    await testDb.db.updateTable('users').set({ state: 'closed' }).where('id', '=', user.id).execute();
    expect(await mountHomes(testDb.db, vault)).toBe(1);
    expect(await mountHomes(testDb.db, { ...vault, quotaImages: false })).toBe(0);
  });
});
