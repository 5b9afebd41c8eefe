import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import {
  CommandError,
  ensureUnixGroup,
  ensureUnixUser,
  removeFromGroup,
  runCommand,
  runningAsRoot,
  unixGroupName,
  unixUserName,
} from './unix-accounts.js';
import { ensureHome, ensureProjectAreas } from './vault-layout.js';

const DATA = new TextEncoder().encode('id,value\n');
const DEBIAN_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

describe('unixUserName', () => {
  it('keeps a name recognisable, dots becoming underscores', () => {
    expect(unixUserName('anna.berg')).toBe('m-anna_berg');
    expect(unixUserName('erik-2')).toBe('m-erik-2');
  });

  it('keeps names apart that differ only in a dot or an underscore, or after the 20th character', () => {
    const names = [
      'a.b',
      'a_b',
      'a._b',
      'a_.b',
      'anna_berg',
      `x${'y'.repeat(29)}`,
      `x${'y'.repeat(30)}`,
      `x${'y'.repeat(31)}`,
      `x${'y'.repeat(30)}.`,
      `x${'y'.repeat(30)}_`,
    ];
    const mapped = names.map(unixUserName);
    expect(new Set(mapped).size).toBe(names.length);
    for (const name of mapped) expect(name).toMatch(DEBIAN_NAME);
    expect(unixUserName('anna_berg')).toMatch(/^mh-anna_berg-[0-9a-f]{8}$/);
  });

  it('refuses what is not a mona username', () => {
    expect(() => unixUserName('-rf')).toThrow('not a mona username');
    expect(() => unixUserName('Anna')).toThrow('not a mona username');
  });
});

describe('unixGroupName', () => {
  it('names a project group, and only for a project id', () => {
    expect(unixGroupName('P0001')).toBe('mona-p0001');
    expect(unixGroupName('P123456')).toBe('mona-p123456');
    expect(() => unixGroupName('root')).toThrow('not a project id');
  });
});

// The tests below create real accounts, so they need root. CI runs as root; elsewhere the first test fails
// rather than the rest passing unseen.
const asRoot = runningAsRoot();
it('runs as root, so that the tests with real Unix accounts below are not skipped', () => {
  expect(asRoot, 'run the storage tests as root, as CI does').toBe(true);
});

