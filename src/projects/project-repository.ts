import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { ProjectTables } from './project-tables.js';

// The SQL over `organisations` and `projects`. Each function takes the Db or the caller's transaction.

export async function organisationNamed(db: Db, name: string) {
  return db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst();
}

/** An organisation named so, or whose id is that text. */
export async function findOrganisation(db: Db, nameOrId: string) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb.or([eb('name', '=', nameOrId), eb(eb.cast('id', 'text'), '=', nameOrId)]))
    .executeTakeFirst();
}

export async function insertOrganisation(
  db: Db,
  organisation: Insertable<ProjectTables['organisations']>,
): Promise<string> {
  const { id } = await db
    .insertInto('organisations')
    .values(organisation)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function projectExists(db: Db, projectId: string): Promise<boolean> {
  const row = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
  return row !== undefined;
}

export async function insertProject(db: Db, project: Insertable<ProjectTables['projects']>): Promise<void> {
  await db.insertInto('projects').values(project).execute();
}

/** Every project with its organisation's name and its number of members. */
export async function listProjects(db: Db) {
  return db
    .selectFrom('projects')
    .innerJoin('organisations', 'organisations.id', 'projects.organisation_id')
    .select((eb) => [
      'projects.id',
      'projects.name',
      'organisations.name as organisation',
      'projects.ends_on',
      'projects.sensitive_data',
      eb
        .selectFrom('project_members')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('project_members.project_id', '=', 'projects.id')
        .as('members'),
    ])
    .orderBy('projects.id')
    .execute();
}

/** Project names by id. */
export async function projectNamesByIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('projects')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** R23: whether the project asks a person to look at uploads before they are delivered. */
export async function projectReviewsUploads(db: Db, projectId: string): Promise<boolean> {
  const row = await db
    .selectFrom('projects')
    .select('id')
    .where('id', '=', projectId)
    .where('upload_review', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any project the user is a member of asks for upload review. */
export async function anyProjectOfMemberReviewsUploads(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('projects')
    .innerJoin('project_members', 'project_members.project_id', 'projects.id')
    .select('projects.id')
    .where('projects.upload_review', '=', true)
    .where('project_members.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The projects that have a Unix group, which every host and file server must know by the same gid. */
export async function projectsWithUnixGid(db: Db) {
  return db.selectFrom('projects').select('id').where('unix_gid', 'is not', null).orderBy('id').execute();
}

export async function unixGidOf(db: Db, projectId: string) {
  return db.selectFrom('projects').select('unix_gid').where('id', '=', projectId).executeTakeFirst();
}

/** Gives the project this gid unless it has one already; of two concurrent callers the first wins. Answers the gid. */
export async function setUnixGidOnce(db: Db, projectId: string, gid: number): Promise<number> {
  await db
    .updateTable('projects')
    .set({ unix_gid: gid })
    .where('id', '=', projectId)
    .where('unix_gid', 'is', null)
    .execute();
  const row = await db
    .selectFrom('projects')
    .select('unix_gid')
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  return row.unix_gid as number;
}

export async function nextUnixGidCandidate(db: Db): Promise<number> {
  const { rows } = await sql<{ id: number }>`SELECT nextval('unix_gid_seq')::int AS id`.execute(db);
  return rows[0]?.id as number;
}
