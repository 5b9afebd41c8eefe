import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { isErrorCode } from '../storage/safe-path.js';

/** A desktop as the agent knows it, and as its state file keeps it for an agent restarted. */
export interface RunningDesktop {
  sessionId: string;
  unixUser: string;
  uid: number;
  /** The user's primary group, which the host's own commands in the session (setxkbmap) run with. */
  gid: number;
  display: number;
  /** Xvnc's Unix socket (mode 0600, owned by the user; root connects to it). */
  vncSocket: string;
  runtimeDir: string;
  /**
   * Where the agent must listen for the session's control requests, giving the socket to the user (0600). Its
   * folder is root:<user's group> 0750: root's, so no link can be swapped in there, and only the user gets in.
   */
  controlSocket: string;
  /** Identifies the session's processes: the inode of its network namespace. */
  netnsInode: number;
  /** The session's Xvnc: the desktop lives as long as it does. */
  xvncPid: number;
  /** For the RDP path's router, which logs in to Xvnc as the platform's gateway does. Root's state file only. */
  vncPassword: string;
  startedAt: string;
}

/** `<runtimeRoot>/<sessionId>.json`, root's: what an agent restarted finds its desktops by. */
export function statePath(runtimeRoot: string, sessionId: string): string {
  return join(runtimeRoot, `${sessionId}.json`);
}

export async function saveState(runtimeRoot: string, desktop: RunningDesktop): Promise<void> {
  await writeFileAtomic(
    statePath(runtimeRoot, desktop.sessionId),
    Buffer.from(JSON.stringify(desktop)),
    0o600,
  );
}

export async function removeState(runtimeRoot: string, sessionId: string): Promise<void> {
  await rm(statePath(runtimeRoot, sessionId), { force: true });
}

/** The desktops recorded in runtimeRoot, and the session ids of state files that cannot be read. */
export async function loadStates(
  runtimeRoot: string,
): Promise<{ desktops: RunningDesktop[]; unreadable: string[] }> {
  const names = await readdir(runtimeRoot).catch((error: unknown) => {
    if (isErrorCode(error, 'ENOENT')) return [];
    throw error;
  });
  const desktops: RunningDesktop[] = [];
  const unreadable: string[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json') && !entry.startsWith('.'))) {
    const sessionId = name.slice(0, -'.json'.length);
    try {
      const desktop = JSON.parse(await readFile(join(runtimeRoot, name), 'utf8')) as RunningDesktop;
      if (desktop.sessionId !== sessionId) throw new Error('state file of another session');
      desktops.push(desktop);
    } catch {
      unreadable.push(sessionId);
    }
  }
  return { desktops, unreadable };
}
