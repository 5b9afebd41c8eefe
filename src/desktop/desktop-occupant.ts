import type { Db } from '../db/connect.js';
import { findUserByUsername } from '../identity/user-repository.js';
import { projectsOfMember } from '../projects/membership-repository.js';

/** Who a desktop is for: the user, their projects, and the Unix ids the platform has given them so far. */
export interface DesktopOccupant {
  id: string;
  username: string;
  unixUid: number | null;
  projects: { id: string; name: string; unixGid: number | null }[];
}

/** Read once per desktop start (and change of membership), from identity and projects, for all it needs. */
export async function readDesktopOccupant(db: Db, username: string): Promise<DesktopOccupant | undefined> {
  const user = await findUserByUsername(db, username);
  if (!user) return undefined;
  const projects = await projectsOfMember(db, user.id);
  return {
    id: user.id,
    username: user.username,
    unixUid: user.unix_uid,
    projects: projects.map((project) => ({ id: project.id, name: project.name, unixGid: project.unix_gid })),
  };
}
