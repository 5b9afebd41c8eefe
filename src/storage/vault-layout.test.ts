import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureHome, ensureProjectAreas } from './vault-layout.js';

// Numbers no account here has: chown takes them all the same.
const PROJECT_GID = 3_777_001;
const USER_ID = 3_777_002;

let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(join(tmpdir(), 'mona-layout-'));
});
afterEach(async () => {
  await rm(vault, { recursive: true, force: true });
});

async function owner(path: string): Promise<string> {
  const stats = await stat(path);
  return `${stats.uid}:${stats.gid} ${(stats.mode & 0o7777).toString(8).padStart(4, '0')}`;
}

describe('not as root', () => {
  it('makes the same folders, 0750 for projects and 0700 for homes, and leaves existing ones alone', async () => {
    const areas = await ensureProjectAreas(vault, { id: 'P0001', gid: null }, { asRoot: false });
    expect(areas).toEqual({
      data: join(vault, 'projects', 'P0001', 'P0001_Data'),
      gem: join(vault, 'projects', 'P0001', 'P0001_Gem'),
    });
    const home = await ensureHome(vault, { username: 'anna.berg', uid: null, gid: null }, { asRoot: false });
    expect(home).toEqual({
      home: join(vault, 'home', 'anna.berg'),
      myDocuments: join(vault, 'home', 'anna.berg', 'My Documents'),
      inbox: join(vault, 'home', 'anna.berg', 'My Documents', 'InBox'),
    });
    const mode = async (path: string) => ((await stat(path)).mode & 0o7777).toString(8);
    for (const path of [join(vault, 'projects'), join(vault, 'projects', 'P0001'), areas.data, areas.gem]) {
      expect(await mode(path)).toBe('750');
    }
    for (const path of [join(vault, 'home'), home.home, home.myDocuments, home.inbox]) {
      expect(await mode(path)).toBe('700');
    }
    await chmod(areas.gem, 0o755);
    expect(await ensureProjectAreas(vault, { id: 'P0001', gid: null }, { asRoot: false })).toEqual(areas);
    expect(await mode(areas.gem)).toBe('755');
  });

  it('refuses quota images, which need root', async () => {
    await expect(
      ensureHome(
        vault,
        { username: 'anna', uid: null, gid: null },
        { asRoot: false },
        { imageBytes: 1 << 20 },
      ),
    ).rejects.toThrow('quota images need mona to run as root');
  });
});

it('refuses a link or a file in place of a folder, and changes nothing through the link', async () => {
  const elsewhere = await mkdtemp(join(tmpdir(), 'mona-layout-elsewhere-'));
  try {
    const before = await owner(elsewhere);
    const gem = join(vault, 'projects', 'P0002', 'P0002_Gem');
    await mkdir(join(vault, 'projects', 'P0002'), { recursive: true });
    await symlink(elsewhere, gem);
    await mkdir(join(vault, 'home'));
    await writeFile(join(vault, 'home', 'anna'), '');
    const owners = { asRoot: process.getuid?.() === 0 };
    await expect(ensureProjectAreas(vault, { id: 'P0002', gid: PROJECT_GID }, owners)).rejects.toMatchObject({
      reason: 'symlink',
      message: `${gem} is a link, not a folder`,
    });
    expect(await owner(elsewhere)).toBe(before);
    await expect(ensureHome(vault, { username: 'anna', uid: USER_ID, gid: USER_ID }, owners)).rejects.toThrow(
      `${join(vault, 'home', 'anna')} is a file, not a folder`,
    );
  } finally {
    await rm(elsewhere, { recursive: true, force: true });
  }
});

// Owners can only be set by root. CI runs as root; elsewhere the first test fails rather than the rest
// passing unseen.
const asRoot = process.getuid?.() === 0;
it('runs as root, so that the tests of owners and modes below are not skipped', () => {
  expect(asRoot, 'run the storage tests as root, as CI does').toBe(true);
});

describe.runIf(asRoot)('as root', () => {
  it('sets the owners and modes that keep projects and users apart', async () => {
    const areas = await ensureProjectAreas(vault, { id: 'P0001', gid: PROJECT_GID }, { asRoot: true });
    const home = await ensureHome(vault, { username: 'anna', uid: USER_ID, gid: USER_ID }, { asRoot: true });
    expect(await owner(vault)).toBe('0:0 0711');
    expect(await owner(join(vault, 'projects'))).toBe('0:0 0711');
    expect(await owner(join(vault, 'projects', 'P0001'))).toBe(`0:${PROJECT_GID} 0750`);
    expect(await owner(areas.data)).toBe(`0:${PROJECT_GID} 2750`);
    expect(await owner(areas.gem)).toBe(`0:${PROJECT_GID} 3770`);
    expect(await owner(join(vault, 'home'))).toBe('0:0 0711');
    expect(await owner(home.home)).toBe(`0:${USER_ID} 0750`);
    expect(await owner(home.myDocuments)).toBe(`${USER_ID}:${USER_ID} 0700`);
    expect(await owner(home.inbox)).toBe(`${USER_ID}:${USER_ID} 0700`);
  });

  it('repairs owners and modes on every call', async () => {
    const areas = await ensureProjectAreas(vault, { id: 'P0001', gid: PROJECT_GID }, { asRoot: true });
    const home = await ensureHome(vault, { username: 'anna', uid: USER_ID, gid: USER_ID }, { asRoot: true });
    await chmod(areas.gem, 0o777);
    await chmod(home.myDocuments, 0o755);
    await ensureProjectAreas(vault, { id: 'P0001', gid: PROJECT_GID }, { asRoot: true });
    await ensureHome(vault, { username: 'anna', uid: USER_ID, gid: USER_ID }, { asRoot: true });
    expect(await owner(areas.gem)).toBe(`0:${PROJECT_GID} 3770`);
    expect(await owner(home.myDocuments)).toBe(`${USER_ID}:${USER_ID} 0700`);
  });

  it('refuses to make folders for a project or user without Unix ids', async () => {
    await expect(ensureProjectAreas(vault, { id: 'P0001', gid: null }, { asRoot: true })).rejects.toThrow(
      'project P0001 has no Unix group id',
    );
    await expect(
      ensureHome(vault, { username: 'anna', uid: null, gid: null }, { asRoot: true }),
    ).rejects.toThrow('user anna has no Unix user id');
  });
});
