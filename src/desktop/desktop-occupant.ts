import type { Db } from '../db/connect.js';

/** Who a desktop is for: the user, their projects, and the Unix ids the platform has given them so far. */
export interface DesktopOccupant {
  id: string;
  username: string;
  unixUid: number | null;
  projects: { id: string; name: string; unixGid: number | null }[];
}

/**
 * The one read of a desktop start (and of a change of membership) outside the desktop's own tables. It reads
 * identity's users and the projects module's project_members and projects, so it belongs to those modules
 * and moves there when their repositories exist.
 */
export async function readDesktopOccupant(db: Db, username: string): Promise<DesktopOccupant | undefined> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('project_members as m', 'm.user_id', 'u.id')
    .leftJoin('projects as p', 'p.id', 'm.project_id')
    .select([
      'u.id',
      'u.username',
      'u.unix_uid',
      'p.id as project_id',
      'p.name as project_name',
      'p.unix_gid',
    ])
    .where('u.username', '=', username)
    .orderBy('p.id')
    .execute();
  const user = rows[0];
  if (!user) return undefined;
  return {
    id: user.id,
    username: user.username,
    unixUid: user.unix_uid,
    projects: rows.flatMap((row) =>
      row.project_id === null || row.project_name === null
        ? []
        : [{ id: row.project_id, name: row.project_name, unixGid: row.unix_gid }],
    ),
  };
}