describe.runIf(asRoot)('with real Unix accounts', () => {
  // "mt-" and a random tag: no name here can be a real account's.
  const tag = randomBytes(3).toString('hex');
  const name = (label: string) => `mt-${tag}-${label}`;
  const users: string[] = [];
  const groups: string[] = [];

  async function exists(database: 'passwd' | 'group', key: string): Promise<boolean> {
    try {
      await runCommand('getent', [database, key]);
      return true;
    } catch (error) {
      if (error instanceof CommandError && error.exitCode === 2) return false;
      throw error;
    }
  }

  /** An id that is neither a uid nor a gid here. */
  async function freeId(): Promise<number> {
    for (;;) {
      const id = randomInt(3_000_000, 3_999_999);
      if (!(await exists('passwd', String(id))) && !(await exists('group', String(id)))) return id;
    }
  }

  async function newGroup(label: string): Promise<{ name: string; gid: number }> {
    const group = { name: name(label), gid: await freeId() };
    groups.push(group.name);
    await ensureUnixGroup(group.name, group.gid);
    return group;
  }

  async function newUser(
    label: string,
    home: string,
    memberOf: string[],
  ): Promise<{ name: string; uid: number }> {
    const user = { name: name(label), uid: await freeId() };
    users.push(user.name);
    groups.push(user.name);
    await ensureUnixUser(user.name, user.uid, home, memberOf);
    return user;
  }

  /** 'ok', or what the command said when it failed as that user. */
  async function as(user: string, ...command: string[]): Promise<string> {
    try {
      await runCommand('runuser', ['-u', user, '--', ...command]);
      return 'ok';
    } catch (error) {
      if (error instanceof CommandError && error.exitCode !== null) return error.message;
      throw error;
    }
  }

  async function entry(database: 'passwd' | 'group', key: string): Promise<string[]> {
    return (await runCommand('getent', [database, key])).trim().split(':');
  }

  afterAll(async () => {
    for (const user of users) if (await exists('passwd', user)) await runCommand('userdel', [user]);
    for (const group of groups) if (await exists('group', group)) await runCommand('groupdel', [group]);
    for (const each of [...users, ...groups]) {
      expect(await exists('passwd', each)).toBe(false);
      expect(await exists('group', each)).toBe(false);
    }
  });

  describe('ensureUnixGroup', () => {
    it('adds the group once, and refuses a name or gid already taken otherwise', async () => {
      const group = await newGroup('g');
      await ensureUnixGroup(group.name, group.gid);
      expect(await entry('group', group.name)).toEqual([group.name, 'x', String(group.gid), '']);
      await expect(ensureUnixGroup(group.name, group.gid + 1)).rejects.toThrow(
        `Unix group ${group.name} already exists with gid ${group.gid}, not ${group.gid + 1}`,
      );
      await expect(ensureUnixGroup(name('other'), group.gid)).rejects.toThrow(
        `gid ${group.gid} already belongs to Unix group ${group.name}`,
      );
      expect(await exists('group', name('other'))).toBe(false);
    });

    it('refuses a name the system tools would read as an option', async () => {
      await expect(ensureUnixGroup('-g0', 5)).rejects.toThrow('not a valid Unix user or group name');
    });
  });

  describe('ensureUnixUser', () => {
    it('adds a locked account without a shell, with a personal group of its number, and its project groups', async () => {
      const project = await newGroup('pa');
      const user = await newUser('ua', '/nonexistent/mona/My Documents', [project.name]);
      expect(await entry('passwd', user.name)).toEqual([
        user.name,
        'x',
        String(user.uid),
        String(user.uid),
        'mona user',
        '/nonexistent/mona/My Documents',
        '/usr/sbin/nologin',
      ]);
      expect(await entry('group', String(user.uid))).toEqual([user.name, 'x', String(user.uid), '']);
      expect((await entry('group', project.name))[3]).toBe(user.name);
      expect((await runCommand('passwd', ['-S', user.name])).split(' ')[1]).toBe('L');
    });

    it('is idempotent, adds further groups, follows a new home, and refuses another uid for the name', async () => {
      const first = await newGroup('pb1');
      const second = await newGroup('pb2');
      const user = await newUser('ub', '/nonexistent/a', [first.name]);
      await ensureUnixUser(user.name, user.uid, '/nonexistent/b', [first.name, second.name]);
      expect((await entry('passwd', user.name))[5]).toBe('/nonexistent/b');
      expect((await runCommand('id', ['-nG', user.name])).trim().split(' ').sort()).toEqual(
        [user.name, first.name, second.name].sort(),
      );
      await expect(ensureUnixUser(user.name, user.uid + 1, '/nonexistent/b', [])).rejects.toThrow(
        `already exists with gid ${user.uid}`,
      );
    });

    it('leaves the account files alone, even while another tool holds their lock, when nothing changes', async () => {
      const project = await newGroup('pl');
      const user = await newUser('ul', '/nonexistent/l', [project.name]);
      // Held as shadow's tools hold it (a file naming a live process): usermod would wait for it, then fail.
      const lock = '/etc/group.lock';
      for (let tries = 0; ; tries += 1) {
        const taken = await writeFile(lock, String(process.pid), { flag: 'wx' }).then(
          () => true,
          () => false,
        );
        if (taken) break;
        if (tries === 100) throw new Error(`${lock} is held by another process`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      try {
        const groups = await ensureUnixUser(user.name, user.uid, '/nonexistent/l', [project.name]);
        expect(groups).toEqual([user.name, project.name]);
      } finally {
        await rm(lock);
      }
    }, 10_000);

    it('refuses a uid another account has, and an account made by hand with another uid', async () => {
      const user = await newUser('uc', '/nonexistent/c', []);
      await expect(ensureUnixUser(name('ud'), user.uid, '/nonexistent/d', [])).rejects.toThrow(
        `gid ${user.uid} already belongs to Unix group ${user.name}`,
      );
      expect(await exists('passwd', name('ud'))).toBe(false);

      const group = await newGroup('ue');
      users.push(group.name);
      await runCommand('useradd', [
        '-u',
        String(await freeId()),
        '-g',
        String(group.gid),
        '-M',
        '-N',
        group.name,
      ]);
      await expect(ensureUnixUser(group.name, group.gid, '/nonexistent/e', [])).rejects.toThrow(
        `Unix user ${group.name} already exists with uid`,
      );
    });
  });

  describe('removeFromGroup', () => {
    it('takes the account out of the group, and does nothing the second time', async () => {
      const project = await newGroup('pf');
      const user = await newUser('uf', '/nonexistent/f', [project.name]);
      await removeFromGroup(user.name, project.name);
      await removeFromGroup(user.name, project.name);
      expect((await entry('group', project.name))[3]).toBe('');
    });
  });

  describe('the operating system keeps projects and users apart', () => {
    let vault: string;
    beforeAll(async () => {
      vault = await mkdtemp(join(tmpdir(), 'mona-vault-'));
    });
    afterAll(async () => {
      await rm(vault, { recursive: true, force: true });
    });

    it('lets members into their own project only, Data read-only and Gem shared, and users into their own home', async () => {
      const p1 = await newGroup('p1');
      const p2 = await newGroup('p2');
      const areas1 = await ensureProjectAreas(vault, { id: 'P0001', gid: p1.gid }, { asRoot: true });
      const areas2 = await ensureProjectAreas(vault, { id: 'P0002', gid: p2.gid }, { asRoot: true });
      // A delivery, as root; the folder gives the file its project's group.
      for (const areas of [areas1, areas2])
        await writeFileAtomic(join(areas.data, 'released.csv'), DATA, 0o640);
      expect((await stat(join(areas1.data, 'released.csv'))).gid).toBe(p1.gid);
      const home = (user: string) => join(vault, 'home', user, 'My Documents');
      const anna = await newUser('anna', home(name('anna')), [p1.name]);
      const bo = await newUser('bo', home(name('bo')), [p2.name]);
      const annas = await ensureHome(
        vault,
        { username: anna.name, uid: anna.uid, gid: anna.uid },
        { asRoot: true },
      );
      const bos = await ensureHome(vault, { username: bo.name, uid: bo.uid, gid: bo.uid }, { asRoot: true });
      const denied = /Permission denied/;

      // Anna in her project: reads Data, cannot write it; writes Gem, and what she makes there is the project's.
      expect(await as(anna.name, 'cat', join(areas1.data, 'released.csv'))).toBe('ok');
      expect(await as(anna.name, 'touch', join(areas1.data, 'mine.csv'))).toMatch(denied);
      expect(await as(anna.name, 'touch', join(areas1.data, 'released.csv'))).toMatch(denied);
      expect(await as(anna.name, 'touch', join(areas1.gem, 'notes.txt'))).toBe('ok');
      expect(await as(anna.name, 'mkdir', join(areas1.gem, 'anna'))).toBe('ok');
      expect((await stat(join(areas1.gem, 'notes.txt'))).gid).toBe(p1.gid);
      expect((await stat(join(areas1.gem, 'anna'))).gid).toBe(p1.gid);

      // Not in the other project, and cannot even list which projects there are.
      expect(await as(anna.name, 'ls', join(vault, 'projects', 'P0002'))).toMatch(denied);
      expect(await as(anna.name, 'cat', join(areas2.data, 'released.csv'))).toMatch(denied);
      expect(await as(anna.name, 'touch', join(areas2.gem, 'x'))).toMatch(denied);
      expect(await as(anna.name, 'ls', join(vault, 'projects'))).toMatch(denied);
      expect(await as(bo.name, 'ls', join(vault, 'projects', 'P0001'))).toMatch(denied);
      expect(await as(bo.name, 'cat', join(areas1.gem, 'notes.txt'))).toMatch(denied);
      expect(await as(bo.name, 'touch', join(areas2.gem, 'bo.txt'))).toBe('ok');

      // Homes: her own My Documents and InBox, nothing outside them, nobody else's.
      expect(await as(anna.name, 'touch', join(annas.inbox, 'in.csv'))).toBe('ok');
      expect(await as(anna.name, 'touch', join(annas.myDocuments, 'doc.txt'))).toBe('ok');
      expect(await as(anna.name, 'touch', join(annas.home, 'beside.txt'))).toMatch(denied);
      expect(await as(anna.name, 'mv', annas.myDocuments, join(annas.home, 'moved'))).toMatch(denied);
      expect(await as(anna.name, 'ls', bos.home)).toMatch(denied);
      expect(await as(anna.name, 'ls', bos.inbox)).toMatch(denied);
      expect(await as(bo.name, 'cat', join(annas.inbox, 'in.csv'))).toMatch(denied);
      expect(await as(anna.name, 'ls', join(vault, 'home'))).toMatch(denied);

      // Bo joins project 1: he reads Gem but cannot delete Anna's folder in it; when he leaves, he is out again.
      await ensureUnixUser(bo.name, bo.uid, home(bo.name), [p1.name]);
      expect(await as(bo.name, 'cat', join(areas1.gem, 'notes.txt'))).toBe('ok');
      expect(await as(bo.name, 'cat', join(areas1.data, 'released.csv'))).toBe('ok');
      expect(await as(bo.name, 'rmdir', join(areas1.gem, 'anna'))).toMatch(/Operation not permitted/);
      await removeFromGroup(bo.name, p1.name);
      expect(await as(bo.name, 'ls', join(vault, 'projects', 'P0001'))).toMatch(denied);
    });
  });
});
