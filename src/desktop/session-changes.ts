import { join } from 'node:path';
import { homeDirs } from '../storage/vault-paths.js';
import { type AgentAccess, agentFor } from './desktop-deps.js';
import { readDesktopOccupant } from './desktop-occupant.js';
import { liveSessionOf, updateKeyboard } from './desktop-session-repository.js';
import { desktopProjects } from './desktop-spec-builder.js';

// Changes to a desktop that runs: the platform records them and tells its host's agent.

/** Changes the keyboard layout of the user's running desktop; false when none runs. */
export async function changeKeyboard(
  deps: AgentAccess,
  userId: string,
  layout: 'se' | 'us',
): Promise<boolean> {
  const live = await liveSessionOf(deps.db, userId);
  if (live?.state !== 'running') return false;
  await updateKeyboard(deps.db, live.id, layout);
  await (await agentFor(deps, live.host_name))?.setKeyboard(live.id, layout);
  return true;
}

/**
 * After a change of membership: the user's live desktop gets the shortcuts of the projects they have now,
 * and its host takes away what a removed project's folder was still open in. The folder itself is denied
 * regardless (see withdrawMember), even when the desktop's host cannot be reached.
 */
export async function refreshDesktopProjects(
  access: AgentAccess,
  vaultRoot: string,
  username: string,
): Promise<'no-desktop' | 'told' | 'unreachable'> {
  const { db } = access;
  const occupant = await readDesktopOccupant(db, username);
  const live = occupant ? await liveSessionOf(db, occupant.id) : undefined;
  if (!occupant || live?.state !== 'running') return 'no-desktop';
  const agent = await agentFor(access, live.host_name);
  const change = {
    myDocuments: homeDirs(vaultRoot, username).myDocuments,
    projectsRoot: join(vaultRoot, 'projects'),
    projects: desktopProjects(vaultRoot, occupant),
  };
  const told = await agent?.setProjects(live.id, change).then(
    () => true,
    () => false,
  );
  return told ? 'told' : 'unreachable';
}
