import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isUuid } from '../ids.js';
import type { AirlockDeps } from './airlock-deps.js';
import { uploadStates } from './upload-repository.js';

/** Long enough that no upload still under way can be meant. */
const LEFT_FOR_MS = 3600_000;

/**
 * Clears what crashes leave in the quarantine: part files no stream has written to for an hour (a live
 * upload writes all the time; one that stalls that long and then goes on fails, and its user is told),
 * whole files never recorded (their row follows them within milliseconds, so their upload was never
 * accepted), and the files of uploads already delivered or rejected. Answers what it removed.
 */
export async function sweepQuarantine(deps: Pick<AirlockDeps, 'db' | 'quarantineDir' | 'now'>) {
  const names = await readdir(deps.quarantineDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const leftBefore = deps.now().getTime() - LEFT_FOR_MS;
  const isOld = async (name: string) => {
    const info = await stat(join(deps.quarantineDir, name)).catch(() => null);
    return info !== null && info.mtimeMs < leftBefore;
  };
  const ids = names.filter(isUuid);
  const states = await uploadStates(deps.db, ids);
  const removed: string[] = [];
  for (const name of names) {
    const state = states.get(name);
    const leftOver =
      (name.endsWith('.part') && isUuid(name.slice(0, -'.part'.length)) && (await isOld(name))) ||
      (isUuid(name) && state === undefined && (await isOld(name))) ||
      state === 'delivered' ||
      state === 'rejected';
    if (!leftOver) continue;
    await rm(join(deps.quarantineDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
