import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { isErrorCode } from '../storage/safe-path.js';
import type { RunningDesktop } from './desktop-session.js';

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
