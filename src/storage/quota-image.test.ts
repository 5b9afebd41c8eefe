import { mkdir, mkdtemp, readdir, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureQuotaImage, unmountQuotaImage, unmountQuotaImages } from './quota-image.js';
import { runCommand } from './unix-accounts.js';
import { ensureHome } from './vault-layout.js';

const MB = 1024 * 1024;
const USER_ID = 3_777_003;

/** The options of each filesystem mounted on `path`, which mountinfo writes with a space as \040. */
async function mountsAt(path: string): Promise<string[]> {
  const escaped = path.replaceAll(' ', '\\040');
  const mounts = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n').map((line) => line.split(' '));
  return mounts.filter((fields) => fields[4] === escaped).map((fields) => fields[5] ?? '');
}

// Loop mounts need root. CI runs as root; elsewhere the first test fails rather than the rest passing unseen.
const asRoot = process.getuid?.() === 0;
it('runs as root, so that the tests with real loop mounts below are not skipped', () => {
  expect(asRoot, 'run the storage tests as root, as CI does').toBe(true);
});

describe.runIf(asRoot)('a quota image mounted as My Documents', () => {
  let vault: string;
  let image: string;
  let mountPoint: string;
  beforeEach(async () => {
    vault = await mkdtemp(join(tmpdir(), 'mona-quota-image-'));
    await mkdir(join(vault, 'quota-images'), { mode: 0o700 });
    image = join(vault, 'quota-images', 'anna.img');
    mountPoint = join(vault, 'My Documents');
    await mkdir(mountPoint);
  });
  afterEach(async () => {
    for (const path of [mountPoint, join(vault, 'home', 'anna', 'My Documents')]) {
      while ((await mountsAt(path)).length > 0) await runCommand('umount', [path]);
    }
    await rm(vault, { recursive: true, force: true });
  });

  const quota = 2 * MB;
  const input = () => ({ image, mountPoint, bytes: quota, uid: USER_ID, gid: USER_ID });

  it('is made once, mounted once, out of its owner’s reach, and handed to its owner', async () => {
    expect(await Promise.all([ensureQuotaImage(input()), ensureQuotaImage(input())])).toEqual([
      'mounted',
      'mounted',
    ]);
    expect(await ensureQuotaImage(input())).toBe('already-mounted');
    expect(await mountsAt(mountPoint)).toEqual([expect.stringMatching(/^rw,nosuid,nodev,noexec\b/)]);

    const imageStats = await stat(image);
    expect([imageStats.uid, imageStats.mode & 0o777]).toEqual([0, 0o600]);
    const rootStats = await stat(mountPoint);
    expect([rootStats.uid, rootStats.gid, rootStats.mode & 0o7777]).toEqual([USER_ID, USER_ID, 0o700]);
    expect(await readdir(mountPoint)).toEqual([]);
  });

  it('holds the quota, and a write beyond its size fails with ENOSPC', async () => {
    await ensureQuotaImage(input());
    const room = await statfs(mountPoint);
    expect(room.bavail * room.bsize).toBeGreaterThanOrEqual(quota);
    await writeFile(join(mountPoint, 'fits.bin'), Buffer.alloc(quota));
    await expect(writeFile(join(mountPoint, 'too-much.bin'), Buffer.alloc(quota))).rejects.toMatchObject({
      code: 'ENOSPC',
    });
  });

  it('leaves room for the default quota of 250 MB too', async () => {
    await ensureQuotaImage({ ...input(), bytes: 250 * MB });
    const room = await statfs(mountPoint);
    expect(room.bavail * room.bsize).toBeGreaterThanOrEqual(250 * MB);
  });

  it('keeps its files when unmounted and mounted again', async () => {
    await ensureQuotaImage(input());
    await writeFile(join(mountPoint, 'kept.csv'), 'a,b\n');
    await unmountQuotaImage(mountPoint);
    await unmountQuotaImage(mountPoint);
    expect(await mountsAt(mountPoint)).toEqual([]);
    expect(await readdir(mountPoint)).toEqual([]);
    expect(await ensureQuotaImage(input())).toBe('mounted');
    expect(await readFile(join(mountPoint, 'kept.csv'), 'utf8')).toBe('a,b\n');
  });

  it('are all unmounted at once, those of one vault only, leaving other mounts alone', async () => {
    await ensureQuotaImage(input());
    const second = join(vault, 'My Documents 2');
    await mkdir(second);
    await ensureQuotaImage({ ...input(), image: join(vault, 'quota-images', 'bo.img'), mountPoint: second });
    const elsewhere = join(vault, 'elsewhere');
    await mkdir(elsewhere);
    await runCommand('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', elsewhere]);
    try {
      expect(await unmountQuotaImages(join(vault, 'other-vault', 'quota-images'))).toEqual([]);
      expect(await mountsAt(mountPoint)).toHaveLength(1);
      expect(await unmountQuotaImages(join(vault, 'quota-images'))).toEqual([]);
      expect([await mountsAt(mountPoint), await mountsAt(second)]).toEqual([[], []]);
      expect(await mountsAt(elsewhere)).toHaveLength(1);
    } finally {
      await runCommand('umount', [elsewhere]);
    }
  });

  it('refuses to mount over another image or anything else', async () => {
    await ensureQuotaImage(input());
    const other = join(vault, 'quota-images', 'bo.img');
    await expect(ensureQuotaImage({ ...input(), image: other })).rejects.toThrow(
      `${mountPoint} already has ${image} mounted on it, not ${other}`,
    );
    expect(await readdir(join(vault, 'quota-images'))).toEqual(['anna.img']);
    await unmountQuotaImage(mountPoint);
    await runCommand('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
    await expect(ensureQuotaImage(input())).rejects.toThrow(`${mountPoint} already has tmpfs mounted on it`);
  });

  it('is My Documents when ensureHome is given a size, with InBox made inside it', async () => {
    const user = { username: 'anna', uid: USER_ID, gid: USER_ID };
    const home = await ensureHome(vault, user, { asRoot: true }, { imageBytes: quota });
    await ensureHome(vault, user, { asRoot: true }, { imageBytes: quota });
    expect(await mountsAt(home.myDocuments)).toHaveLength(1);
    expect((await stat(home.inbox)).dev).toBe((await stat(home.myDocuments)).dev);
    expect((await stat(home.myDocuments)).dev).not.toBe((await stat(home.home)).dev);
    expect((await stat(join(vault, 'quota-images', 'anna.img'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(vault, 'quota-images'))).mode & 0o777).toBe(0o700);
    const inbox = await stat(home.inbox);
    expect([inbox.uid, inbox.gid, inbox.mode & 0o7777]).toEqual([USER_ID, USER_ID, 0o700]);
  });
});
