import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** Creates the data directory if needed and proves it writable, before anything is put in it. */
export function prepareDataDir(dataDir: string): string {
  const absolute = resolve(dataDir);
  try {
    mkdirSync(absolute, { recursive: true });
  } catch (error) {
    throw new DataDirError(`data dir ${absolute} cannot be created: ${explainFsError(error)}`);
  }
  const probe = join(absolute, `.write-test-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new DataDirError(`data dir ${absolute} is not writable: ${explainFsError(error)}`);
  }
  return absolute;
}

function explainFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const meaning: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EEXIST: 'a file of that name is in the way',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
  };
  return (code && meaning[code]) ?? (error as Error).message;
}
