import { lstat, mkdir, mkdtemp, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shortcutName, updateProjectShortcuts } from './project-shortcuts.js';

describe('shortcutName', () => {
  it('is <ID>_<Name> with the name made a safe, readable file name', () => {
    expect(shortcutName({ id: 'P0001', name: 'Labour market 2020' })).toBe('P0001_Labour_market_2020');
    expect(shortcutName({ id: 'P0002', name: 'Hälsa & vård / regioner' })).toBe('P0002_Hälsa_vård_regioner');
    expect(shortcutName({ id: 'P0003', name: '../..' })).toBe('P0003');
    expect(shortcutName({ id: 'P0004', name: 'x'.repeat(300) })).toHaveLength('P0004_'.length + 60);
  });
});

describe('updateProjectShortcuts', () => {
  let root: string;
  let myDocuments: string;
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  const project = (id: string, name: string) => ({ id, name, folder: join(root, 'projects', id) });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mona-shortcuts-'));
    myDocuments = join(root, 'My Documents');
    await mkdir(myDocuments);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('links each project, then removes the links of projects left and renames those renamed', async () => {
    await updateProjectShortcuts({
      myDocuments,
      uid,
      gid,
      projects: [project('P0001', 'A'), project('P0002', 'B')],
    });
    expect((await readdir(myDocuments)).sort()).toEqual(['P0001_A', 'P0002_B']);
    // Where the desktop sees the project: the vault's path is not in there.
    expect(await readlink(join(myDocuments, 'P0001_A'))).toBe('/projects/P0001');
    expect((await lstat(join(myDocuments, 'P0001_A'))).uid).toBe(uid);

    await updateProjectShortcuts({ myDocuments, uid, gid, projects: [project('P0002', 'B2')] });
    expect(await readdir(myDocuments)).toEqual(['P0002_B2']);
  });

  it("replaces a shortcut to the project's folder in the vault by one to where the desktop sees it", async () => {
    await symlink(join(root, 'projects', 'P0001'), join(myDocuments, 'P0001_A'));
    await updateProjectShortcuts({ myDocuments, uid, gid, projects: [project('P0001', 'A')] });
    expect(await readlink(join(myDocuments, 'P0001_A'))).toBe('/projects/P0001');
  });

  it("leaves the user's own files and links alone, even with a project's name", async () => {
    await mkdir(join(myDocuments, 'P0001_A'));
    await symlink('/elsewhere', join(myDocuments, 'P0002_notes'));
    await updateProjectShortcuts({ myDocuments, uid, gid, projects: [project('P0001', 'A')] });
    expect((await lstat(join(myDocuments, 'P0001_A'))).isDirectory()).toBe(true);
    expect(await readlink(join(myDocuments, 'P0002_notes'))).toBe('/elsewhere');
  });
});
