import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrorCode } from './safe-path.js';

/**
 * Bytes in the regular files below `dir`: links are not followed and a file with several hard links
 * counts once. A file removed while this runs is simply not counted.
 */
export async function directoryUsage(dir: string): Promise<number> {
  const linked = new Set<string>();
  let total = 0;
  const walk = async (folder: string): Promise<void> => {
    for (const name of (await unlessGone(readdir(folder))) ?? []) {
      const path = join(folder, name);
      const stats = await unlessGone(lstat(path));
      if (stats?.isDirectory()) await walk(path);
      if (!stats?.isFile()) continue;
      if (stats.nlink > 1) {
        const inode = `${stats.dev}:${stats.ino}`;
        if (linked.has(inode)) continue;
        linked.add(inode);
      }
      total += stats.size;
    }
  };
  await lstat(dir); // a missing folder is an error, not an empty one
  await walk(dir);
  return total;
}

async function unlessGone<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return null;
    throw error;
  }
}

const MB = 1024 * 1024;

export class QuotaExceededError extends Error {
  constructor(
    readonly usedBytes: number,
    readonly quotaBytes: number,
    readonly incomingBytes: number,
  ) {
    // In tenths of a MB; an excess of one byte still reads as more than the quota.
    const quota = Math.floor((quotaBytes / MB) * 10);
    const total = Math.max(Math.round(((usedBytes + incomingBytes) / MB) * 10), quota + 1);
    super(`My Documents would hold ${total / 10} MB of its ${quota / 10} MB`);
    this.name = 'QuotaExceededError';
  }
}

/** Refuses, with the numbers, to put `incomingBytes` more into a My Documents that would then exceed its quota. */
export async function assertRoomFor(
  myDocuments: string,
  incomingBytes: number,
  quotaBytes: number,
): Promise<{ usedBytes: number }> {
  const usedBytes = await directoryUsage(myDocuments);
  if (usedBytes + incomingBytes > quotaBytes) {
    throw new QuotaExceededError(usedBytes, quotaBytes, incomingBytes);
  }
  return { usedBytes };
}
