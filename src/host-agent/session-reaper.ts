import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { sessionCgroupPids } from './session-cgroup.js';
import { netnsInodeOf } from './session-process.js';

/** What tells a session's processes apart from all others on the host. */
export interface SessionProcesses {
  sessionId: string;
  uid: number;
  netnsInode: number;
}

/** A process's real uid and whether it has already exited; null when it is gone. */
export async function processStatus(
  pid: number,
): Promise<{ uid: number; name: string; zombie: boolean } | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (!status) return null;
  const field = (name: string) => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(status)?.[1] ?? '';
  return { uid: Number(field('Uid')), name: field('Name'), zombie: field('State') === 'Z' };
}

/**
 * The live processes of the session: those in its network namespace running as its user (the uid guards
 * against a later namespace that was given the same inode), and everything in its cgroup.
 */
export async function sessionPids(session: SessionProcesses): Promise<number[]> {
  const found = new Set<number>();
  for (const pid of await sessionCgroupPids(session.sessionId)) {
    const status = await processStatus(pid);
    if (status && !status.zombie) found.add(pid);
  }
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (found.has(pid) || (await netnsInodeOf(pid)) !== session.netnsInode) continue;
    const status = await processStatus(pid);
    if (status && !status.zombie && status.uid === session.uid) found.add(pid);
  }
  return [...found];
}

/** SIGTERM to all, and after a grace SIGKILL to whatever is left or was forked meanwhile, until none is. */
export async function endSessionProcesses(session: SessionProcesses, graceMs = 2000): Promise<void> {
  let pids = await sessionPids(session);
  signal(pids, 'SIGTERM');
  const graceEnd = Date.now() + graceMs;
  while (pids.length > 0 && Date.now() < graceEnd) {
    await sleep(50);
    pids = await sessionPids(session);
  }
  for (let round = 0; pids.length > 0; round++) {
    if (round === 100)
      throw new Error(`session ${session.sessionId}: processes ${pids.join(' ')} do not end`);
    signal(pids, 'SIGKILL');
    await sleep(50);
    pids = await sessionPids(session);
  }
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // Gone already.
    }
  }
}
