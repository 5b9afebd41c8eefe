import type { Db } from '../db/connect.js';
import type { MemberRole } from './project-tables.js';

// The SQL over `project_members`. Each function takes the Db or the caller's transaction.

/** Makes the user a member with this role, or changes the role of a member. */
export async function upsertMember(
  db: Db,
  member: { projectId: string; userId: string; role: MemberRole },
): Promise<void> {
  await db
    .insertInto('project_members')
    .values({ project_id: member.projectId, user_id: member.userId, role: member.role })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role: member.role }))
    .execute();
}

/** Returns whether the user was a member. */
export async function deleteMember(db: Db, projectId: string, userId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('project_members')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return removed.numDeletedRows === 1n;
}

export async function isMember(db: Db, projectId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('project_members')
    .select('project_id')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The ids of the projects the user is a member of. */
export async function memberProjectIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_members')
    .select('project_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.project_id);
}

/** The user's projects by id, with their names and the user's role in each. */
export async function projectsOfMember(db: Db, userId: string) {
  return db
    .selectFrom('project_members')
    .innerJoin('projects', 'projects.id', 'project_members.project_id')
    .select(['projects.id', 'projects.name', 'projects.unix_gid', 'project_members.role'])
    .where('project_members.user_id', '=', userId)
    .orderBy('projects.id')
    .execute();
}
