import { existsSync } from 'node:fs';
import { mkdir, readFile, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isErrorCode } from '../storage/safe-path.js';

/**
 * A cgroup per session holds every process of it, however started: a process can make itself a network
 * namespace of its own (through an unprivileged user namespace) and so leave the session's, but no process
 * other than root's can leave its cgroup. The v1 "pids" hierarchy when mounted, else a unified (v2) one.
 */
const HIERARCHIES = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup'];

function sessionCgroupDir(sessionId: string): string | null {
  const root = HIERARCHIES.find((dir) => existsSync(join(dir, 'cgroup.procs')));
  return root ? join(root, 'mona', sessionId) : null;
}

/** Makes the session's cgroup; its `cgroup.procs`, or null on a host without cgroups. */
export async function createSessionCgroup(sessionId: string): Promise<string | null> {
  const dir = sessionCgroupDir(sessionId);
  if (!dir) return null;
  await mkdir(dir, { recursive: true });
  return join(dir, 'cgroup.procs');
}

/** The `cgroup.procs` of the session's cgroup if it exists. */
export function sessionCgroupProcs(sessionId: string): string | null {
  const dir = sessionCgroupDir(sessionId);
  return dir && existsSync(dir) ? join(dir, 'cgroup.procs') : null;
}

export async function sessionCgroupPids(sessionId: string): Promise<number[]> {
  const procs = sessionCgroupProcs(sessionId);
  if (!procs) return [];
  const text = await readFile(procs, 'utf8').catch((error: unknown) => {
    if (isErrorCode(error, 'ENOENT')) return '';
    throw error;
  });
  return text.split('\n').filter(Boolean).map(Number);
}

/** Removes the session's cgroup. Killed processes leave it only once reaped, which can take a moment. */
export async function removeSessionCgroup(sessionId: string): Promise<void> {
  const dir = sessionCgroupDir(sessionId);
  if (!dir) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) return;
      if (!isErrorCode(error, 'EBUSY') || attempt === 100) throw error;
    }
    await sleep(50);
  }
}
