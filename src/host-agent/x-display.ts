import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { isErrorCode } from '../storage/safe-path.js';

const SOCKET_DIR = '/tmp/.X11-unix';
const FIRST_DISPLAY = 20;
const LAST_DISPLAY = 999;

function displayFiles(display: number): string[] {
  return [`${SOCKET_DIR}/X${display}`, `/tmp/.X${display}-lock`];
}

/**
 * The X servers' socket folder, root's and open to all (sticky): a user's Xvnc would otherwise make it its own.
 * Refuses one that someone else made.
 */
export async function ensureSocketDir(): Promise<void> {
  await mkdir(SOCKET_DIR, { mode: 0o1777 }).catch((error: unknown) => {
    if (!isErrorCode(error, 'EEXIST')) throw error;
  });
  const info = await lstat(SOCKET_DIR);
  if (!info.isDirectory() || info.uid !== 0) throw new Error(`${SOCKET_DIR} is not a folder of root's`);
  if ((info.mode & 0o7777) !== 0o1777) await chmod(SOCKET_DIR, 0o1777);
}

/** The first display from :20 up with neither a socket nor a lock file, and not in `claimed`. */
export function freeDisplay(claimed: Set<number>): number {
  for (let display = FIRST_DISPLAY; display <= LAST_DISPLAY; display++) {
    if (!claimed.has(display) && !displayFiles(display).some((path) => existsSync(path))) return display;
  }
  throw new Error(`no free X display between :${FIRST_DISPLAY} and :${LAST_DISPLAY}`);
}

export function displaySocket(display: number): string {
  return `${SOCKET_DIR}/X${display}`;
}

/** What a killed Xvnc leaves behind; only the session user's, so that a display reused since is left alone. */
export async function removeDisplayFiles(display: number, uid: number): Promise<void> {
  for (const path of displayFiles(display)) {
    const info = await lstat(path).catch(() => null);
    if (info?.uid === uid) {
      await unlink(path).catch((error: unknown) => {
        if (!isErrorCode(error, 'ENOENT')) throw error;
      });
    }
  }
}
