import { readdir, readlink, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import type { RunningDesktop } from './desktop-state.js';
import { sessionPids } from './session-reaper.js';
import { SANDBOX_PROJECTS } from './session-sandbox.js';

/**
 * A member removed from a project loses its folder at once: the platform denies the folder by ACL, but a
 * process already inside it (its working directory, or a file it holds open) goes on reaching it by those
 * handles. Such processes of the desktop are killed. Answers how many.
 */
export async function closeRemovedProjects(
  desktop: RunningDesktop,
  projectsRoot: string,
  allowedProjectIds: string[],
): Promise<number> {
  // The desktop's own processes show their paths as they see them, under /projects.
  const roots = new Set([
    SANDBOX_PROJECTS,
    projectsRoot,
    await realpath(projectsRoot).catch(() => projectsRoot),
  ]);
  const allowed = new Set(allowedProjectIds);
  const forbidden = (path: string) => {
    for (const root of roots) {
      if (!path.startsWith(root + sep)) continue;
      const projectId = path.slice(root.length + 1).split(sep)[0] as string;
      if (!allowed.has(projectId)) return true;
    }
    return false;
  };
  let killed = 0;
  for (const pid of await sessionPids(desktop)) {
    if (await holdsForbiddenPath(pid, forbidden)) {
      try {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      } catch {
        // Gone already.
      }
    }
  }
  return killed;
}

async function holdsForbiddenPath(pid: number, forbidden: (path: string) => boolean): Promise<boolean> {
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
  if (forbidden(cwd)) return true;
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    if (forbidden(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''))) return true;
  }
  return false;
}
