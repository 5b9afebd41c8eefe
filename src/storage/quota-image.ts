import { chmod, chown, lstat, open, readFile, realpath, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrorCode } from './safe-path.js';
import { CommandError, runCommand } from './unix-accounts.js';

/**
 * A session host enforces the My Documents quota with a filesystem of that size: an ext4 image per user,
 * loop-mounted on My Documents. Root only. The image must lie where its user cannot reach it
 * (`<vault>/quota-images`, root 0700), and must be mounted by one host at a time: ext4 is not a shared filesystem.
 */
export interface QuotaImage {
  image: string;
  mountPoint: string;
  /** Room for files; the image is a little larger, for ext4's own tables. */
  bytes: number;
  uid: number;
  gid: number;
}

// Two sessions of one user starting together must not mount the image twice.
const inFlight = new Map<string, Promise<'mounted' | 'already-mounted'>>();

/** Creates the image if missing, mounts it unless it already is, and hands its root to the user (0700). */
export async function ensureQuotaImage(input: QuotaImage): Promise<'mounted' | 'already-mounted'> {
  const key = await realpath(input.mountPoint);
  const pending = inFlight.get(key) ?? mountImage(input, key).finally(() => inFlight.delete(key));
  inFlight.set(key, pending);
  return pending;
}

export async function unmountQuotaImage(mountPoint: string): Promise<void> {
  const path = await realpath(mountPoint);
  if ((await mountedLoopImage(path)) !== null) await runCommand('umount', [path]);
}

/**
 * Unmounts every image of the folder `imagesDir` that is mounted: when `mona start` stops, so that its data dir
 * can be deleted. Answers the mount points that could not be unmounted (busy), each with why.
 */
export async function unmountQuotaImages(imagesDir: string): Promise<string[]> {
  const images = `${await realpath(imagesDir).catch(() => imagesDir)}/`;
  const mountPoints = (await readFile('/proc/self/mountinfo', 'utf8'))
    .split('\n')
    .map((entry) => unescapeMountPath(entry.split(' ')[4] ?? ''))
    .filter(Boolean);
  const failed: string[] = [];
  // The last mounted first: one mounted on top of another comes off before it.
  for (const mountPoint of [...new Set(mountPoints)].reverse()) {
    const image = await mountedLoopImage(mountPoint).catch(() => null);
    if (!image?.startsWith(images)) continue;
    await runCommand('umount', [mountPoint]).catch((error: Error) =>
      failed.push(`${mountPoint}: ${error.message}`),
    );
  }
  return failed;
}

async function mountImage(input: QuotaImage, mountPoint: string): Promise<'mounted' | 'already-mounted'> {
  // The kernel names the backing file by its real path.
  const image = join(await realpath(dirname(input.image)), basename(input.image));
  const mounted = await mountedLoopImage(mountPoint);
  if (mounted === null) {
    const created = await createImage(image, input.bytes);
    await checkFilesystem(image);
    // noexec and nosuid: nothing a user brings into My Documents runs as a program or with privileges.
    await runCommand('mount', ['-t', 'ext4', '-o', 'loop,nosuid,nodev,noexec', image, mountPoint]);
    // mkfs's lost+found would be the one folder in My Documents its owner cannot open; e2fsck makes it when needed.
    if (created) await rmdir(join(mountPoint, 'lost+found'));
  } else if (mounted !== image) {
    throw new Error(`${mountPoint} already has ${mounted} mounted on it, not ${image}`);
  }
  await chown(mountPoint, input.uid, input.gid);
  await chmod(mountPoint, 0o700);
  return mounted === null ? 'mounted' : 'already-mounted';
}

/** Makes the image (sparse, 0600) and its filesystem unless it exists; never leaves a half-made one. */
async function createImage(image: string, bytes: number): Promise<boolean> {
  try {
    await lstat(image);
    return false;
  } catch (error) {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  }
  const partial = `${image}.partial`;
  await rm(partial, { force: true });
  const handle = await open(partial, 'wx', 0o600);
  try {
    // Measured overhead of ext4 without a journal, "-T default": 3.5 % of the size, and ~80 KiB however small.
    await handle.truncate(Math.ceil((bytes * 1.05 + 1024 * 1024) / 4096) * 4096);
  } finally {
    await handle.close();
  }
  // -m 0: no blocks reserved for root. No journal, so that the room is predictable; checkFilesystem makes up for it.
  await runCommand(
    'mkfs.ext4',
    ['-q', '-F', '-T', 'default', '-m', '0', '-O', '^has_journal', partial],
    120_000,
  );
  await rename(partial, image);
  return true;
}

/** Without a journal, an image left unclean by a crashed host is repaired before it is mounted again. */
async function checkFilesystem(image: string): Promise<void> {
  try {
    await runCommand('e2fsck', ['-p', image], 600_000);
  } catch (error) {
    // Exit status 1: errors were found and corrected.
    if (!(error instanceof CommandError && error.exitCode === 1)) throw error;
  }
}

/** The image file loop-mounted at `mountPoint` (a real path), or null when nothing is mounted there. */
async function mountedLoopImage(mountPoint: string): Promise<string | null> {
  const mounts = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n');
  // The last mount on a path is the one in effect.
  const line = mounts.findLast((entry) => unescapeMountPath(entry.split(' ')[4] ?? '') === mountPoint);
  if (line === undefined) return null;
  const source = line.split(' - ')[1]?.split(' ')[1] ?? '';
  const loop = /^\/dev\/(loop[0-9]+)$/.exec(source);
  if (!loop) throw new Error(`${mountPoint} already has ${source} mounted on it, not a quota image`);
  return (await readFile(`/sys/block/${loop[1]}/loop/backing_file`, 'utf8')).trim();
}

/** mountinfo writes a space as \040, and likewise tab, newline and backslash. */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
