import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isErrorCode, uniqueName } from './safe-path.js';
import { runCommand } from './unix-accounts.js';

export class DeliveryNoRoom extends Error {
  override name = 'DeliveryNoRoom';
}

export interface DeliveryTarget {
  /** The owner's My Documents: staging and InBox lie on its file system (the quota image, as root). */
  myDocuments: string;
  inbox: string;
  /** The owner's Unix account, as root; null when mona runs as an ordinary user. */
  unixUser: string | null;
}

/**
 * Places a checked file in an InBox under a free name; no partial file is
 * ever visible there. The file is first written in full into a staging
 * folder on the same file system, then hard-linked into the InBox (a link,
 * unlike a rename, never replaces a file the user made meanwhile).
 *
 * The staged copy stays until the caller has recorded the delivery and calls
 * clearStaging: a delivery cut short after its link (a crash) is found again
 * through it by earlierDelivery, which the caller asks first, and is not made
 * twice.
 *
 * As root every write is done *as the owner* (runuser): the owner controls
 * their My Documents and could put a link where InBox was, so the kernel must
 * judge each write by the owner's rights, not root's. A full quota image
 * shows as ENOSPC and is reported as DeliveryNoRoom.
 */
export async function deliverFile(
  source: string,
  name: string,
  target: DeliveryTarget,
  stagingName: string,
): Promise<string> {
  const staging = join(target.myDocuments, '.mona-delivery');
  const staged = join(staging, stagingName);
  // A copy left by a run cut short may be partial, or linked where the owner moved it: it is made anew.
  if (await lstat(staged).catch(() => null)) await removeStaged(target, staged);
  if (target.unixUser) await writeAsUser(source, staging, staged, target.unixUser);
  else await writeAsSelf(source, staging, staged);
  try {
    for (;;) {
      const chosen = await uniqueName(target.inbox, name);
      try {
        if (target.unixUser)
          await asUser(target.unixUser, ['ln', '-T', '--', staged, join(target.inbox, chosen)]);
        else await link(staged, join(target.inbox, chosen));
        return chosen;
      } catch (error) {
        if (!isErrorCode(error, 'EEXIST') && !/File exists/.test((error as Error).message)) throw error;
      }
    }
  } catch (error) {
    await removeStaged(target, staged);
    throw error;
  }
}

/** Removes a delivery's staged copy once the delivery is recorded; nothing when there is none. */
export async function clearStaging(target: DeliveryTarget, stagingName: string): Promise<void> {
  await removeStaged(target, join(target.myDocuments, '.mona-delivery', stagingName));
}

/**
 * The InBox name under which an earlier run of this delivery linked its staged copy, if one did (a crash
 * before the delivery was recorded): the name of the same inode. Only inode numbers are compared, so
 * nothing the owner placed there is read.
 */
export async function earlierDelivery(target: DeliveryTarget, stagingName: string): Promise<string | null> {
  const copy = await lstat(join(target.myDocuments, '.mona-delivery', stagingName)).catch(() => null);
  if (!copy?.isFile() || copy.nlink < 2) return null;
  for (const entry of await readdir(target.inbox).catch(() => [])) {
    const seen = await lstat(join(target.inbox, entry)).catch(() => null);
    if (seen?.ino === copy.ino && seen.dev === copy.dev) return entry;
  }
  return null;
}

async function removeStaged(target: DeliveryTarget, staged: string): Promise<void> {
  if (target.unixUser) await asUser(target.unixUser, ['rm', '-f', '--', staged]).catch(() => {});
  else await unlink(staged).catch(() => {});
}

async function writeAsSelf(source: string, staging: string, staged: string): Promise<void> {
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    await copyFile(source, staged);
    const handle = await open(staged, 'r');
    await handle.sync();
    await handle.close();
  } catch (error) {
    await unlink(staged).catch(() => {});
    if (isErrorCode(error, 'ENOSPC') || isErrorCode(error, 'EDQUOT'))
      throw new DeliveryNoRoom('no room left in My Documents');
    throw error;
  }
}

async function writeAsUser(source: string, staging: string, staged: string, user: string): Promise<void> {
  await asUser(user, ['mkdir', '-p', '-m', '0700', '--', staging]);
  // Root reads the quarantined file; the owner's process writes it, with the owner's rights and quota.
  const child = spawn(
    'runuser',
    ['-u', user, '--', 'dd', `of=${staged}`, 'bs=1M', 'conv=fsync', 'status=none'],
    {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' },
      timeout: 30 * 60_000,
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  await pipeline(createReadStream(source), child.stdin).catch(() => {});
  const code = await exited;
  if (code !== 0) {
    await asUser(user, ['rm', '-f', '--', staged]).catch(() => {});
    if (/No space left|Disk quota exceeded/.test(stderr))
      throw new DeliveryNoRoom('no room left in My Documents');
    throw new Error(`writing the delivery as ${user} failed: ${stderr.trim() || `exit ${code}`}`);
  }
}

function asUser(user: string, command: string[]): Promise<string> {
  return runCommand('runuser', ['-u', user, '--', ...command]);
}
